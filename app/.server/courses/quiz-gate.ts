import type { Transaction } from "sequelize";
import { QuizAttempt } from "../db/models";
import { quizOfCourse } from "../quizzes/bank";

/**
 * The completion hook for course quizzes: a course completes when every lesson is read AND its
 * quiz is passed. A course without a quiz completes on reading alone. Completion asks it inside
 * its transaction, after locking the enrolment (./completion.ts).
 */
export async function courseQuizPassed(userId: number, courseSlug: string, transaction?: Transaction): Promise<boolean> {
  const quiz = quizOfCourse(courseSlug);
  if (!quiz) return true;
  return (await QuizAttempt.count({ where: { userId, quizId: quiz.id, passed: true }, transaction })) > 0;
}
