import { getCourse } from "../courses/catalog";
import { completeAfterQuiz } from "../courses/progress";
import type { QuizAttempt } from "../db/models";

/** Runs after an attempt is graded (outside its transaction): a passed course quiz may complete the course. */
export async function afterGrading(attempt: QuizAttempt): Promise<void> {
  const slug = attempt.settings.course;
  if (!attempt.passed || !slug) return;
  const course = getCourse(slug);
  if (course) await completeAfterQuiz(attempt.userId, course);
}
