import { z } from "zod";
import { plainText, tooLong } from "./validation";

/** Grading one written quiz answer: an empty score is missing (an error), not 0. */
export const answerGradeSchema = z.object({
  score: z
    .number({ required_error: "grading.scoreNumber", invalid_type_error: "grading.scoreNumber" })
    .min(0, "grading.scoreRange")
    .multipleOf(0.5, "grading.scoreStep"),
  comment: plainText(z.string().trim().max(2000, tooLong(2000))).default(""),
  version: z.number().int().min(0),
  reason: plainText(z.string().trim().max(500, tooLong(500))).default(""),
});
export type AnswerGradeInput = z.infer<typeof answerGradeSchema>;

export const GRADE_INTENTS = ["save", "release", "return"] as const;

/**
 * Grading a submission against its rubric: `level.<criterion>` and `comment.<criterion>` per
 * criterion (Conform reads them as the objects `level` and `comment`); a level not picked is null.
 * Comments longer than their box are cut, as the box itself does.
 */
const cut = (max: number) =>
  z
    .string()
    .trim()
    .transform((s) => s.slice(0, max));
export const submissionGradeSchema = z.object({
  level: z.record(z.string()).default({}),
  comment: z.record(cut(1000)).default({}),
  overallComment: cut(4000).default(""),
  version: z.number({ required_error: "grading.error.conflict", invalid_type_error: "grading.error.conflict" }).int().min(0),
  intent: z.enum(GRADE_INTENTS).catch("save"),
  reason: cut(500).default(""),
});
export type SubmissionGradeForm = z.infer<typeof submissionGradeSchema>;
