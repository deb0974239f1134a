import crypto from "node:crypto";
import { QuizAttemptItem, User } from "~/.server/db/models";
import { startAttempt, submitAttempt, type RawAnswers } from "~/.server/quizzes/attempts";
import { currentQuestions, quizOfCourse } from "~/.server/quizzes/bank";
import type { Question } from "~/lib/quiz";
import { addMediator } from "~/.server/roster/entries";

/** `n` mediators with accounts in one committee, created directly (no password hashing): quiz takers for tests. */
export async function createTakers(n: number, orgUnitId: number): Promise<{ userId: number; mediatorId: number }[]> {
  const tag = crypto.randomBytes(3).toString("hex");
  const users = await User.bulkCreate(
    Array.from({ length: n }, (_, i) => ({
      username: `taker_${tag}_${i}`,
      displayName: `考生${i + 1}`,
      passwordHash: "x",
      passwordChangedAt: null,
      phone: null,
    })),
  );
  const takers = [];
  for (const [i, user] of users.entries()) {
    const mediator = await addMediator({ orgUnitId, name: `考生${i + 1}`, gender: "female", employment: "part_time", userId: user.id });
    takers.push({ userId: user.id, mediatorId: mediator.id });
  }
  return takers;
}

/** The form values that answer every item of an attempt correctly (or wrongly with `wrong`). */
export async function answersFor(attemptId: number, options: { wrong?: boolean; skipShort?: boolean } = {}): Promise<RawAnswers> {
  const bank = new Map(currentQuestions().map((q) => [q.id, q]));
  const items = await QuizAttemptItem.findAll({ where: { attemptId } });
  const raw: RawAnswers = new Map();
  for (const item of items) {
    const q = bank.get(item.questionId) as Question;
    if (q.type === "short") {
      if (!options.skipShort) raw.set(item.position, ["先稳定双方情绪，再查明事实，依法提出方案。"]);
    } else if (q.type === "true_false") {
      raw.set(item.position, [options.wrong ? (q.answer[0] === "true" ? "false" : "true") : q.answer[0]]);
    } else {
      const ids = options.wrong ? item.optionOrder.filter((id) => !q.answer.includes(id)).slice(0, 1) : q.answer;
      raw.set(
        item.position,
        ids.map((id) => String(item.optionOrder.indexOf(id))),
      );
    }
  }
  return raw;
}

/** Takes and passes a course's quiz with every answer right. */
export async function passCourseQuiz(userId: number, courseSlug: string) {
  const started = await startAttempt(userId, quizOfCourse(courseSlug)!);
  if (!started.ok) throw new Error(started.error);
  const result = await submitAttempt(userId, started.attemptId, await answersFor(started.attemptId));
  if (!result.ok) throw new Error(result.error);
}
