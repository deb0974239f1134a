import type { Quiz } from "~/lib/quiz";
import { QuizAttempt } from "../db/models";
import { listQuizzes } from "./bank";
import { windowState } from "./attempts";
import { examQuizzesFor } from "../exams/quiz";

export type QuizCard = Pick<
  Quiz,
  "id" | "title" | "course" | "passMark" | "attemptsAllowed" | "timeLimitMinutes" | "questionCount" | "opensAt" | "closesAt"
> & {
  window: "notOpen" | "open" | "closed";
  used: number;
  best: number | null;
  passed: boolean;
  inProgress: boolean;
  pending: boolean;
};

/**
 * Every quiz with the user's own standing: attempts used, best percent, passed, one in progress.
 * The exams bureaus scheduled for the user's audience come first.
 */
export async function quizCards(userId: number, at: Date): Promise<QuizCard[]> {
  const [mine, scheduled] = await Promise.all([
    QuizAttempt.findAll({ where: { userId }, attributes: ["quizId", "state", "percent", "passed"], raw: true }),
    examQuizzesFor(userId),
  ]);
  return [...scheduled, ...listQuizzes()].map((q) => {
    const own = mine.filter((a) => a.quizId === q.id);
    // Plain rows: MySQL hands a DECIMAL over as text.
    const percents = own
      .map((a) => a.percent)
      .filter((p) => p !== null && p !== undefined)
      .map(Number);
    return {
      id: q.id,
      title: q.title,
      course: q.course,
      passMark: q.passMark,
      attemptsAllowed: q.attemptsAllowed,
      timeLimitMinutes: q.timeLimitMinutes,
      questionCount: q.questionCount,
      opensAt: q.opensAt,
      closesAt: q.closesAt,
      window: windowState(q, at),
      used: own.length,
      best: percents.length ? Math.max(...percents) : null,
      passed: own.some((a) => a.passed),
      inProgress: own.some((a) => a.state === "in_progress"),
      pending: own.some((a) => a.state === "pending"),
    };
  });
}
