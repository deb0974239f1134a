import { z } from "zod";
import { DISPUTE_CATEGORIES } from "./categories";
import { isIsoDate } from "./dates";
import { message } from "./messages";
import { PHONE_PATTERN, msg, oneOf, optionalText, requiredText } from "./validation";

/**
 * Branded mediation rooms (品牌调解室 / 个人调解工作室) as both sides see them: the room's state
 * machine, the eligibility rules a node sets and their pure check, the yearly star sheet (评星定级)
 * and the rating window, the forms. Pure: no database here.
 *
 * A room: draft → submitted (待调委会同意) → committee_consented (待司法局审核) → named (已命名);
 * either review may return it (returned → submitted again); the bureau may reject it; a named room
 * may be suspended (暂停) and reinstated, and withdrawn (摘牌, from named or suspended). Every change
 * is one of ROOM_MOVES (app/.server/rooms/moves.ts is the only writer of a room's status).
 */

export const ROOM_KINDS = ["personal", "featured", "brand"] as const; // 个人 / 特色 / 品牌
export type RoomKind = (typeof ROOM_KINDS)[number];

export const ROOM_STATUSES = [
  "draft",
  "submitted",
  "returned",
  "committee_consented",
  "named",
  "rejected",
  "suspended",
  "withdrawn",
] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];

/** Who makes a move: the applicant, the committee (or its 司法所), the county bureau (or above). */
export type RoomActorKind = "applicant" | "committee" | "bureau";

export const ROOM_MOVES = {
  submit: { from: ["draft", "returned"], to: "submitted", by: "applicant" },
  consent: { from: ["submitted"], to: "committee_consented", by: "committee" },
  committeeReturn: { from: ["submitted"], to: "returned", by: "committee" },
  bureauReturn: { from: ["committee_consented"], to: "returned", by: "bureau" },
  name: { from: ["committee_consented"], to: "named", by: "bureau" },
  reject: { from: ["submitted", "committee_consented"], to: "rejected", by: "bureau" },
  suspend: { from: ["named"], to: "suspended", by: "bureau" },
  reinstate: { from: ["suspended"], to: "named", by: "bureau" },
  withdraw: { from: ["named", "suspended"], to: "withdrawn", by: "bureau" },
} as const satisfies Record<string, { from: readonly RoomStatus[]; to: RoomStatus; by: RoomActorKind }>;
export type RoomMove = keyof typeof ROOM_MOVES;
export const ROOM_MOVE_NAMES = Object.keys(ROOM_MOVES) as RoomMove[];

export const canMoveRoom = (move: RoomMove, status: RoomStatus) => (ROOM_MOVES[move].from as readonly RoomStatus[]).includes(status);
/** Moves that need a reason (returns, rejection, suspension, withdrawal). */
export const REASON_MOVES: readonly RoomMove[] = ["committeeReturn", "bureauReturn", "reject", "suspend", "withdraw"];
/** Statuses with a public page: named, suspended (shown as 暂停), withdrawn (shown as 已摘牌 with the date). */
export const PUBLIC_STATUSES: readonly RoomStatus[] = ["named", "suspended", "withdrawn"];
/** Statuses whose name is taken within the county (a rejected or withdrawn room frees its name). */
export const NAME_HOLDING_STATUSES: readonly RoomStatus[] = ["draft", "submitted", "returned", "committee_consented", "named", "suspended"];
/** The applicant may still edit the room. */
export const EDITABLE_STATUSES: readonly RoomStatus[] = ["draft", "returned"];

/** Names compared within a county: without spaces and punctuation, half-width, lower case. */
export const roomNameKey = (name: string) =>
  name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, "");

// ---------------------------------------------------------------------------------------------
// Eligibility rules (per node; the nearest node up the tree with its own rules applies)

export type RoomPolicy = {
  /** Years of service (from the roster's appointment date), at least. */
  minYears: number;
  /** Disputes handled as primary mediator, on average per year over `spanYears`, at least. */
  minDisputesPerYear: number;
  /** Success rate over the same years, in percent, at least. */
  minSuccessRate: number;
  /** The lowest grade level (a key of the province's scheme) the mediator must hold; null: none asked. */
  minLevel: string | null;
  /** How many closing years (the last full ones) the dispute figures are averaged over. */
  spanYears: number;
  /** The rating window for year Y (MM-DD): opens on `ratingOpens` (in Y when on or after 07-01, else in Y+1), closes on the next `ratingCloses`. */
  ratingOpens: string;
  ratingCloses: string;
  /** How many named rooms the node aims for in its subtree (Mianyang: ≥ 10); null: no target. */
  target: number | null;
};

