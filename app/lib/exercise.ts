import { z } from "zod";
import { localDateTime, msg, plainText, requiredText, tooLong } from "./validation";

/** The forms an exercise credits in the ledger: 实训演练 or 案例评析. */
export const EXERCISE_FORMS = ["drill", "case_review"] as const;
/** Late work: accepted (marked late) or refused after the due time. */
export const LATE_POLICIES = ["accept", "refuse"] as const;

/** The set-an-exercise form, parsed with Conform (an empty number field is missing, not 0). */
export const exerciseSchema = z.object({
  title: requiredText(80),
  brief: requiredText(20_000),
  rubricId: z
    .number({ required_error: msg("required"), invalid_type_error: msg("required") })
    .int()
    .positive(msg("required")),
  passPercent: z
    .number({ required_error: "exercise.percentRange", invalid_type_error: "exercise.percentRange" })
    .min(0, "exercise.percentRange")
    .max(100, "exercise.percentRange"),
  audience: z.string({ required_error: msg("required") }).regex(/^(org:\d+|course:[a-z0-9-]+)$/, msg("required")),
  dueAt: localDateTime("exercise.dueInvalid", "exercise.dueInvalid"),
  latePolicy: z.enum(LATE_POLICIES, { errorMap: () => ({ message: msg("choice") }) }),
  resubmissions: z
    .number({ required_error: "exercise.resubmissionsRange", invalid_type_error: "exercise.resubmissionsRange" })
    .int("exercise.resubmissionsRange")
    .min(0, "exercise.resubmissionsRange")
    .max(5, "exercise.resubmissionsRange"),
  hours: z
    .number({ required_error: "exercise.hoursRange", invalid_type_error: "exercise.hoursRange" })
    .min(0.5, "exercise.hoursRange")
    .max(40, "exercise.hoursRange")
    .multipleOf(0.5, "exercise.hoursRange"),
  form: z.enum(EXERCISE_FORMS, { errorMap: () => ({ message: msg("choice") }) }),
  anonymous: z.boolean().default(false),
});
export type ExerciseInput = z.infer<typeof exerciseSchema>;

/** A mediator's answer to an exercise, saved as a draft or submitted (the button pressed is the intent). */
export const submissionSchema = z.object({
  body: plainText(
    z.string({ required_error: "exercise.bodyRequired" }).trim().min(1, "exercise.bodyRequired").max(50_000, tooLong(50_000)),
  ),
  intent: z.enum(["draft", "submit"], { errorMap: () => ({ message: msg("choice") }) }),
});
