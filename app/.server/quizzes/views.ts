import type { Question } from "~/lib/quiz";
import type { AttemptResult, ReviewedItem, ShownItem } from "~/lib/quiz-view";
import { QuizAttempt, QuizAttemptItem } from "../db/models";
import { closeExpired, questionOf } from "./attempts";
import { questionsByVersion } from "./bank";
import { currentPools, secretQuestionIds } from "./secrecy";
import { openExamPools } from "../exams/quiz";

function tokensOf(q: Question, order: string[], answer: string[] | null): string[] {
  if (!answer) return [];
  if (q.type === "short" || q.type === "true_false") return answer;
  return answer
    .map((id) => String(order.indexOf(id)))
    .filter((t) => t !== "-1")
    .sort();
}

function shown(q: Question, item: QuizAttemptItem): ShownItem {
  const options =
    q.type === "single" || q.type === "multiple"
      ? item.optionOrder.map((id, i) => ({ token: String(i), text: q.options.find((o) => o.id === id)?.text ?? "" }))
      : [];
  return { position: item.position, type: q.type, stem: q.stem, options, answer: tokensOf(q, item.optionOrder, item.answer) };
}

export async function ownAttempt(userId: number, attemptId: number): Promise<QuizAttempt | null> {
  const attempt = Number.isSafeInteger(attemptId) ? await QuizAttempt.findByPk(attemptId) : null;
  return attempt && attempt.userId === userId ? attempt : null;
}

/**
 * The user's own attempt for a page that shows it, closed and graded first if its time ran out;
 * null when it is not theirs.
 */
export async function openOwnAttempt(userId: number, attemptId: number, at: Date): Promise<QuizAttempt | null> {
  if (!(await ownAttempt(userId, attemptId))) return null;
  await closeExpired({ attemptId }, at);
  return ownAttempt(userId, attemptId);
}

/** The same, with its owner for the access table. */
export async function ownAttemptTarget(userId: number, attemptId: number, at: Date) {
  const attempt = await openOwnAttempt(userId, attemptId, at);
  return attempt && { attempt, ownerId: attempt.userId };
}

async function itemsWithQuestions(attemptId: number) {
  const items = await QuizAttemptItem.findAll({ where: { attemptId }, order: [["position", "ASC"]] });
  const questions = await questionsByVersion(items);
  return items.map((item) => ({ item, q: questionOf(questions, item) }));
}

/** The questions of an attempt in progress, with the answers saved so far. */
export async function takingView(attempt: QuizAttempt): Promise<ShownItem[]> {
  return (await itemsWithQuestions(attempt.id)).map(({ item, q }) => shown(q, item));
}

/** Whether this attempt's review (keys and explanations) may be shown now. */
export function reviewOpen(attempt: Pick<QuizAttempt, "state" | "settings">, at: Date): boolean {
  if (attempt.state === "in_progress") return false;
  const { review, closesAt } = attempt.settings;
  if (review === "answers") return true;
  if (review === "after_close") return closesAt !== null && closesAt !== undefined && at >= new Date(closesAt);
  return false;
}

/**
 * A closed attempt's result with exactly the review its policy allows at `at`; questions that an
 * open graded exam may draw — a content quiz or an exam a bureau scheduled — keep their keys back (secrecy.ts).
 */
export async function resultView(attempt: QuizAttempt, at: Date): Promise<AttemptResult> {
  const open = reviewOpen(attempt, at);
  const secret = open ? secretQuestionIds(attempt.quizId, at, [...currentPools(), ...(await openExamPools(at))]) : new Set<string>();
  const rows = await itemsWithQuestions(attempt.id);
  const items = rows.map(({ item, q }): ShownItem | ReviewedItem => {
    const base = shown(q, item);
    if (!open) return base;
    if (secret.has(q.id)) return { ...base, withheld: true };
    const correct = q.type === "short" ? [] : q.type === "true_false" ? q.answer : tokensOf(q, item.optionOrder, q.answer);
    return {
      ...base,
      correct,
      points: item.points,
      score: item.score,
      explanation: q.explanation,
      reference: q.reference,
      law: q.law,
      comment: item.graderComment ?? null,
    };
  });
  const { settings } = attempt;
  return {
    id: attempt.id,
    quizId: attempt.quizId,
    number: attempt.number,
    state: attempt.state,
    closedBy: attempt.closedBy ?? null,
    submittedAt: attempt.submittedAt ? attempt.submittedAt.toISOString() : null,
    score: attempt.score ?? null,
    maxScore: attempt.maxScore,
    percent: attempt.percent ?? null,
    passed: attempt.passed ?? null,
    passMark: settings.passMark,
    review: settings.review,
    reviewOpensAt: settings.review === "after_close" ? (settings.closesAt ?? null) : null,
    pendingShort: rows.filter(({ item, q }) => q.type === "short" && item.score === null).length,
    items,
  };
}