/**
 * Quanzhou's rule as the default: at least 5 years of service, on average at least 20 disputes a
 * year with a high success rate (we read "high" as ≥ 90 %), a high level (≥ 三级 on the national
 * scheme). Ratings of year Y from 1 December of Y to 31 March of Y+1.
 */
export const DEFAULT_ROOM_POLICY: RoomPolicy = {
  minYears: 5,
  minDisputesPerYear: 20,
  minSuccessRate: 90,
  minLevel: "level3",
  spanYears: 3,
  ratingOpens: "12-01",
  ratingCloses: "03-31",
  target: null,
};

export const RULE_KEYS = ["years", "disputes", "success", "level"] as const;
export type RuleKey = (typeof RULE_KEYS)[number];
export type RuleResult = { key: RuleKey; required: number | string | null; actual: number | string | null; met: boolean };
export type Eligibility = { mediatorId: number; rules: RuleResult[]; eligible: boolean };

/** What the check reads about a mediator (from the roster, the case rollups and the level history). */
export type EligibilityFacts = {
  mediatorId: number;
  appointedOn: string | null;
  /** Case figures per closing year (primary mediator). */
  years: readonly { year: number; handled: number; successful: number }[];
  /** The level held now (a scheme key) or null. */
  level: string | null;
};

/** Whole years between two ISO days. */
export function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split("-").map(Number);
  const [ty, tm, td] = to.split("-").map(Number);
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return Math.max(0, years);
}

