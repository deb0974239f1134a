import { withinScopes } from "../access";
import { Op, type Transaction, type WhereOptions } from "sequelize";
import { scoreOf, type RubricGrade } from "~/lib/rubric";
import { todayInChina } from "~/lib/dates";
import { audit } from "../audit";
import { inTransaction } from "../db/connection";
import { attachmentViews } from "../attachments";
import { Exercise, ExerciseSubmission, Mediator } from "../db/models";
import type { SubmissionState } from "../db/models/Exercise";
import { orgPathInScopes, type OrgScope } from "../org";
import { renderMarkdown } from "../markdown";
import { notify } from "../notifications";
import { recordTraining, removeTraining } from "../training/ledger";

/**
 * Trainers grade exercise submissions of mediators in their subtree with the exercise's rubric:
 * a queue with counts, "next ungraded", grading as a draft, release, return for revision, and
 * moderation of a released grade with a reason. Every change is audited; optimistic locking keeps
 * two graders from overwriting each other; anonymous exercises hide names until release.
 */

const QUEUE_STATES: SubmissionState[] = ["submitted", "graded", "returned", "released"];

function queueWhere(scopes: OrgScope[], exerciseId?: number): WhereOptions {
  return { ...orgPathInScopes(scopes), state: { [Op.in]: QUEUE_STATES }, ...(exerciseId ? { exerciseId } : {}) };
}

/** The name a grader may see: the code while an anonymous exercise is not yet released. */
export const shownName = (
  exercise: Pick<Exercise, "anonymous">,
  submission: Pick<ExerciseSubmission, "state" | "anonCode">,
  name: string | null,
) => (exercise.anonymous && submission.state !== "released" ? submission.anonCode : (name ?? "—"));

/** Submissions in the scopes per state (optionally of one exercise). */
export async function submissionCounts(scopes: OrgScope[], exerciseId?: number): Promise<Record<SubmissionState, number>> {
  const counted = (await ExerciseSubmission.count({ where: queueWhere(scopes, exerciseId), group: ["state"] })) as unknown as {
    state: SubmissionState;
    count: number;
  }[];
  return Object.fromEntries(QUEUE_STATES.map((s) => [s, Number(counted.find((c) => c.state === s)?.count ?? 0)])) as Record<
    SubmissionState,
    number
  >;
}

export async function submissionQueue(scopes: OrgScope[], filter: { exerciseId?: number; state?: SubmissionState }, limit = 100) {
  const where = queueWhere(scopes, filter.exerciseId);
  const counts = await submissionCounts(scopes, filter.exerciseId);
  const rows = await ExerciseSubmission.findAll({
    where: { ...where, ...(filter.state ? { state: filter.state } : {}) },
    include: [
      { model: Exercise, as: "exercise", attributes: ["id", "title", "anonymous", "rubric"] },
      { model: Mediator, as: "mediator", attributes: ["name"] },
    ],
    attributes: ["id", "exerciseId", "state", "submittedAt", "late", "score", "anonCode"],
    order: [
      ["submittedAt", "ASC"],
      ["id", "ASC"],
    ],
    limit,
  });
  return {
    counts,
    rows: rows.map((s) => {
      const exercise = s.get("exercise") as Exercise;
      return {
        id: s.id,
        exerciseId: s.exerciseId,
        exerciseTitle: exercise.title,
        state: s.state,
        submittedAt: s.submittedAt?.toISOString() ?? null,
        late: s.late,
        score: s.score ?? null,
        maxPoints: exercise.rubric.maxPoints,
        name: shownName(exercise, s, (s.get("mediator") as Mediator | null)?.name ?? null),
      };
    }),
  };
}

/** The oldest submitted, not yet graded submission in the scopes (optionally of one exercise). */
export async function nextUngraded(scopes: OrgScope[], exerciseId?: number, except?: number): Promise<number | null> {
  const next = await ExerciseSubmission.findOne({
    where: {
      ...orgPathInScopes(scopes),
      state: "submitted",
      ...(exerciseId ? { exerciseId } : {}),
      ...(except ? { id: { [Op.ne]: except } } : {}),
    },
    attributes: ["id"],
    order: [
      ["submittedAt", "ASC"],
      ["id", "ASC"],
    ],
  });
  return next?.id ?? null;
}

/** A submission with its exercise for a grader, or null outside their scopes or still a draft. */
export async function submissionForGrading(scopes: OrgScope[], id: number) {
  const submission = Number.isSafeInteger(id)
    ? await ExerciseSubmission.findByPk(id, {
        include: [
          { model: Exercise, as: "exercise" },
          { model: Mediator, as: "mediator", attributes: ["name"] },
        ],
      })
    : null;
  if (!submission || submission.state === "draft" || !submission.orgPath || !withinScopes(scopes, submission.orgPath)) return null;
  const exercise = submission.get("exercise") as Exercise;
  return {
    submission,
    exercise,
    orgPath: submission.orgPath,
    name: shownName(exercise, submission, (submission.get("mediator") as Mediator | null)?.name ?? null),
    bodyHtml: renderMarkdown(submission.body),
    files: await attachmentViews("submission", submission.id),
  };
}

