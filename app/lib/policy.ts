import { z } from "zod";

/** A number field (Conform reads the text; one left empty is missing, an error, not 0). */
const figure = () => z.number({ required_error: "policy.number", invalid_type_error: "policy.number" });

/** Which ledger lines count as practical training: a source, optionally only some of its forms. */
export type PracticalRule = { source: "course" | "event" | "log" | "exercise"; forms?: string[] };

export type TrainingPolicy = {
  minPractical: number;
  minHours: number;
  preserviceHours: number;
  preserviceDays: number;
  practical: PracticalRule[];
};

/**
 * The defaults at the root: one practical training a year (绵阳 "人均实训频次不低于每年1次"),
 * 20 hours, 10 pre-service hours within 90 days of appointment; practical = events of 实训演练,
 * 现场观摩, 旁听庭审, 案例评析, verified logs and passed exercises. Every source counts toward hours.
 */
export const DEFAULT_POLICY: TrainingPolicy = {
  minPractical: 1,
  minHours: 20,
  preserviceHours: 10,
  preserviceDays: 90,
  practical: [
    { source: "event", forms: ["drill", "observation", "court_hearing", "case_review"] },
    { source: "log" },
    { source: "exercise" },
  ],
};

export const PRACTICAL_EVENT_FORMS = [
  "drill",
  "observation",
  "court_hearing",
  "case_review",
  "lecture",
  "seminar",
  "forum",
  "live_online",
  "mentoring",
  "other",
] as const;

export function isPracticalUnder(policy: Pick<TrainingPolicy, "practical">, line: { source: string; form: string }) {
  return policy.practical.some((r) => r.source === line.source && (!r.forms || r.forms.includes(line.form)));
}

/** The policy form, parsed with Conform: figures a bureau can really ask for; anything negative or absurd is refused. */
export const policyInputSchema = z.object({
  minPractical: figure().int("policy.whole").min(0, "policy.minPracticalRange").max(24, "policy.minPracticalRange"),
  minHours: figure().min(0, "policy.minHoursRange").max(200, "policy.minHoursRange").multipleOf(0.5, "policy.halfSteps"),
  preserviceHours: figure()
    .min(0, "policy.preserviceHoursRange")
    .max(100, "policy.preserviceHoursRange")
    .multipleOf(0.5, "policy.halfSteps"),
  preserviceDays: figure().int("policy.whole").min(1, "policy.preserviceDaysRange").max(365, "policy.preserviceDaysRange"),
  eventForms: z.array(z.enum(PRACTICAL_EVENT_FORMS, { errorMap: () => ({ message: "validation.choice" }) })).default([]),
  logs: z.boolean().default(false),
  exercises: z.boolean().default(false),
});
export type PolicyInput = z.infer<typeof policyInputSchema>;

export function policyFromInput(input: PolicyInput): TrainingPolicy {
  const practical: PracticalRule[] = [];
  if (input.eventForms.length) practical.push({ source: "event", forms: [...input.eventForms] });
  if (input.logs) practical.push({ source: "log" });
  if (input.exercises) practical.push({ source: "exercise" });
  return {
    minPractical: input.minPractical,
    minHours: input.minHours,
    preserviceHours: input.preserviceHours,
    preserviceDays: input.preserviceDays,
    practical,
  };
}
