import { Op, type Transaction } from "sequelize";
import type { NotificationSubject } from "~/lib/notifications";
import { Notification } from "./db/models";

/** The stored form of a subject. */
export const subjectColumns = (subject: NotificationSubject | null) => ({
  subjectType: subject?.type ?? null,
  subjectId: subject?.id == null ? null : String(subject.id),
});

/** Leaves a message for a user, in the caller's transaction (it exists only if the change does). */
export async function notify(
  userId: number,
  kind: string,
  params: Record<string, string | number>,
  subject: NotificationSubject | null,
  transaction: Transaction,
) {
  await Notification.create({ userId, kind, params, ...subjectColumns(subject) }, { transaction });
}

/** The same message for many users (an assignment, an event change), in the caller's transaction. */
export async function notifyMany(
  userIds: Iterable<number>,
  kind: string,
  params: Record<string, string | number>,
  subject: NotificationSubject | null,
  transaction: Transaction,
) {
  const ids = [...new Set(userIds)];
  for (let i = 0; i < ids.length; i += 500) {
    await Notification.bulkCreate(
      ids.slice(i, i + 500).map((userId) => ({ userId, kind, params, ...subjectColumns(subject) })),
      { transaction },
    );
  }
  return ids.length;
}

/**
 * A reminder: one message of `kind` about `subject` to each recipient who has not had one about it
 * since `since` (the start of the day, for "at most once a day"), in the caller's transaction.
 * Returns how many were written. The compliance reminders and the course-assignment reminders use it.
 */
export async function notifyOnceSince(
  recipients: { userId: number; params: Record<string, string | number> }[],
  kind: string,
  subject: NotificationSubject,
  since: Date,
  transaction: Transaction,
) {
  const columns = subjectColumns(subject);
  const already = new Set<number>();
  for (let i = 0; i < recipients.length; i += 1000) {
    const found = await Notification.findAll({
      where: {
        userId: { [Op.in]: recipients.slice(i, i + 1000).map((r) => r.userId) },
        kind,
        subjectType: columns.subjectType,
        subjectId: columns.subjectId,
        createdAt: { [Op.gte]: since },
      },
      attributes: ["userId"],
      transaction,
    });
    for (const n of found) already.add(n.userId);
  }
  const fresh = recipients.filter((r) => !already.has(r.userId) && (already.add(r.userId), true));
  for (let i = 0; i < fresh.length; i += 500) {
    await Notification.bulkCreate(
      fresh.slice(i, i + 500).map((r) => ({ userId: r.userId, kind, params: r.params, ...columns })),
      { transaction },
    );
  }
  return fresh.length;
}

/** How many unread messages the user has (the header's badge). */
export const unreadCount = (userId: number) => Notification.count({ where: { userId, readAt: null } });

const view = (n: Notification) => ({
  id: n.id,
  kind: n.kind,
  params: n.params,
  subject: { type: n.subjectType, id: n.subjectId },
  createdAt: n.createdAt.toISOString(),
  read: n.readAt != null,
});

/** The user's unread messages, newest first. */
export async function unreadNotifications(userId: number) {
  const rows = await Notification.findAll({
    where: { userId, readAt: null },
    order: [
      ["createdAt", "DESC"],
      ["id", "DESC"],
    ],
    limit: 20,
  });
  return rows.map(view);
}

/** All the user's messages, read or not, newest first (the latest `limit`). */
export async function allNotifications(userId: number, limit = 100) {
  const rows = await Notification.findAll({
    where: { userId },
    order: [
      ["createdAt", "DESC"],
      ["id", "DESC"],
    ],
    limit,
  });
  return rows.map(view);
}

/** Marks one of the user's own messages read; another user's id changes nothing. */
export async function markRead(userId: number, id: number): Promise<boolean> {
  if (!Number.isSafeInteger(id)) return false;
  const [changed] = await Notification.update({ readAt: new Date() }, { where: { id, userId, readAt: null } });
  return changed === 1;
}
