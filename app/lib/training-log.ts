import { z } from "zod";
import { todayInChina } from "./dates";
import { isoDate, msg, optionalText, requiredText, tooLong, tooShort } from "./validation";

/** 旁听庭审, 现场观摩, 跟班带教, 实训演练, 案例评析, 其他 — codes shared with the training forms. */
export const LOG_TYPES = ["court_hearing", "observation", "mentoring", "drill", "case_review", "other"] as const;
export type LogType = (typeof LOG_TYPES)[number];
export const LOG_STATUSES = ["draft", "submitted", "verified", "rejected"] as const;
export type LogStatus = (typeof LOG_STATUSES)[number];

export const REFLECTION_MIN = 50;
export const MAX_FILES = 5;
export { MAX_FILE_BYTES } from "./limits";

export const trainingLogSchema = z
  .object({
    type: z.enum(LOG_TYPES, { errorMap: () => ({ message: msg("choice") }) }),
    occurredOn: isoDate().refine((v) => v <= todayInChina(), msg("dateFuture")),
    hours: z
      .number({ required_error: msg("required"), invalid_type_error: "training.hoursRange" })
      .min(0.5, "training.hoursRange")
      .max(12, "training.hoursRange")
      .multipleOf(0.5, "training.hoursRange"),
    place: requiredText(200),
    supervisorUserId: z.number().int().positive().optional(),
    supervisorName: optionalText(50),
    reflection: z
      .string({ required_error: msg("required") })
      .trim()
      .min(REFLECTION_MIN, tooShort(REFLECTION_MIN))
      .max(5000, tooLong(5000)),
    intent: z.enum(["draft", "submit"]).default("draft"),
  })
  .refine((v) => v.supervisorUserId || v.supervisorName, { path: ["supervisorName"], message: "training.supervisorRequired" });
export type TrainingLogInput = z.infer<typeof trainingLogSchema>;

/** A supervisor returns a log with the reason the author will read. */
export const rejectLogSchema = z.object({ reason: requiredText(500) });
