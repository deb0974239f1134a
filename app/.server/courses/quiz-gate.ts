/**
 * The completion hook for course quizzes: a course completes when every lesson is read AND this
 * says its quiz is passed. Quizzes arrive with the quiz issue; until then no course has one, so
 * this answers yes and reading all lessons completes the course.
 */
export async function courseQuizPassed(_userId: number, _courseSlug: string): Promise<boolean> {
  return true;
}
