import { zonedToInstant } from "~/lib/dates";
import { withinScopes } from "../access";
import { Op } from "sequelize";
import { inTransaction } from "../db/connection";
import { withAttachments } from "../attachments";
import { CourseEnrolment, Exercise, ExerciseSubmission, Mediator, OrgUnit } from "../db/models";
import { UploadStorageError, uploadError, type Upload } from "../uploads";
import { pathIds, type OrgScope } from "../org";
import { getCourse } from "../courses/catalog";
import { getRubric } from "./rubrics";

/** Case materials per exercise. */
export const MAX_MATERIALS = 5;

export { exerciseSchema, type ExerciseInput } from "~/lib/exercise";
import type { ExerciseInput } from "~/lib/exercise";
export type FieldErrors = Record<string, string[]>;

/**
 * Sets an exercise for a subtree or a course's students. The actor needs trainer or admin rights
 * over the audience node (or, for a course, sets it for their own node's mediators enrolled in it);
 * the rubric is copied, so later edits to the library never change how this exercise is graded.
 */
export async function createExercise(
  actor: { id: number; scopes: OrgScope[] },
  input: ExerciseInput,
  materials: Upload[] = [],
  at = new Date(),
) {
  const errors: FieldErrors = {};
  const fileError = uploadError(materials, { max: MAX_MATERIALS });
  if (fileError) errors.materials = [fileError];
  const rubric = await getRubric(actor.scopes, input.rubricId);
  if (!rubric) errors.rubricId = ["exercise.rubricUnknown"];
  const dueAt = zonedToInstant(input.dueAt);
  if (Number.isNaN(dueAt.getTime()) || dueAt <= at) errors.dueAt = ["exercise.duePast"];
  let audienceOrgUnitId: number | null = null;
  let audienceCourseSlug: string | null = null;
  let ownerOrgId = actor.scopes[0]?.rootId;
  if (input.audience.startsWith("org:")) {
    const org = await OrgUnit.findByPk(Number(input.audience.slice(4)), { attributes: ["id", "path"] });
    if (!org || !withinScopes(actor.scopes, org.path)) errors.audience = ["exercise.audienceOutside"];
    else audienceOrgUnitId = ownerOrgId = org.id;
  } else {
    audienceCourseSlug = input.audience.slice(7);
    if (!getCourse(audienceCourseSlug)) errors.audience = ["exercise.audienceOutside"];
  }
  if (Object.keys(errors).length || !rubric || ownerOrgId === undefined) return { ok: false as const, errors };
  const r = rubric.rubric;
  const exercise = await withAttachments((attach) =>
    inTransaction(async (transaction) => {
      const created = await Exercise.create(
        {
          orgUnitId: ownerOrgId,
          title: input.title,
          brief: input.brief,
          rubricId: r.id,
          rubric: { title: r.title, description: r.description ?? "", criteria: r.criteria, maxPoints: r.maxPoints },
          passPercent: input.passPercent,
          audienceOrgUnitId,
          audienceCourseSlug,
          dueAt,
          latePolicy: input.latePolicy,
          resubmissions: input.resubmissions,
          hours: input.hours,
          form: input.form,
          anonymous: input.anonymous,
          createdBy: actor.id,
        },
        { transaction },
      );
      await attach(transaction, { kind: "exercise", id: created.id }, materials, { max: MAX_MATERIALS, uploadedBy: actor.id });
      return created;
    }),
  ).catch((error: unknown) => {
    // The disk would not take a material: the exercise is rolled back and the form says so.
    if (error instanceof UploadStorageError) return error;
    throw error;
  });
  if (exercise instanceof UploadStorageError) return { ok: false as const, errors: { materials: [exercise.error] } as FieldErrors };
  return { ok: true as const, exercise };
}

/** Staff see an exercise whose owner node lies in their scopes. */
const staffCan = (scopes: OrgScope[], ownerPath: string) => withinScopes(scopes, ownerPath);

/**
 * Whether a mediator (their org path, the courses they are enrolled in) belongs to the exercise's
 * audience: under the audience node, or (course audience) under the owner node and enrolled.
 */
