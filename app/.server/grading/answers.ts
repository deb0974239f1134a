import { withinScopes } from "../access";
import { QueryTypes } from "sequelize";
import type { Question } from "~/lib/quiz";
import { audit } from "../audit";
import { getSequelize, inTransaction } from "../db/connection";
import { parseDbDate } from "../db/dates";
import { QuizAttempt, QuizAttemptItem } from "../db/models";
import { pathRange, type OrgScope } from "../org";
import { questionsByVersion, versionKey } from "../quizzes/bank";
import { findQuiz } from "../exams/quiz";
import { completeOnPass } from "../quizzes/completion";
import { percentOf } from "../quizzes/scoring";

/**
 * Trainers grade the written answers of quizzes (案例分析题): a queue over their subtree, one
 * answer at a time with the reference answer beside it, optimistic locking, every change audited.
 * When an attempt's last answer is graded, the attempt gets its final score and pass/fail.
 */

function scopeSql(scopes: OrgScope[]) {
  const sequelize = getSequelize();
  const ranges = scopes.map((s) => {
    const { from, to } = pathRange(s.path);
    return `(a.org_path >= ${sequelize.escape(from)} AND a.org_path < ${sequelize.escape(to)})`;
  });
  return ranges.length ? `(${ranges.join(" OR ")})` : "1 = 0";
}

export type QueueFilter = { quizId?: string; state: "waiting" | "graded" };
export type QueueRow = {
  itemId: number;
  attemptId: number;
  quizId: string;
  quizTitle: string;
  position: number;
  mediator: string | null;
  submittedAt: string | null;
  score: number | null;
  points: number;
};

const WAITING = "i.score IS NULL AND a.state = 'pending'";
const GRADED = "i.graded_by IS NOT NULL";

/** The answers in the scopes, waiting or already graded, oldest first; with both counts. */
export async function answerQueue(scopes: OrgScope[], filter: QueueFilter, limit = 100) {
  const sequelize = getSequelize();
  const quiz = filter.quizId ? ` AND a.quiz_id = ${sequelize.escape(filter.quizId)}` : "";
  const from = `FROM quiz_attempt_items i JOIN quiz_attempts a ON a.id = i.attempt_id LEFT JOIN mediators m ON m.id = a.mediator_id WHERE ${scopeSql(scopes)}${quiz}`;
  const [counts] = (await sequelize.query(
    `SELECT SUM(CASE WHEN ${WAITING} THEN 1 ELSE 0 END) AS waiting, SUM(CASE WHEN ${GRADED} THEN 1 ELSE 0 END) AS graded ${from}`,
    { type: QueryTypes.SELECT },
  )) as { waiting: number | string | null; graded: number | string | null }[];
  const rows = (await sequelize.query(
    `SELECT i.id AS item_id, i.attempt_id, a.quiz_id, i.position, m.name AS mediator, a.submitted_at, i.score, i.points
       ${from} AND ${filter.state === "waiting" ? WAITING : GRADED}
      ORDER BY a.submitted_at ASC, i.id ASC LIMIT ${Number(limit)}`,
    { type: QueryTypes.SELECT },
  )) as {
    item_id: number;
    attempt_id: number;
    quiz_id: string;
    position: number;
    mediator: string | null;
    submitted_at: string | Date | null;
    score: string | number | null;
    points: string | number;
  }[];
  const titles = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.quiz_id))) titles.set(id, (await findQuiz(id))?.title ?? id);
  return {
    waiting: Number(counts?.waiting ?? 0),
    graded: Number(counts?.graded ?? 0),
    rows: rows.map((r): QueueRow => ({
      itemId: Number(r.item_id),
      attemptId: Number(r.attempt_id),
      quizId: r.quiz_id,
      quizTitle: titles.get(r.quiz_id) ?? r.quiz_id,
      position: Number(r.position),
      mediator: r.mediator,
      submittedAt: r.submitted_at ? parseDbDate(r.submitted_at).toISOString() : null,
      score: r.score === null ? null : Number(r.score),
      points: Number(r.points),
    })),
  };
}

/** The next waiting answer in the scopes (optionally of one quiz), skipping `except`. */
export async function nextWaiting(scopes: OrgScope[], quizId?: string, except?: number): Promise<number | null> {
  const sequelize = getSequelize();
  const rows = (await sequelize.query(
    `SELECT i.id FROM quiz_attempt_items i JOIN quiz_attempts a ON a.id = i.attempt_id
      WHERE ${scopeSql(scopes)} AND ${WAITING}${quizId ? ` AND a.quiz_id = ${sequelize.escape(quizId)}` : ""}${except ? ` AND i.id <> ${Number(except)}` : ""}
      ORDER BY a.submitted_at ASC, i.id ASC LIMIT 1`,
    { type: QueryTypes.SELECT },
  )) as { id: number }[];
  return rows[0] ? Number(rows[0].id) : null;
}

