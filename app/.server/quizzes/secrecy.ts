import { matchesRule, type Question, type Quiz } from "~/lib/quiz";
import { getContent } from "../courses/catalog";
import { currentQuestions, listQuizzes } from "./bank";

/**
 * Keys of open exams stay secret. A question that an open graded exam may draw is never revealed
 * (key, explanation, per-question score) by another quiz's review while that exam is open, so
 * the practice quiz or a course quiz cannot be used to harvest the annual test's keys.
 *
 * - Graded exams: every course quiz (passing it completes a course), every quiz with a limited
 *   number of attempts (the annual test, grade-evaluation exams), and any quiz marked
 *   `graded: true`; `graded: false` marks a practice quiz explicitly.
 * - Open: between its opensAt and closesAt (a quiz without closesAt stays open).
 * - "May draw": the exam's pool, every question one of its draw rules matches, not only those
 *   already drawn into someone's attempt.
 * - Only exams whose own review keeps the keys back while they are open are protected
 *   (review `after_close` or `score_only`). A quiz that shows its keys after every attempt
 *   (`review: answers`, as the course quizzes do) has no secret key to keep: hiding its questions
 *   in other reviews would protect nothing.
 * - A quiz's own review follows its own policy.
 * - Exams a bureau schedules in the browser (quiz "exam-<id>") are graded exams too; their pools
 *   join the content quizzes' while they are open (resultView in ./views.ts).
 */
export function isGradedExam(quiz: Pick<Quiz, "graded" | "course" | "attemptsAllowed">): boolean {
  return quiz.graded ?? (quiz.course !== undefined || quiz.attemptsAllowed > 0);
}

export function isOpenAt(quiz: Pick<Quiz, "opensAt" | "closesAt">, at: Date): boolean {
  return (!quiz.opensAt || at >= new Date(quiz.opensAt)) && (!quiz.closesAt || at < new Date(quiz.closesAt));
}

export const keepsKeysWhileOpen = (quiz: Pick<Quiz, "review">) => quiz.review !== "answers";

/** Each protected exam's pool (question ids), computed once per content build. */
let pools: { bundle: unknown; byQuiz: { quiz: Quiz; ids: Set<string> }[] } | undefined;

export function examPools(quizzes: readonly Quiz[], bank: readonly Question[]) {
  return quizzes
    .filter((quiz) => isGradedExam(quiz) && keepsKeysWhileOpen(quiz))
    .map((quiz) => ({ quiz, ids: new Set(bank.filter((q) => quiz.draw.some((rule) => matchesRule(q, rule))).map((q) => q.id)) }));
}

/** Question ids whose keys the review of an attempt at `quizId` must keep back at `at`. */
export function secretQuestionIds(quizId: string, at: Date, byQuiz = currentPools()): Set<string> {
  const secret = new Set<string>();
  for (const { quiz, ids } of byQuiz) {
    if (quiz.id === quizId || !isOpenAt(quiz, at)) continue;
    for (const id of ids) secret.add(id);
  }
  return secret;
}

/** The content quizzes' pools (scheduled exams add theirs: app/.server/exams/quiz.ts, openExamPools). */
export function currentPools() {
  const bundle = getContent();
  if (pools?.bundle !== bundle) pools = { bundle, byQuiz: examPools(listQuizzes(), currentQuestions()) };
  return pools.byQuiz;
}
