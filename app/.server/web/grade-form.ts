import { parseWithZod } from "@conform-to/zod";
import type { Exercise } from "../db/models";
import type { GradeInput } from "../exercises/grading";
import { answerGradeSchema, submissionGradeSchema, type SubmissionGradeForm } from "~/lib/grading";
import type { RubricGrade } from "~/lib/rubric";

/** The grade form of a submission, parsed with its schema (the submission answers a refusal). */
export function parseGradeForm(form: FormData) {
  return parseWithZod(form, { schema: submissionGradeSchema });
}

/** The parsed grade form as saveGrade takes it: a level and a comment for every criterion of the exercise's rubric. */
export function gradeInputOf(value: SubmissionGradeForm, exercise: Pick<Exercise, "rubric">): GradeInput {
  const grade: RubricGrade = {};
  for (const c of exercise.rubric.criteria) grade[c.id] = { levelId: value.level[c.id] || null, comment: value.comment[c.id] ?? "" };
  return { grade, overallComment: value.overallComment, version: value.version, intent: value.intent, reason: value.reason };
}

/** Grading one written quiz answer. */
export function parseAnswerGradeForm(form: FormData) {
  return parseWithZod(form, { schema: answerGradeSchema });
}
