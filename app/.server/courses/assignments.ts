import { Op, QueryTypes, UniqueConstraintError, type Transaction } from "sequelize";
import { audit } from "../audit";
import { getSequelize, inTransaction } from "../db/connection";
import { CourseAssignment, Mediator, OrgUnit } from "../db/models";
import { pathRange, type OrgScope } from "../org";
import { getCourse } from "./catalog";
import { withinScopes } from "../access";
import { notifyMany, notifyOnceSince } from "../notifications";
import type { Target } from "../access";
import { rosterEntryOfAccount } from "../roster/account-entry";

export type AssignInput = { courseSlug: string; orgUnitId: number; year: number; dueOn: string };
export type AssignActor = { id: number; scopes: OrgScope[]; ip: string };

/** The accounts of the active mediators under a node: those an assignment there is for. */
async function assignedUserIds(path: string, transaction: Transaction) {
  const { from, to } = pathRange(path);
  const people = await Mediator.findAll({
    where: { status: "active", userId: { [Op.ne]: null }, orgPath: { [Op.gte]: from, [Op.lt]: to } },
    attributes: ["userId"],
    transaction,
  });
  return people.map((m) => m.userId!);
}

/** A bureau assigns a course to its subtree for a year; the same course, node and year only once. */
export async function assignCourse(actor: AssignActor, input: AssignInput) {
  if (!getCourse(input.courseSlug)) return { ok: false as const, field: "courseSlug", error: "validation.choice" };
  const org = await OrgUnit.findByPk(input.orgUnitId, { attributes: ["id", "path"] });
  if (!org || !withinScopes(actor.scopes, org.path))
    return { ok: false as const, field: "orgUnitId", error: "validation.unknownCommittee" };
  try {
    const assignment = await inTransaction(async (transaction) => {
      const created = await CourseAssignment.create({ ...input, createdBy: actor.id }, { transaction });
      // Every active mediator with an account under the node is told, in the same transaction.
      const course = getCourse(input.courseSlug)!;
      await notifyMany(
        await assignedUserIds(org.path, transaction),
        "courseAssigned",
        { title: course.title, dueOn: input.dueOn },
        { type: "course", id: input.courseSlug },
        transaction,
      );
      await audit(
        {
          actorUserId: actor.id,
          action: "course.assigned",
          targetType: "course_assignment",
          targetId: created.id,
          orgUnitId: org.id,
          after: { ...input },
          ip: actor.ip,
        },
        transaction,
      );
      return created;
    });
    return { ok: true as const, assignment };
  } catch (error) {
    if (error instanceof UniqueConstraintError) return { ok: false as const, field: "courseSlug", error: "courses.assignExists" };
    throw error;
  }
}

/** Assignments made inside the admin's subtrees, with how many active mediators under each completed the course. */
export async function assignmentsWithCompletion(scopes: OrgScope[], year: number) {
  const sequelize = getSequelize();
  const rows = await CourseAssignment.findAll({
    where: { year },
    include: [{ model: OrgUnit, as: "orgUnit", attributes: ["id", "name", "path"], where: { [Op.or]: scopes.map((s) => s.where) } }],
    order: [
      ["dueOn", "ASC"],
      ["id", "ASC"],
    ],
  });
  return Promise.all(
    rows.map(async (a) => {
      const org = a.get("orgUnit") as OrgUnit;
      const { from, to } = pathRange(org.path);
      const [counts] = (await sequelize.query(
        `SELECT COUNT(*) AS total,
                SUM(CASE WHEN e.completed_at IS NOT NULL THEN 1 ELSE 0 END) AS completed
           FROM mediators m
           LEFT JOIN course_enrolments e ON e.user_id = m.user_id AND e.course_slug = :slug
          WHERE m.status = 'active' AND m.org_path >= :from AND m.org_path < :to`,
        { replacements: { slug: a.courseSlug, from, to }, type: QueryTypes.SELECT },
      )) as { total: number | string; completed: number | string | null }[];
      return {
        id: a.id,
        courseSlug: a.courseSlug,
        courseTitle: getCourse(a.courseSlug)?.title ?? a.courseSlug,
        orgName: org.name,
        dueOn: a.dueOn,
        total: Number(counts.total),
        completed: Number(counts.completed ?? 0),
      };
    }),
  );
}

/** The courses assigned this year to the subtree the user's roster entry sits in ("assigned to me"). */
export async function assignmentsForUser(userId: number, year: number) {
  const mediator = await rosterEntryOfAccount(userId);
  if (!mediator?.orgPath) return [];
  const ancestors = mediator.orgPath.split("/").filter(Boolean).map(Number);
  // Plain rows (raw): this runs on every workspace and needs two columns, not model instances.
  const rows = await CourseAssignment.findAll({
    where: { year, orgUnitId: { [Op.in]: ancestors } },
    attributes: ["courseSlug", "dueOn"],
    order: [["dueOn", "ASC"]],
    raw: true,
  });
  const seen = new Set<string>();
  return rows
    .filter((a) => (seen.has(a.courseSlug) ? false : (seen.add(a.courseSlug), true)))
    .map((a) => ({ courseSlug: a.courseSlug, dueOn: a.dueOn }));
}

/** An assignment by the id in a URL, with its node's path for the access table; null when unknown. */
export async function findAssignment(id: string | undefined): Promise<(Target & { assignment: CourseAssignment; org: OrgUnit }) | null> {
  const n = Number(id);
  const assignment = Number.isSafeInteger(n) && n > 0 ? await CourseAssignment.findByPk(n) : null;
  const org = assignment && (await OrgUnit.findByPk(assignment.orgUnitId, { attributes: ["id", "name", "path"] }));
  return assignment && org ? { assignment, org, orgPath: org.path } : null;
}

