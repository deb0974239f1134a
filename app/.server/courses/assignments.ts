import { Op, QueryTypes, UniqueConstraintError } from "sequelize";
import { audit } from "../audit";
import { getSequelize, inTransaction } from "../db/connection";
import { CourseAssignment, Mediator, OrgUnit } from "../db/models";
import { pathRange, type OrgScope } from "../org";
import { getCourse } from "./catalog";
import { withinScopes } from "../access";
import { notifyMany } from "../notifications";

export type AssignInput = { courseSlug: string; orgUnitId: number; year: number; dueOn: string };
export type AssignActor = { id: number; scopes: OrgScope[]; ip: string };

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
      const { from, to } = pathRange(org.path);
      const people = await Mediator.findAll({
        where: { status: "active", userId: { [Op.ne]: null }, orgPath: { [Op.gte]: from, [Op.lt]: to } },
        attributes: ["userId"],
        transaction,
      });
      const course = getCourse(input.courseSlug)!;
      await notifyMany(
        people.map((m) => m.userId!),
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
  const mediator = await Mediator.findOne({ where: { userId }, attributes: ["orgPath"] });
  if (!mediator?.orgPath) return [];
  const ancestors = mediator.orgPath.split("/").filter(Boolean).map(Number);
  const rows = await CourseAssignment.findAll({ where: { year, orgUnitId: { [Op.in]: ancestors } }, order: [["dueOn", "ASC"]] });
  const seen = new Set<string>();
  return rows
    .filter((a) => (seen.has(a.courseSlug) ? false : (seen.add(a.courseSlug), true)))
    .map((a) => ({ courseSlug: a.courseSlug, dueOn: a.dueOn }));
}
