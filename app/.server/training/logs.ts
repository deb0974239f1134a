import { Op, type Transaction, type WhereOptions } from "sequelize";
import { MAX_FILES, type LogStatus, type TrainingLogInput } from "~/lib/training-log";
import zhCN from "~/locales/zh-CN/common.json";
import { audit } from "../audit";
import type { CurrentUser } from "../auth/users";
import { can, scopesFor, type Target } from "../access";
import { inTransaction } from "../db/connection";
import { AttachmentLimitError, withAttachments } from "../attachments";
import { Mediator, OrgUnit, RoleGrant, TrainingLog, User } from "../db/models";
import { orgPathInScopes } from "../org";
import { notify } from "../notifications";
import { UploadStorageError, uploadError, type Upload } from "../uploads";
import { recordTraining, removeTraining } from "./ledger";

export type LogErrors = Record<string, string[]>;

/** Trainers a mediator may name as supervisor: trainer grants over their committee. */
export async function supervisorOptions(orgPath: string) {
  const ancestors = orgPath.split("/").filter(Boolean).map(Number);
  const grants = await RoleGrant.findAll({
    where: { role: "trainer", orgUnitId: { [Op.in]: ancestors } },
    include: [{ model: User, as: "user", attributes: ["id", "displayName", "status"] }],
  });
  const seen = new Map<number, string>();
  for (const g of grants) {
    const u = g.get("user") as User;
    if (u.status === "active") seen.set(u.id, u.displayName);
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}

export async function mediatorOf(userId: number) {
  return Mediator.findOne({ where: { userId } });
}

/** A mediator creates or edits their own log (draft or rejected), optionally submitting it. */
export async function saveLog(
  user: CurrentUser,
  input: TrainingLogInput,
  files: Upload[],
  existing?: TrainingLog,
): Promise<{ ok: true; log: TrainingLog } | { ok: false; errors: LogErrors }> {
  const mediator = await mediatorOf(user.id);
  if (!mediator) return { ok: false, errors: { "": ["training.noProfile"] } };
  if (existing && (existing.authorUserId !== user.id || !["draft", "rejected"].includes(existing.status))) {
    return { ok: false, errors: { "": ["training.notEditable"] } };
  }
  if (input.supervisorUserId && !(await supervisorOptions(mediator.orgPath)).some((s) => s.id === input.supervisorUserId)) {
    return { ok: false, errors: { supervisorUserId: ["validation.choice"] } };
  }
  const fileError = uploadError(files, { max: MAX_FILES });
  if (fileError) return { ok: false, errors: { files: [fileError] } };

  const notEditable = new Error("not editable");
  try {
    // A file already attached to this log (saved with the draft) is not stored again on submit.
    const log = await withAttachments((attach) =>
      inTransaction(async (transaction) => {
        const status: LogStatus = input.intent === "submit" ? "submitted" : "draft";
        const values = {
          type: input.type,
          occurredOn: input.occurredOn,
          hours: input.hours,
          place: input.place,
          supervisorUserId: input.supervisorUserId ?? null,
          supervisorName: input.supervisorUserId ? null : (input.supervisorName ?? null),
          reflection: input.reflection,
          status,
          submittedAt: status === "submitted" ? new Date() : null,
        };
        // Locked and read again: a log submitted meanwhile (a second tab, a double tap) stays as it is.
        const current = existing ? await TrainingLog.findByPk(existing.id, { transaction, lock: transaction.LOCK.UPDATE }) : null;
        if (existing && (!current || !["draft", "rejected"].includes(current.status))) throw notEditable;
        const log = current
          ? await current.update(values, { transaction })
          : await TrainingLog.create(
              { ...values, mediatorId: mediator.id, authorUserId: user.id, orgPath: mediator.orgPath },
              { transaction },
            );
        await attach(transaction, { kind: "log", id: log.id }, files, { max: MAX_FILES, uploadedBy: user.id });
        return log;
      }),
    );
    return { ok: true, log };
  } catch (thrown) {
    if (thrown instanceof AttachmentLimitError || thrown instanceof UploadStorageError)
      return { ok: false, errors: { files: [thrown.error] } };
    if (thrown === notEditable) return { ok: false, errors: { "": ["training.notEditable"] } };
    throw thrown;
  }
}

/** A log's facts for the access table: its author, its supervisor, the mediator's place in the tree. */
export const logFacts = (log: Pick<TrainingLog, "authorUserId" | "supervisorUserId" | "orgPath">): Target => ({
  ownerId: log.authorUserId,
  namedIds: log.supervisorUserId ? [log.supervisorUserId] : [],
  orgPath: log.orgPath,
});

/** Who may decide on a log: the trainer named as supervisor, or an admin over the mediator's org. */
export const canDecide = (user: CurrentUser, log: Pick<TrainingLog, "authorUserId" | "supervisorUserId" | "orgPath">) =>
  can(user, "log:verify", logFacts(log));

/** A log by the id in a URL, and its access facts; null for an unknown id. */
export async function findLog(id: string | number | undefined) {
  const n = Number(id);
  const log = Number.isSafeInteger(n) && n > 0 ? await TrainingLog.findByPk(n) : null;
  return log && { log, ...logFacts(log) };
}

/**
 * Who and where a log is about, for its page: the mediator, their committee and the supervisor
 * (the trainer's account name when one is named, else the name the author typed).
 */
export async function logPeople(log: Pick<TrainingLog, "mediatorId" | "supervisorUserId" | "supervisorName">) {
  const mediator = await Mediator.findByPk(log.mediatorId, {
    attributes: ["id", "name", "orgUnitId"],
    include: [{ model: OrgUnit, as: "committee", attributes: ["name"] }],
  });
  const supervisor = log.supervisorUserId ? await User.findByPk(log.supervisorUserId, { attributes: ["displayName"] }) : null;
  return {
    mediatorId: mediator?.id ?? null,
    mediatorName: mediator?.name ?? "",
    committee: (mediator?.get("committee") as OrgUnit | undefined)?.name ?? "",
    supervisor: supervisor?.displayName ?? log.supervisorName ?? "",
  };
}

const typeLabel = (type: string) => (zhCN.training.logType as Record<string, string>)[type] ?? type;

async function decide(
  user: CurrentUser,
  log: TrainingLog,
  ip: string,
  transaction: Transaction,
  verdict: { status: "verified" } | { status: "rejected"; reason: string },
) {
  const before = log.status;
  await log.update(
    {
      status: verdict.status,
      decidedBy: user.id,
      decidedAt: new Date(),
      rejectionReason: verdict.status === "rejected" ? verdict.reason : null,
    },
    { transaction },
  );
  if (verdict.status === "verified") {
    await recordTraining(
      {
        source: "log",
        sourceId: log.id,
        userId: log.authorUserId,
        occurredOn: log.occurredOn,
        hours: log.hours,
        form: log.type,
        kind: null,
        title: `${typeLabel(log.type)} · ${log.place}`,
      },
      transaction,
    );
  } else if (before === "verified") {
    await removeTraining("log", log.id, transaction);
  }
  // The author hears the verdict in the same transaction (a verify of a log no longer submitted never reaches here).
  const about = { type: typeLabel(log.type), date: String(log.occurredOn), place: log.place };
  if (verdict.status === "verified") await notify(log.authorUserId, "logVerified", about, { type: "log", id: log.id }, transaction);
  else await notify(log.authorUserId, "logReturned", { ...about, reason: verdict.reason }, { type: "log", id: log.id }, transaction);
  const mediator = await Mediator.findByPk(log.mediatorId, { attributes: ["orgUnitId"], transaction });
  await audit(
    {
      actorUserId: user.id,
      action: verdict.status === "verified" ? "training_log.verified" : "training_log.rejected",
      targetType: "training_log",
      targetId: log.id,
      orgUnitId: mediator?.orgUnitId ?? null,
      before: { status: before },
      after: { status: verdict.status },
      reason: verdict.status === "rejected" ? verdict.reason : null,
      ip,
    },
    transaction,
  );
}

/** Verifies submitted logs the user may decide on (one ledger row each, however often). Returns how many changed. */
export async function verifyLogs(user: CurrentUser, ids: number[], ip: string): Promise<number> {
  let changed = 0;
  await inTransaction(async (transaction) => {
    // FOR UPDATE: two verifiers at once must not both see "submitted" (MySQL reads a snapshot otherwise).
    const logs = await TrainingLog.findAll({
      where: { id: { [Op.in]: ids }, status: "submitted" },
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    for (const log of logs) {
      if (!canDecide(user, log)) continue;
      await decide(user, log, ip, transaction, { status: "verified" });
      changed++;
    }
  });
  return changed;
}

/** Rejects a submitted or verified log with a reason; a verified log's ledger row goes with it. */
export async function rejectLog(user: CurrentUser, log: TrainingLog, reason: string, ip: string) {
  if (!canDecide(user, log)) return false;
  return inTransaction(async (transaction) => {
    const fresh = await TrainingLog.findByPk(log.id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!fresh || !["submitted", "verified"].includes(fresh.status)) return false;
    await decide(user, fresh, ip, transaction, { status: "rejected", reason });
    return true;
  });
}

/** The verification queue: logs the user supervises, plus all logs in their admin subtrees. */
export async function verificationQueue(user: CurrentUser, filter: { status: LogStatus; type?: string }) {
  const who: WhereOptions[] = [{ supervisorUserId: user.id }];
  const adminScopes = scopesFor(user, "log:verify");
  if (adminScopes.length) who.push(orgPathInScopes(adminScopes));
  const logs = await TrainingLog.findAll({
    where: { [Op.and]: [{ [Op.or]: who }, { status: filter.status }, filter.type ? { type: filter.type } : {}] },
    include: [{ model: Mediator, as: "mediator", attributes: ["name"] }],
    order: [
      ["submittedAt", "ASC"],
      ["id", "ASC"],
    ],
    limit: 200,
  });
  return logs.filter((l) => canDecide(user, l));
}

export async function logsOfUser(userId: number) {
  return TrainingLog.findAll({
    where: { authorUserId: userId },
    order: [
      ["occurredOn", "DESC"],
      ["id", "DESC"],
    ],
  });
}
