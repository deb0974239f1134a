/**
 * Honest credit hours (学时): one 学时 is 45 minutes of study. A course may claim no more than the
 * minutes its lessons state for reading and discussion, plus 2 minutes for each question its course
 * quiz draws, divided by 45 and rounded down to the half hour.
 */
export const MINUTES_PER_CREDIT_HOUR = 45;
export const MINUTES_PER_QUIZ_QUESTION = 2;

/** The 学时 a course's study time supports: floor to 0.5 of (lesson minutes + quiz minutes) / 45. */
export function supportedHours(lessonMinutes: readonly number[], quizQuestions: number): number {
  const minutes = lessonMinutes.reduce((sum, m) => sum + m, 0) + quizQuestions * MINUTES_PER_QUIZ_QUESTION;
  // Whole half-hours in integers, so 90 minutes gives exactly 2 and never 1.9999.
  return Math.floor((minutes * 2) / MINUTES_PER_CREDIT_HOUR) / 2;
}

/** Why a course's claimed hours are more than its study time supports, or null when they are not. */
export function creditHoursProblem(
  file: string,
  claimed: number,
  lessonMinutes: readonly number[],
  quizQuestions: number,
): string | null {
  const supported = supportedHours(lessonMinutes, quizQuestions);
  if (claimed <= supported) return null;
  const lessons = lessonMinutes.reduce((sum, m) => sum + m, 0);
  return (
    `${file}: frontmatter field "hours": claims ${claimed} 学时 but its study time supports ${supported} ` +
    `(lessons ${lessons} min + quiz ${quizQuestions} questions × ${MINUTES_PER_QUIZ_QUESTION} min, ` +
    `1 学时 = ${MINUTES_PER_CREDIT_HOUR} min, rounded down to 0.5); lower "hours" or state the lessons' real minutes`
  );
}
