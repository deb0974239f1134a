import { z } from "zod";
import { DISPUTE_CATEGORIES } from "./categories";
import { COURSE_KINDS } from "./course";
import { msg, optionalText, requiredText } from "./validation";

/** Forms an event can take (培训形式): 集中授课 … 线上直播. */
export const EVENT_FORMS = ["lecture", "seminar", "case_review", "observation", "court_hearing", "drill", "forum", "live_online"] as const;

const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** "2026-11-23T09:30" typed in China → the instant it names. */
export function chinaLocalToDate(value: string): Date {
  return new Date(`${value}:00+08:00`);
}

export const eventSchema = z
  .object({
    title: requiredText(100),
    form: z.enum(EVENT_FORMS, { errorMap: () => ({ message: msg("choice") }) }),
    kind: z.enum(COURSE_KINDS, { errorMap: () => ({ message: msg("choice") }) }),
    startsAt: z.string({ required_error: msg("required") }).regex(LOCAL_DATETIME, msg("date")),
    endsAt: z.string({ required_error: msg("required") }).regex(LOCAL_DATETIME, msg("date")),
    hours: z
      .number({ required_error: msg("required"), invalid_type_error: "events.hoursRange" })
      .min(0.5, "events.hoursRange")
      .max(40, "events.hoursRange")
      .multipleOf(0.5, "events.hoursRange"),
    place: requiredText(200),
    capacity: z
      .number({ required_error: msg("required"), invalid_type_error: "events.capacityRange" })
      .int()
      .min(1, "events.capacityRange")
      .max(5000, "events.capacityRange"),
    audienceOrgUnitId: z.number({ required_error: msg("required"), invalid_type_error: msg("choice") }).int(),
    description: optionalText(5000),
    // Optional: only mediators with one of these specialties are invited.
    specialties: z.array(z.enum(DISPUTE_CATEGORIES, { errorMap: () => ({ message: msg("choice") }) })).default([]),
    trainerIds: z.array(z.number().int().positive()).max(20).default([]),
  })
  .refine((v) => v.endsAt > v.startsAt, { path: ["endsAt"], message: "events.endBeforeStart" });
export type EventInput = z.infer<typeof eventSchema>;

/** An organiser changes an attendee's hours (at most the event's, checked on the server) and says why. */
export const adjustHoursSchema = z.object({
  registration: z.number({ required_error: msg("required"), invalid_type_error: msg("choice") }).int(),
  hours: z
    .number({ required_error: "events.adjustRange", invalid_type_error: "events.adjustRange" })
    .min(0, "events.adjustRange")
    .multipleOf(0.5, "events.adjustRange"),
  reason: requiredText(500),
});

/** Cancelling an event needs a reason (it is audited and shown to those registered). */
export const cancelEventSchema = z.object({ reason: requiredText(500) });

/** The six-digit code shown at the venue; checkIn() tells a wrong one. */
export const checkinSchema = z.object({ code: requiredText(20) });
