import { z } from "zod";
import { DISPUTE_CATEGORIES } from "./categories";
import { msg, oneOf, optionalText, pastDate, phone, requiredText, isValidIdCard } from "./validation";
import { currentYearInChina, todayInChina } from "./dates";

export const GENDERS = ["male", "female"] as const;
export const EMPLOYMENT_KINDS = ["full_time", "part_time"] as const; // 专职 / 兼职
export type Employment = (typeof EMPLOYMENT_KINDS)[number];
export const MEDIATOR_STATUSES = ["active", "suspended", "dismissed"] as const; // 在岗 / 停职 / 解聘
export type MediatorStatus = (typeof MEDIATOR_STATUSES)[number];
export const EDUCATION_LEVELS = ["primary", "junior_high", "senior_high", "vocational", "college", "bachelor", "master", "doctor"] as const;
export type Education = (typeof EDUCATION_LEVELS)[number];

/** The roster form, also used row by row by the Excel import. */
export const mediatorSchema = z.object({
  name: requiredText(50),
  gender: oneOf(GENDERS),
  birthYear: z
    .number({ required_error: msg("required"), invalid_type_error: msg("year") })
    .int(msg("year"))
    .min(1930, msg("year"))
    .max(currentYearInChina() - 16, msg("year")),
  phone: z.string({ required_error: msg("required") }).pipe(phone),
  // Optional; blank on edit keeps the stored number.
  idCard: z.string().trim().toUpperCase().refine(isValidIdCard, msg("idCard")).optional(),
  education: oneOf(EDUCATION_LEVELS).optional(),
  orgUnitId: z.number({ required_error: msg("required"), invalid_type_error: msg("choice") }).int(),
  employment: oneOf(EMPLOYMENT_KINDS),
  appointedOn: z.string({ required_error: msg("required") }).pipe(pastDate),
  specialties: z.array(oneOf(DISPUTE_CATEGORIES)).max(DISPUTE_CATEGORIES.length).default([]),
  isExpert: z.boolean().default(false),
});
export type MediatorInput = z.infer<typeof mediatorSchema>;

export const statusChangeSchema = z.object({
  status: oneOf(MEDIATOR_STATUSES),
  date: z.string({ required_error: msg("required") }).pipe(pastDate),
  reason: requiredText(500),
});

export const rosterFilterSchema = z.object({
  q: optionalText(50),
  org: z.coerce.number().int().positive().optional().catch(undefined),
  status: oneOf(MEDIATOR_STATUSES).optional().catch(undefined),
  employment: oneOf(EMPLOYMENT_KINDS).optional().catch(undefined),
  specialty: oneOf(DISPUTE_CATEGORIES).optional().catch(undefined),
  sort: z.enum(["name", "appointedOn", "committee"]).default("name").catch("name"),
  dir: z.enum(["asc", "desc"]).default("asc").catch("asc"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type RosterFilter = z.infer<typeof rosterFilterSchema>;

/** Whole years since appointment (任职年限), counted on today's date in the users' time zone (not the server's). */
export function yearsOfService(appointedOn: string | null, today = new Date()): number | null {
  if (!appointedOn) return null;
  const [y, m, d] = appointedOn.split("-").map(Number);
  const [ty, tm, td] = todayInChina(today).split("-").map(Number);
  let years = ty - y;
  if (tm < m || (tm === m && td < d)) years -= 1;
  return Math.max(0, years);
}

/** ID-card numbers are only ever shown like this. */
export const maskIdCard = (last4: string | null) => (last4 ? `${"*".repeat(14)}${last4}` : "");

/** A roster profile as the pages show it (the server's profileView): the ID number only masked, the org chain for context. */
export type ProfileView = {
  id: number;
  name: string;
  gender: (typeof GENDERS)[number];
  birthYear: number | null;
  phone: string | null;
  idCard: string;
  education: Education | null;
  committee: string;
  orgChain: string[];
  employment: Employment;
  appointedOn: string | null;
  yearsOfService: number | null;
  specialties: string[];
  isExpert: boolean;
  status: MediatorStatus;
  statusChangedOn: string | null;
  statusReason: string | null;
  gradeLevel: string | null;
};

/** A phone number as a tap-to-call link (tel: URI, digits and a leading + only): 0551-6543210 → tel:05516543210. */
export const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, "")}`;
