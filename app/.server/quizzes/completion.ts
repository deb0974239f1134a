import type { Transaction } from "sequelize";
import { getCourse } from "../courses/catalog";
import { completeIfDone } from "../courses/completion";
import { CourseEnrolment, type QuizAttempt } from "../db/models";

/**
 * In the transaction that graded an attempt (a submit, a timeout, a trainer's last grade): a passed
 * course quiz completes the course if every lesson is read, with its ledger line, so a crash leaves
 * neither the pass nor the completion. True when the course completed now.
 */
export async function completeOnPass(attempt: QuizAttempt, transaction: Transaction): Promise<boolean> {
  const slug = attempt.settings.course;
  if (!attempt.passed || !slug) return false;
  const course = getCourse(slug);
  if (!course) return false;
  const enrolment = await CourseEnrolment.findOne({ where: { userId: attempt.userId, courseSlug: slug }, attributes: ["id"], transaction });
  if (!enrolment) return false;
  return completeIfDone(enrolment.id, attempt.userId, course, transaction, { quizPassed: true });
}
