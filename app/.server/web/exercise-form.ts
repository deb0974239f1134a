import { parseWithZod } from "@conform-to/zod";
import { exerciseSchema, submissionSchema, type ExerciseInput } from "~/lib/exercise";

/** The set-an-exercise form, parsed with its schema: the submission (for the reply) and, when valid, the input. */
export function parseExerciseForm(form: FormData) {
  const submission = parseWithZod(form, { schema: exerciseSchema });
  if (submission.status === "success") return { ok: true as const, input: submission.value as ExerciseInput, submission };
  return { ok: false as const, errors: (submission.reply().error ?? {}) as Record<string, string[]>, submission };
}

/** A mediator's answer (its files are read apart, see web/uploads). */
export function parseSubmissionForm(form: FormData) {
  return parseWithZod(form, { schema: submissionSchema });
}