export type GradeIntent = "save" | "release" | "return";
export type GradeInput = { grade: RubricGrade; overallComment: string; version: number; intent: GradeIntent; reason: string };
export type GradeError =
  "notFound" | "conflict" | "invalidLevel" | "incomplete" | "notGradable" | "alreadyReleased" | "reasonRequired" | "returnNeedsComment";

async function credit(submission: ExerciseSubmission, exercise: Exercise, transaction: Transaction) {
  if (submission.passed) {
    await recordTraining(
      {
        source: "exercise",
        sourceId: submission.id,
        userId: submission.userId,
        occurredOn: todayInChina(submission.releasedAt ?? new Date()),
        hours: exercise.hours,
        form: exercise.form,
        kind: null,
        title: exercise.title,
      },
      transaction,
    );
  } else {
    await removeTraining("exercise", submission.id, transaction);
  }
}

/**
 * Saves a grade as a draft, releases it, or returns the submission for revision. The version the
 * grader loaded must still be current (else "conflict", nothing written). Changing a released
 * grade needs a reason; its training record follows the new pass/fail.
 */
export async function saveGrade(
  actor: { id: number; scopes: OrgScope[]; ip?: string },
  id: number,
  input: GradeInput,
): Promise<{ ok: true; state: SubmissionState } | { ok: false; error: GradeError }> {
  const found = await submissionForGrading(actor.scopes, id);
  if (!found) return { ok: false, error: "notFound" };
  const { exercise } = found;
  const scored = scoreOf(exercise.rubric, input.grade);
  if (!scored) return { ok: false, error: "invalidLevel" };
  return inTransaction(async (transaction) => {
    const submission = (await ExerciseSubmission.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE }))!;
    if (submission.lockVersion !== input.version) return { ok: false as const, error: "conflict" as const };
    if (!["submitted", "graded", "released"].includes(submission.state)) return { ok: false as const, error: "notGradable" as const };
    const released = submission.state === "released";
    if (input.intent === "release" && released) return { ok: false as const, error: "alreadyReleased" as const };
    if (input.intent === "return" && released) return { ok: false as const, error: "notGradable" as const };
    if (released && !input.reason) return { ok: false as const, error: "reasonRequired" as const };
    if ((input.intent === "release" || released) && !scored.complete) return { ok: false as const, error: "incomplete" as const };
    if (input.intent === "return" && !input.overallComment) return { ok: false as const, error: "returnNeedsComment" as const };

    const before = {
      state: submission.state,
      score: submission.score ?? null,
      grade: submission.grade ?? null,
      overallComment: submission.overallComment ?? null,
    };
    const percent = exercise.rubric.maxPoints > 0 ? (scored.score * 100) / exercise.rubric.maxPoints : 0;
    const state: SubmissionState = input.intent === "return" ? "returned" : input.intent === "release" || released ? "released" : "graded";
    await submission.update(
      {
        grade: input.grade,
        overallComment: input.overallComment || null,
        score: scored.complete ? scored.score : null,
        passed: scored.complete ? percent >= exercise.passPercent : null,
        state,
        gradedBy: actor.id,
        gradedAt: new Date(),
        ...(input.intent === "release" ? { releasedAt: new Date() } : {}),
        lockVersion: submission.lockVersion + 1,
      },
      { transaction },
    );
    await audit(
      {
        actorUserId: actor.id,
        action: released ? "exercise.regrade" : `exercise.${input.intent === "save" ? "grade" : input.intent}`,
        targetType: "exercise_submission",
        targetId: submission.id,
        before,
        after: { state, score: submission.score ?? null, grade: input.grade, overallComment: input.overallComment || null },
        reason: input.reason || null,
        ip: actor.ip ?? null,
      },
      transaction,
    );
    if (state === "released") await credit(submission, exercise, transaction);
    // The mediator hears of a release, a return and a change after release, once each: a second
    // release is refused above, so it writes no second message.
    if (input.intent === "release" && !released) {
      await notify(
        submission.userId,
        "exerciseReleased",
        { title: exercise.title, score: submission.score ?? 0, max: exercise.rubric.maxPoints },
        { type: "exercise", id: exercise.id },
        transaction,
      );
    } else if (input.intent === "return") {
      await notify(submission.userId, "exerciseReturned", { title: exercise.title }, { type: "exercise", id: exercise.id }, transaction);
    }
    if (released) {
      await notify(
        submission.userId,
        "exerciseRegraded",
        { title: exercise.title, score: submission.score ?? 0, max: exercise.rubric.maxPoints },
        { type: "exercise", id: exercise.id },
        transaction,
      );
    }
    return { ok: true as const, state };
  });
}

/** Releases every complete, unreleased grade of an exercise in the scopes; returns how many. */
export async function releaseAll(actor: { id: number; scopes: OrgScope[]; ip?: string }, exerciseId: number): Promise<number> {
  const graded = await ExerciseSubmission.findAll({
    where: { ...orgPathInScopes(actor.scopes), exerciseId, state: "graded", score: { [Op.ne]: null } },
    attributes: ["id", "grade", "overallComment", "lockVersion"],
  });
  let released = 0;
  for (const s of graded) {
    const result = await saveGrade(actor, s.id, {
      grade: s.grade ?? {},
      overallComment: s.overallComment ?? "",
      version: s.lockVersion,
      intent: "release",
      reason: "",
    });
    if (result.ok) released++;
  }
  return released;
}