export const BEHIND_PAGE = 50;

/** FROM … WHERE of the active mediators under the node who have not completed the course. */
function behindSql(org: OrgUnit, slug: string) {
  const { from, to } = pathRange(org.path);
  return {
    sql: `FROM mediators m
      JOIN org_units o ON o.id = m.org_unit_id
      LEFT JOIN course_enrolments e ON e.user_id = m.user_id AND e.course_slug = :slug
     WHERE m.status = 'active' AND m.org_path >= :from AND m.org_path < :to AND e.completed_at IS NULL`,
    replacements: { slug, from, to },
  };
}

/**
 * Who is behind on an assignment: the active mediators under its node who have not completed the
 * course (started or not, with or without an account), committee by committee, one page of 50.
 */
export async function assignmentBehind(assignment: CourseAssignment, org: OrgUnit, page = 1) {
  const sequelize = getSequelize();
  const { sql, replacements } = behindSql(org, assignment.courseSlug);
  const [count] = (await sequelize.query(`SELECT COUNT(*) AS n ${sql}`, { replacements, type: QueryTypes.SELECT })) as {
    n: number | string;
  }[];
  const total = Number(count.n);
  const pages = Math.max(1, Math.ceil(total / BEHIND_PAGE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const rows = (await sequelize.query(
    `SELECT m.id, m.name, m.user_id, o.name AS committee, e.enrolled_at ${sql}
      ORDER BY m.org_path, m.name, m.id LIMIT :limit OFFSET :offset`,
    { replacements: { ...replacements, limit: BEHIND_PAGE, offset: (current - 1) * BEHIND_PAGE }, type: QueryTypes.SELECT },
  )) as { id: number; name: string; user_id: number | null; committee: string; enrolled_at: unknown }[];
  return {
    total,
    page: current,
    pages,
    rows: rows.map((r) => ({
      id: Number(r.id),
      name: String(r.name),
      committee: String(r.committee),
      hasAccount: r.user_id != null,
      started: r.enrolled_at != null,
    })),
  };
}

/**
 * Reminds everyone behind on the assignment who has an account, at most once a day each (the same
 * reminder code as the compliance list's), with an audit row; returns how many were sent.
 */
export async function remindBehind(actor: AssignActor, assignment: CourseAssignment, org: OrgUnit, today: string) {
  const { sql, replacements } = behindSql(org, assignment.courseSlug);
  const course = getCourse(assignment.courseSlug);
  return inTransaction(async (transaction) => {
    const rows = (await getSequelize().query(`SELECT m.user_id ${sql} AND m.user_id IS NOT NULL`, {
      replacements,
      type: QueryTypes.SELECT,
      transaction,
    })) as { user_id: number }[];
    const sent = await notifyOnceSince(
      rows.map((r) => ({ userId: Number(r.user_id), params: { title: course?.title ?? assignment.courseSlug, dueOn: assignment.dueOn } })),
      "courseReminder",
      { type: "course", id: assignment.courseSlug },
      new Date(`${today}T00:00:00+08:00`),
      transaction,
    );
    await audit(
      {
        actorUserId: actor.id,
        action: "course.reminded",
        targetType: "course_assignment",
        targetId: assignment.id,
        orgUnitId: org.id,
        after: { sent, behind: rows.length },
        ip: actor.ip,
      },
      transaction,
    );
    return { sent, skipped: rows.length - sent };
  });
}

/** Moves an assignment's due date (inside its year), audited; the assigned mediators are told. */
export async function changeAssignmentDue(actor: AssignActor, assignment: CourseAssignment, org: OrgUnit, dueOn: string) {
  if (!dueOn.startsWith(String(assignment.year))) return { ok: false as const, field: "dueOn", error: "courses.dueInYear" };
  await inTransaction(async (transaction) => {
    const fresh = await CourseAssignment.findByPk(assignment.id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!fresh || fresh.dueOn === dueOn) return;
    const before = fresh.dueOn;
    await fresh.update({ dueOn }, { transaction });
    const course = getCourse(fresh.courseSlug);
    await notifyMany(
      await assignedUserIds(org.path, transaction),
      "courseDueChanged",
      { title: course?.title ?? fresh.courseSlug, dueOn },
      { type: "course", id: fresh.courseSlug },
      transaction,
    );
    await audit(
      {
        actorUserId: actor.id,
        action: "course.assignment_changed",
        targetType: "course_assignment",
        targetId: fresh.id,
        orgUnitId: org.id,
        before: { dueOn: before },
        after: { dueOn },
        ip: actor.ip,
      },
      transaction,
    );
  });
  return { ok: true as const };
}

/** Withdraws an assignment (the row goes; the audit log keeps what it was); the assigned mediators are told. */
export async function withdrawAssignment(actor: AssignActor, assignment: CourseAssignment, org: OrgUnit, reason: string) {
  await inTransaction(async (transaction) => {
    const fresh = await CourseAssignment.findByPk(assignment.id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!fresh) return;
    const course = getCourse(fresh.courseSlug);
    await fresh.destroy({ transaction });
    await notifyMany(
      await assignedUserIds(org.path, transaction),
      "courseWithdrawn",
      { title: course?.title ?? fresh.courseSlug },
      { type: "course", id: fresh.courseSlug },
      transaction,
    );
    await audit(
      {
        actorUserId: actor.id,
        action: "course.assignment_withdrawn",
        targetType: "course_assignment",
        targetId: fresh.id,
        orgUnitId: org.id,
        before: { courseSlug: fresh.courseSlug, year: fresh.year, dueOn: fresh.dueOn, orgUnitId: fresh.orgUnitId },
        reason,
        ip: actor.ip,
      },
      transaction,
    );
  });
}