/** One answer with what the grader needs, or null when it is not a written answer in the scopes. */
export async function answerForGrading(scopes: OrgScope[], itemId: number) {
  if (!Number.isSafeInteger(itemId)) return null;
  const item = await QuizAttemptItem.findByPk(itemId);
  if (!item) return null;
  const attempt = await QuizAttempt.findByPk(item.attemptId, { include: ["mediator"] });
  if (!attempt || attempt.state === "in_progress" || !attempt.orgPath || !withinScopes(scopes, attempt.orgPath)) return null;
  const question = (await questionsByVersion([item])).get(versionKey(item.questionId, item.questionVersion)) as Question;
  if (question.type !== "short") return null;
  const mediator = attempt.get("mediator") as { name: string } | null;
  return {
    /** For the access table only; not shown. */
    orgPath: attempt.orgPath,
    itemId: item.id,
    version: item.lockVersion,
    attempt: {
      id: attempt.id,
      quizId: attempt.quizId,
      number: attempt.number,
      state: attempt.state,
      submittedAt: attempt.submittedAt?.toISOString() ?? null,
    },
    quizTitle: (await findQuiz(attempt.quizId))?.title ?? attempt.quizId,
    mediator: mediator?.name ?? null,
    stem: question.stem,
    reference: question.reference,
    explanation: question.explanation,
    answer: item.answer?.[0] ?? null,
    points: item.points,
    score: item.score ?? null,
    comment: item.graderComment ?? null,
    gradedAt: item.gradedAt?.toISOString() ?? null,
  };
}

export { answerGradeSchema as gradeSchema } from "~/lib/grading";
export type { AnswerGradeInput as GradeInput } from "~/lib/grading";
import type { AnswerGradeInput as GradeInput } from "~/lib/grading";
export type GradeResult =
  { ok: true; attemptGraded: boolean } | { ok: false; error: "notFound" | "conflict" | "scoreRange" | "reasonRequired" };

/**
 * Grades (or regrades) one written answer. The attempt row is locked; an answer changed since the
 * grader opened it is refused as a conflict; a change to an attempt already final needs a reason.
 * The grade and its audit row are written together; the attempt is finalised when nothing waits,
 * and a passed course quiz then completes the course, all in the same transaction.
 */
export async function gradeAnswer(
  actor: { id: number; scopes: OrgScope[]; ip?: string },
  itemId: number,
  input: GradeInput,
): Promise<GradeResult> {
  const current = await answerForGrading(actor.scopes, itemId);
  if (!current) return { ok: false, error: "notFound" };
  if (input.score > current.points) return { ok: false, error: "scoreRange" };
  const outcome = await inTransaction(async (transaction) => {
    const attempt = (await QuizAttempt.findByPk(current.attempt.id, { transaction, lock: transaction.LOCK.UPDATE }))!;
    const item = (await QuizAttemptItem.findByPk(itemId, { transaction }))!;
    if (item.lockVersion !== input.version) return { ok: false as const, error: "conflict" as const };
    const regrade = attempt.state === "graded";
    if (regrade && !input.reason) return { ok: false as const, error: "reasonRequired" as const };
    const before = { score: item.score ?? null, comment: item.graderComment ?? null };
    const after = { score: input.score, comment: input.comment || null };
    await item.update(
      { score: input.score, graderComment: after.comment, gradedBy: actor.id, gradedAt: new Date(), lockVersion: item.lockVersion + 1 },
      { transaction },
    );
    await audit(
      {
        actorUserId: actor.id,
        action: regrade ? "quiz.answer.regrade" : "quiz.answer.grade",
        targetType: "quiz_attempt_item",
        targetId: item.id,
        before,
        after,
        reason: input.reason || null,
        ip: actor.ip ?? null,
      },
      transaction,
    );
    const items = await QuizAttemptItem.findAll({ where: { attemptId: attempt.id }, attributes: ["score"], transaction });
    if (items.some((i) => i.score === null)) return { ok: true as const, attempt: null };
    const score = Math.round(items.reduce((s, i) => s + (i.score ?? 0), 0) * 100) / 100;
    const percent = percentOf(score, attempt.maxScore);
    await attempt.update({ state: "graded", score, percent, passed: percent >= attempt.settings.passMark }, { transaction });
    await completeOnPass(attempt, transaction);
    return { ok: true as const, attempt };
  });
  if (!outcome.ok) return outcome;
  return { ok: true, attemptGraded: Boolean(outcome.attempt) };
}