function memberOf(mediatorPath: string | null, courses: Set<string>, exercise: Exercise, ownerPath: string, audiencePath: string | null) {
  if (!mediatorPath) return false;
  if (audiencePath) return mediatorPath.startsWith(audiencePath);
  return Boolean(exercise.audienceCourseSlug && mediatorPath.startsWith(ownerPath) && courses.has(exercise.audienceCourseSlug));
}

/** The user's active roster entry's path and their course enrolments. */
async function membership(userId: number) {
  const [mediator, enrolments] = await Promise.all([
    Mediator.findOne({ where: { userId, status: "active" }, attributes: ["id", "orgPath"] }),
    CourseEnrolment.findAll({ where: { userId }, attributes: ["courseSlug"] }),
  ]);
  return { path: mediator?.orgPath ?? null, courses: new Set(enrolments.map((e) => e.courseSlug)) };
}

async function pathsOf(exercise: Exercise) {
  const ids = [exercise.orgUnitId, exercise.audienceOrgUnitId].filter((v): v is number => v !== null);
  const units = await OrgUnit.findAll({ where: { id: ids }, attributes: ["id", "path", "name"] });
  const owner = units.find((u) => u.id === exercise.orgUnitId)!;
  const audience = exercise.audienceOrgUnitId ? (units.find((u) => u.id === exercise.audienceOrgUnitId) ?? null) : null;
  return { owner, audience };
}

/**
 * An exercise as this user may see it: as staff (trainer/admin over its node), as audience, or not
 * at all (null). `orgPath` and `audience` are its facts for the access table.
 */
export async function exerciseFor(user: { id: number; scopes: OrgScope[] }, id: number) {
  const exercise = Number.isSafeInteger(id) ? await Exercise.findByPk(id) : null;
  if (!exercise) return null;
  const { owner, audience } = await pathsOf(exercise);
  const staff = staffCan(user.scopes, owner.path);
  const { path, courses } = await membership(user.id);
  const member = memberOf(path, courses, exercise, owner.path, audience?.path ?? null);
  if (!staff && !member) return null;
  return { exercise, staff, member, audienceName: audience?.name ?? null, orgPath: owner.path, audience: member };
}

/** How many exercises each list shows, latest due first. */
export const LIST_LIMIT = 500;

/**
 * Exercises for the user's own work (audience) and those they manage (staff), latest due first.
 * Both lists are selected in SQL: an audience node is one of the ids on the mediator's path, a
 * course audience needs the owner there too and an enrolment; staff see exercises whose owner node
 * lies in one of their scopes.
 */
export async function exerciseLists(user: { id: number; scopes: OrgScope[] }) {
  const { path, courses } = await membership(user.id);
  const ancestors = path ? pathIds(path) : [];
  const order: [string, string][] = [
    ["dueAt", "DESC"],
    ["id", "DESC"],
  ];
  const [mineRows, managed, submissions] = await Promise.all([
    ancestors.length
      ? Exercise.findAll({
          where: {
            [Op.or]: [
              { audienceOrgUnitId: ancestors },
              ...(courses.size ? [{ audienceOrgUnitId: null, audienceCourseSlug: [...courses], orgUnitId: ancestors }] : []),
            ],
          },
          order,
          limit: LIST_LIMIT,
        })
      : Promise.resolve([]),
    user.scopes.length
      ? Exercise.findAll({
          include: [{ model: OrgUnit, as: "orgUnit", attributes: [], required: true, where: { [Op.or]: user.scopes.map((s) => s.where) } }],
          order,
          limit: LIST_LIMIT,
        })
      : Promise.resolve([]),
    ExerciseSubmission.findAll({ where: { userId: user.id }, attributes: ["exerciseId", "state", "score", "passed", "releasedAt"] }),
  ]);
  const submissionOf = new Map(submissions.map((s) => [s.exerciseId, s]));
  const mine = mineRows.map((exercise) => ({ exercise, submission: submissionOf.get(exercise.id) ?? null }));
  return { mine, managed };
}
