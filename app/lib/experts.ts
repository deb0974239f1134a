import { z } from "zod";
import { addDays } from "./dates";
import { message } from "./messages";
import { isIsoDate, msg, oneOf, optionalText, requiredText } from "./validation";

/**
 * The expert pool (调解专家库) as both sides see it: fields, availability, the admission state
 * machine and the forms. Pure: no database here.
 *
 * Admission: proposed (拟入库) → vetted (已审核) → notice (公示中) → listed (在库); a proposal may be
 * rejected (未通过, with a reason) instead of vetted; a listed expert's term ends (任期届满) or they
 * are removed (已移出, with a reason) — removal also stops a notice. Every change is one of MOVES.
 */

export const EXPERT_FIELDS = ["law", "medicine", "psychology", "economics", "social_work", "industry", "senior_mediator"] as const;
export type ExpertField = (typeof EXPERT_FIELDS)[number];

export const AVAILABILITY = ["available", "limited", "unavailable"] as const;
export type Availability = (typeof AVAILABILITY)[number];

export const EXPERT_STATES = ["proposed", "vetted", "rejected", "notice", "listed", "ended", "removed"] as const;
export type ExpertState = (typeof EXPERT_STATES)[number];

export const EXPERT_MOVES = {
  vet: { from: ["proposed"], to: "vetted" },
  reject: { from: ["proposed"], to: "rejected" },
  publish: { from: ["vetted"], to: "notice" },
  list: { from: ["notice"], to: "listed" },
  endTerm: { from: ["listed"], to: "ended" },
  remove: { from: ["notice", "listed"], to: "removed" },
} as const satisfies Record<string, { from: readonly ExpertState[]; to: ExpertState }>;
export type ExpertMove = keyof typeof EXPERT_MOVES;
export const MOVE_NAMES = Object.keys(EXPERT_MOVES) as ExpertMove[];

/** Moves that need a reason. */
export const MOVES_WITH_REASON: readonly ExpertMove[] = ["reject", "remove"];

export const canMoveExpert = (move: ExpertMove, state: ExpertState) => (EXPERT_MOVES[move].from as readonly ExpertState[]).includes(state);

/** The moves open from a state (for the buttons an admin sees). */
export const movesFrom = (state: ExpertState) => MOVE_NAMES.filter((m) => canMoveExpert(m, state));

/** Default length of a public notice (公示) in days, and of a term in years (Shenzhen: 5). */
export const NOTICE_DAYS = 7;
export const TERM_YEARS = 5;

/** A notice published on day D for N days runs D … D+N-1; listing is possible from the day after. */
export const noticeEnds = (from: string, days: number) => addDays(from, days - 1);

/** The last day of a term of `years` starting on `from` (2026-03-01, 5 → 2031-02-28). */
export function termEnds(from: string, years: number): string {
  const [y, m, d] = from.split("-").map(Number);
  const next = `${String(y + years).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  // 29 February in a year without one: the term ends on the 28th.
  return addDays(isIsoDate(next) ? next : `${String(y + years).padStart(4, "0")}-03-01`, -1);
}

/** Consultation threads: open (待答复) → answered (已答复) → closed (已结束); a follow-up question reopens an answered thread. */
export const CONSULTATION_STATUSES = ["open", "answered", "closed"] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

/** Public list page size. */
export const EXPERTS_PAGE_SIZE = 20;

const day = z.string().trim().refine(isIsoDate, msg("date"));
const whole = (min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: msg("number") })
    .int(msg("number"))
    .min(min, message("validation.min", { min }))
    .max(max, message("validation.max", { max }));

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** A pool a bureau sets up at a city or county node. */
export const poolSchema = z.object({
  orgUnitId: z.coerce
    .number({ invalid_type_error: msg("choice") })
    .int(msg("choice"))
    .positive(msg("choice")),
  name: requiredText(60),
  termYears: whole(1, 10),
});
export type PoolInput = z.infer<typeof poolSchema>;

/** An expert as the bureau enters them (added directly, or invited from the roster: mediatorId). */
export const expertSchema = z
  .object({
    poolId: z.coerce
      .number({ invalid_type_error: msg("choice") })
      .int(msg("choice"))
      .positive(msg("choice")),
    name: requiredText(40),
    field: oneOf(EXPERT_FIELDS),
    title: optionalText(40),
    organisation: requiredText(80),
    termFrom: day,
    phone: z
      .string()
      .trim()
      .max(20)
      .optional()
      .refine((v) => !v || PHONE.test(v), msg("phone")),
    email: z
      .string()
      .trim()
      .max(100, message("validation.tooLong", { max: 100 }))
      .optional()
      .refine((v) => !v || EMAIL.test(v), "experts.error.email"),
    availability: oneOf(AVAILABILITY),
    mediatorId: z.coerce.number().int().positive().optional(),
    username: optionalText(50),
  })
  .superRefine((v, ctx) => {
    if (!v.phone && !v.email) ctx.addIssue({ code: "custom", path: ["phone"], message: "experts.error.contact" });
  });
export type ExpertInput = z.infer<typeof expertSchema>;

/** One move on an expert's admission; the notice form also carries its start and length. */
export const moveSchema = z
  .object({
    intent: oneOf(MOVE_NAMES as [ExpertMove, ...ExpertMove[]]),
    reason: optionalText(300),
    noticeFrom: day.optional(),
    noticeDays: whole(5, 30).optional(),
  })
  .superRefine((v, ctx) => {
    if (MOVES_WITH_REASON.includes(v.intent) && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: msg("required") });
    if (v.intent === "publish" && !v.noticeFrom) ctx.addIssue({ code: "custom", path: ["noticeFrom"], message: msg("required") });
  });
export type MoveInput = z.infer<typeof moveSchema>;

/** The bureau's change of an expert's availability and linked account (empty: none). */
export const updateSchema = z.object({
  intent: z.literal("update"),
  availability: oneOf(AVAILABILITY),
  username: optionalText(50),
});

/** A mediator's question to an expert. The description must leave the parties anonymous (the form says so). */
export const consultationSchema = z.object({
  expertId: z.coerce
    .number({ invalid_type_error: msg("choice") })
    .int(msg("choice"))
    .positive(msg("choice")),
  subject: requiredText(80),
  description: requiredText(4000),
  caseFileId: z.coerce.number().int().positive().optional(),
});
export type ConsultationInput = z.infer<typeof consultationSchema>;

/** A message in a thread (a reply, or a follow-up), or closing it. */
export const replySchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("reply"), body: requiredText(4000) }),
  z.object({ intent: z.literal("close") }),
]);
export type ReplyInput = z.infer<typeof replySchema>;

/** An expert as the public list shows them: no contact, no account, no roster link. */
export type PublicExpert = { id: number; name: string; field: ExpertField; title: string | null; organisation: string; pool: string };