/** The closing years the figures are averaged over: the last `span` full years before today's. */
export const spanOf = (today: string, span: number) => {
  const year = Number(today.slice(0, 4));
  return Array.from({ length: span }, (_, i) => year - span + i);
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The eligibility rules for one mediator. `levelOrder`: the scheme's level keys, highest first
 * (a level meets the rule when it is the rule's level or above it).
 */
export function checkEligibility(policy: RoomPolicy, facts: EligibilityFacts, today: string, levelOrder: readonly string[]): Eligibility {
  const served = facts.appointedOn && isIsoDate(facts.appointedOn) ? yearsBetween(facts.appointedOn, today) : null;
  const span = spanOf(today, policy.spanYears);
  const inSpan = facts.years.filter((y) => span.includes(y.year));
  const handled = inSpan.reduce((s, y) => s + y.handled, 0);
  const successful = inSpan.reduce((s, y) => s + y.successful, 0);
  const perYear = round1(handled / Math.max(1, policy.spanYears));
  const rate = handled > 0 ? round1((successful / handled) * 100) : null;
  const rank = (key: string | null) => (key === null ? -1 : levelOrder.indexOf(key));
  const levelMet =
    policy.minLevel === null || (facts.level !== null && rank(facts.level) >= 0 && rank(facts.level) <= rank(policy.minLevel));
  const rules: RuleResult[] = [
    { key: "years", required: policy.minYears, actual: served, met: served !== null && served >= policy.minYears },
    { key: "disputes", required: policy.minDisputesPerYear, actual: perYear, met: perYear >= policy.minDisputesPerYear },
    { key: "success", required: policy.minSuccessRate, actual: rate, met: rate !== null && rate >= policy.minSuccessRate },
    { key: "level", required: policy.minLevel, actual: facts.level, met: levelMet },
  ];
  return { mediatorId: facts.mediatorId, rules, eligible: rules.every((r) => r.met) };
}

// ---------------------------------------------------------------------------------------------
// The rating window

const monthDay = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const isMonthDay = (v: string) => monthDay.test(v) && isIsoDate(`2024-${v}`);

/** The window in which year `year` is rated: [opens, closes] as ISO days. */
export function ratingWindow(policy: Pick<RoomPolicy, "ratingOpens" | "ratingCloses">, year: number) {
  const openYear = policy.ratingOpens >= "07-01" ? year : year + 1;
  const closeYear = policy.ratingCloses >= policy.ratingOpens ? openYear : openYear + 1;
  const fix = (y: number, md: string) => (isIsoDate(`${y}-${md}`) ? `${y}-${md}` : `${y}-02-28`);
  return { opens: fix(openYear, policy.ratingOpens), closes: fix(closeYear, policy.ratingCloses) };
}

/** The year that may be rated on this day, or null outside every window. */
export function ratingYearOn(policy: Pick<RoomPolicy, "ratingOpens" | "ratingCloses">, today: string): number | null {
  const year = Number(today.slice(0, 4));
  for (const y of [year, year - 1, year - 2]) {
    const w = ratingWindow(policy, y);
    if (today >= w.opens && today <= w.closes) return y;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The proposed star sheet (评星定级)

export const SHEET_ITEMS = ["cases", "success", "fileReview", "followUp", "levels", "trainings"] as const;
export type SheetItem = (typeof SHEET_ITEMS)[number];
/** Points per item; 100 in all. */
export const SHEET_POINTS: Record<SheetItem, number> = { cases: 20, success: 20, fileReview: 20, followUp: 15, levels: 15, trainings: 10 };

/** The evidence of one room for one year. */
export type SheetEvidence = {
  mediators: number;
  handled: number;
  successful: number;
  followedUp: number;
  /** Mean 卷宗评查 score of the room's mediators' files reviewed in the year; null: none reviewed. */
  fileReviewMean: number | null;
  /** Each mediator's level now as its rank in the scheme (0 = highest), null for none. */
  levelRanks: readonly (number | null)[];
  /** How many levels the scheme has. */
  levelCount: number;
  /** Training events the room's committee organised in the year. */
  trainings: number;
};
export type SheetLine = { item: SheetItem; value: number | null; points: number | null; max: number };
export type StarSheet = { year: number; evidence: SheetEvidence; lines: SheetLine[]; score: number; stars: number };

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The stars for a score out of 100: ≥ 90 five, ≥ 80 four, ≥ 70 three, ≥ 60 two, else one. */
export const starsFor = (score: number) => (score >= 90 ? 5 : score >= 80 ? 4 : score >= 70 ? 3 : score >= 60 ? 2 : 1);

/**
 * The sheet the system proposes:
 * - cases: disputes per mediator, full marks at 30 a year;
 * - success: the success rate, 0 points at 80 % or less, full marks at 100 %;
 * - fileReview: the 卷宗评查 mean out of 100 (no reviewed file: no data);
 * - followUp: the follow-up rate of successful files;
 * - levels: the best level among the room's mediators (the scheme's highest: full marks, each level
 *   below one step less, no level 0);
 * - trainings: 2 points per training event its committee organised, at most 10.
 * Items without data are left out and the score is scaled to 100 over the rest; no files at all
 * leaves cases, success and follow-up at 0.
 */
export function proposeSheet(year: number, e: SheetEvidence): StarSheet {
  const rate = e.handled > 0 ? e.successful / e.handled : null;
  const follow = e.successful > 0 ? e.followedUp / e.successful : null;
  const ranks = e.levelRanks.filter((r): r is number => r !== null);
  const best = ranks.length ? Math.min(...ranks) : null;
  const perMediator = e.handled / Math.max(1, e.mediators);
  const line = (item: SheetItem, value: number | null, share: number | null): SheetLine => ({
    item,
    value: value === null ? null : round2(value),
    points: share === null ? null : round2(SHEET_POINTS[item] * clamp01(share)),
    max: SHEET_POINTS[item],
  });
  const lines: SheetLine[] = [
    line("cases", e.handled, perMediator / 30),
    line("success", rate === null ? 0 : rate * 100, rate === null ? 0 : (rate - 0.8) / 0.2),
    line("fileReview", e.fileReviewMean, e.fileReviewMean === null ? null : e.fileReviewMean / 100),
    line("followUp", follow === null ? 0 : follow * 100, follow ?? 0),
    line("levels", best, best === null ? 0 : (e.levelCount - best) / Math.max(1, e.levelCount)),
    line("trainings", e.trainings, (e.trainings * 2) / SHEET_POINTS.trainings),
  ];
  const counted = lines.filter((l) => l.points !== null);
  const got = counted.reduce((s, l) => s + (l.points ?? 0), 0);
  const max = counted.reduce((s, l) => s + l.max, 0);
  const score = round2(max > 0 ? (got / max) * 100 : 0);
  return { year, evidence: e, lines, score, stars: starsFor(score) };
}

// ---------------------------------------------------------------------------------------------
// Forms

export const ROOM_NAME_MAX = 40;
export const MAX_SPECIALTIES = 5;
export const MAX_ROOM_MEDIATORS = 8;

const phoneField = z.string().trim().regex(PHONE_PATTERN, msg("phone"));

const id = z.coerce
  .number({ invalid_type_error: msg("choice") })
  .int(msg("choice"))
  .positive(msg("choice"));

/**
 * The application form (the room's public facts). Mediators: the lead (带头人, whose eligibility is
 * checked) and the other members, roster ids of the room's committee; read as `mediatorIds`, lead first.
 */
export const roomSchema = z
  .object({
    name: requiredText(ROOM_NAME_MAX),
    kind: oneOf(ROOM_KINDS),
    committeeId: id,
    leadId: id,
    memberIds: z
      .array(id)
      .max(MAX_ROOM_MEDIATORS - 1, message("validation.max", { max: MAX_ROOM_MEDIATORS - 1 }))
      .default([]),
    specialties: z
      .array(oneOf(DISPUTE_CATEGORIES))
      .min(1, msg("required"))
      .max(MAX_SPECIALTIES, message("validation.max", { max: MAX_SPECIALTIES })),
    address: requiredText(120),
    hours: requiredText(60),
    phone: phoneField,
    story: requiredText(1000),
    motto: optionalText(40),
    intent: z.enum(["save", "submit"]).default("save"),
  })
  .transform(({ leadId, memberIds, ...rest }) => ({ ...rest, mediatorIds: [leadId, ...new Set(memberIds.filter((m) => m !== leadId))] }));
export type RoomInput = z.output<typeof roomSchema>;

/** A review move with its reason (required for returns, rejection, suspension, withdrawal). */
export const roomMoveSchema = z
  .object({
    move: oneOf(ROOM_MOVE_NAMES as [RoomMove, ...RoomMove[]]),
    reason: optionalText(500),
    namedOn: z.string().trim().optional(),
    docNo: optionalText(60),
    plaque: optionalText(60),
  })
  .superRefine((v, ctx) => {
    if (REASON_MOVES.includes(v.move) && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "rooms.error.reason" });
    if (v.move === "name") {
      if (!v.namedOn || !isIsoDate(v.namedOn)) ctx.addIssue({ code: "custom", path: ["namedOn"], message: msg("date") });
      if (!v.docNo) ctx.addIssue({ code: "custom", path: ["docNo"], message: msg("required") });
      if (!v.plaque) ctx.addIssue({ code: "custom", path: ["plaque"], message: msg("required") });
    }
  });
export type RoomMoveInput = z.infer<typeof roomMoveSchema>;

/** The bureau's rating: the stars it confirms (or changes, with a reason). */
export const ratingSchema = z.object({
  year: z.coerce
    .number({ invalid_type_error: msg("number") })
    .int(msg("number"))
    .min(2000, msg("number"))
    .max(2100, msg("number")),
  stars: z.coerce
    .number({ invalid_type_error: msg("number") })
    .int(msg("number"))
    .min(1, message("validation.min", { min: 1 }))
    .max(5, message("validation.max", { max: 5 })),
  reason: optionalText(500),
});
export type RatingInput = z.infer<typeof ratingSchema>;

const whole = (min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: msg("number") })
    .int(msg("number"))
    .min(min, message("validation.min", { min }))
    .max(max, message("validation.max", { max }));

/** A node's rules (eligibility, rating window, target). */
export const policySchema = z.object({
  minYears: whole(0, 40),
  minDisputesPerYear: whole(0, 1000),
  minSuccessRate: whole(0, 100),
  minLevel: z.string().trim().max(16).optional(),
  spanYears: whole(1, 5),
  ratingOpens: z.string().trim().refine(isMonthDay, "rooms.error.monthDay"),
  ratingCloses: z.string().trim().refine(isMonthDay, "rooms.error.monthDay"),
  target: whole(0, 10000).optional(),
});
export type PolicyInput = z.infer<typeof policySchema>;

export const policyOf = (input: PolicyInput): RoomPolicy => ({
  minYears: input.minYears,
  minDisputesPerYear: input.minDisputesPerYear,
  minSuccessRate: input.minSuccessRate,
  minLevel: input.minLevel ? input.minLevel : null,
  spanYears: input.spanYears,
  ratingOpens: input.ratingOpens,
  ratingCloses: input.ratingCloses,
  target: input.target ?? null,
});

/** The directory's filters (GET). */
export const ROOMS_PER_PAGE = 12;
export const directorySchema = z.object({
  q: z.string().trim().max(40).optional().catch(undefined),
  region: z.coerce.number().int().positive().optional().catch(undefined),
  specialty: z.enum(DISPUTE_CATEGORIES).optional().catch(undefined),
  kind: z.enum(ROOM_KINDS).optional().catch(undefined),
  stars: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).optional().catch(undefined),
});
export type DirectoryFilter = z.infer<typeof directorySchema>;

/** The image kinds a room carries and the widths each is stored in. */
export const ROOM_IMAGES = {
  photo: { widths: [320, 640, 1280], format: "jpeg" },
  logo: { widths: [128, 256], format: "png" },
} as const;
export type RoomImageKind = keyof typeof ROOM_IMAGES;
/** The stored image names (photo-640.jpg, logo-128.png), as the public image route takes them. */
export const imageName = (kind: RoomImageKind, width: number) => `${kind}-${width}.${ROOM_IMAGES[kind].format === "jpeg" ? "jpg" : "png"}`;
export const IMAGE_NAMES: readonly string[] = (Object.keys(ROOM_IMAGES) as RoomImageKind[]).flatMap((k) =>
  ROOM_IMAGES[k].widths.map((w) => imageName(k, w)),
);

/** A room's public address. */
export const roomPath = (slug: string) => `/rooms/${slug}`;
/** A map search for an address (高德). */
export const mapLink = (address: string) => `https://uri.amap.com/search?keyword=${encodeURIComponent(address)}`;
