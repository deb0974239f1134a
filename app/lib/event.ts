import { z } from "zod";
import { DISPUTE_CATEGORIES } from "./categories";
import { zonedToInstant } from "./dates";
import { COURSE_KINDS } from "./course";
import { localDateTime, msg, optionalText, requiredText } from "./validation";

/** Forms an event can take (培训形式): 集中授课 … 线上直播. */
export const EVENT_FORMS = ["lecture", "seminar", "case_review", "observation", "court_hearing", "drill", "forum", "live_online"] as const;

/** "2026-11-23T09:30" typed in the users' time zone (Asia/Shanghai unless APP_TIME_ZONE) → the instant it names. */
export function chinaLocalToDate(value: string): Date {
  return zonedToInstant(value);
}

export const eventSchema = z
  .object({
    title: requiredText(100),
    form: z.enum(EVENT_FORMS, { errorMap: () => ({ message: msg("choice") }) }),
    kind: z.enum(COURSE_KINDS, { errorMap: () => ({ message: msg("choice") }) }),
    startsAt: localDateTime(),
    endsAt: localDateTime(),
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

/** Check-in opens this long before an event starts and closes when it ends. */
export const CHECKIN_OPENS_BEFORE_MS = 30 * 60_000;

export type CheckinWindow = { state: "before" | "open" | "closed"; opensAt: string };

/** Where `now` falls against the event's check-in window (the page shows the reason up front). */
export function checkinWindow(event: { startsAt: Date; endsAt: Date }, now = Date.now()): CheckinWindow {
  const opens = event.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MS;
  // A stored start or end that is no date (written before dates were parsed strictly): closed.
  if (Number.isNaN(opens) || Number.isNaN(event.endsAt.getTime())) return { state: "closed", opensAt: "" };
  const state = now < opens ? "before" : now > event.endsAt.getTime() ? "closed" : "open";
  return { state, opensAt: new Date(opens).toISOString() };
}

/** The organiser looks up a walk-in on the audience's roster by name. */
export const walkinSearchSchema = z.object({ who: z.string().trim().min(1).max(50) });

/** The organiser adds a mediator found on the roster as a walk-in (recorded as attended). */
export const walkinSchema = z.object({ mediator: z.number({ required_error: msg("required"), invalid_type_error: msg("choice") }).int() });
