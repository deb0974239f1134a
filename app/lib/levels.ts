import { z } from "zod";
import { EDUCATION_LEVELS, type Education } from "./mediator";
import { isoDate, msg, oneOf, optionalText, requiredText } from "./validation";
import { todayInChina } from "./dates";
import { message } from "./messages";

/**
 * Grade evaluation (等级评定): level schemes, their criteria, and the pure computation of one
 * mediator's criteria for a level and a period. A scheme is configuration of a province node; the
 * national scheme (NATIONAL_SCHEME) applies where a province has none. Labels of criterion kinds
 * and statuses live in the locale files under `levels.*`.
 */

/** Criteria the system computes from what it holds. */
export const AUTOMATIC_KINDS = [
  "serviceYears", // 从事人民调解工作年限 (roster: appointed on)
  "disputes", // 调解纠纷件数 (register: files handled as primary mediator in the period)
  "successRate", // 调解成功率, %
  "oralShare", // 口头协议占比, % of successful files (at most)
  "confirmed", // 司法确认件数
  "trainingHours", // 期内培训学时 (ledger)
  "practical", // 期内实训次数 (ledger)
  "trainingDone", // 按要求参加培训: every year of the period meets the training policy
  "examScore", // 考试成绩: best percent of the configured quiz
  "fileReview", // 卷宗评查平均分
  "levelHeld", // 现任等级任职年限 (for promotion)
  "noSanction", // 无违纪记录 (the bureau's sanctions list)
] as const;
/** Criteria an applicant enters, with evidence the panel checks. */
export const EVIDENCE_KINDS = [
  "education", // 学历
  "honours", // 表彰奖励
  "noCriminal", // 无因调解不当引发刑事案件 (declaration)
  "noFavouritism", // 无徇私舞弊 (declaration)
] as const;
export const CRITERION_KINDS = [...AUTOMATIC_KINDS, ...EVIDENCE_KINDS] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];
export type CriterionSource = "automatic" | "evidence";
export const sourceOf = (kind: CriterionKind): CriterionSource =>
  (AUTOMATIC_KINDS as readonly string[]).includes(kind) ? "automatic" : "evidence";
/** Criteria met by a figure at most the threshold; all others need at least it. */
export const AT_MOST: readonly CriterionKind[] = ["oralShare", "noSanction"];
/** Kinds whose threshold is a number (education compares levels; declarations have none). */
export const NUMERIC_KINDS: readonly CriterionKind[] = CRITERION_KINDS.filter(
  (k) => !["education", "noCriminal", "noFavouritism", "trainingDone"].includes(k),
);

export const ORG_LEVEL_KINDS = ["county", "city", "province"] as const;
export type EvaluatingKind = (typeof ORG_LEVEL_KINDS)[number];

export type Criterion = {
  kind: CriterionKind;
  /** The figure to reach (at most, for AT_MOST kinds); null for declarations and trainingDone. */
  threshold: number | null;
  /** examScore: the quiz whose best score counts (null: no exam yet, the criterion has no data). */
  quizId?: string | null;
  /** levelHeld: the level that must be held (or a higher one). */
  level?: string | null;
  /** education: the lowest education that meets it. */
  education?: Education | null;
  /** What evidence the applicant attaches (shown on the application). */
  evidence?: string | null;
};

export type Level = {
  /** Stable key, referenced by history rows and criteria; never renamed. */
  key: string;
  name: string;
  /** The node kind that evaluates this level, and the one that recommends it upward (if any). */
  evaluatedBy: EvaluatingKind;
  recommendedBy: EvaluatingKind | null;
  criteria: Criterion[];
};

export type LevelScheme = {
  /** Highest first: the order is the ranking. */
  levels: Level[];
  /** Criteria every level requires (Guangdong: good standing, training done, …). */
  common: Criterion[];
  /** What a mediator who meets no level is (未定级). */
  ungradedName: string;
  /** Honorary titles awarded beside the levels (金牌调解员, 首席调解员); outside the ranking. */
  honorary: string[];
};

const c = (kind: CriterionKind, threshold: number | null, extra: Partial<Criterion> = {}): Criterion => ({ kind, threshold, ...extra });

/**
 * Figures per level. 四级 is Guangdong's rule as PRODUCT.md quotes it (≥ 2 years, ≥ 50 disputes,
 * oral ≤ 30 %, success ≥ 85 %). The higher levels are our defaults, raising the same figures step
 * by step (no public document gives them); a province changes them on its scheme page.
 */
const STEPS = {
  level4: { years: 2, disputes: 50, oral: 30, success: 85, hours: 0, held: null },
  level3: { years: 4, disputes: 100, oral: 20, success: 90, hours: 24, held: 2 },
  level2: { years: 6, disputes: 150, oral: 20, success: 92, hours: 36, held: 2 },
  level1: { years: 8, disputes: 200, oral: 15, success: 95, hours: 48, held: 3 },
} as const;
const ORDER = ["level1", "level2", "level3", "level4"] as const;

function levelCriteria(key: (typeof ORDER)[number], extra: (key: (typeof ORDER)[number]) => Criterion[]): Criterion[] {
  const s = STEPS[key];
  const below = ORDER[ORDER.indexOf(key) + 1];
  return [
    c("serviceYears", s.years),
    c("disputes", s.disputes),
    c("successRate", s.success),
    c("oralShare", s.oral),
    ...(s.hours ? [c("trainingHours", s.hours)] : []),
    ...(s.held && below ? [c("levelHeld", s.held, { level: below })] : []),
    ...extra(key),
  ];
}

const NAMES = { level1: "一级人民调解员", level2: "二级人民调解员", level3: "三级人民调解员", level4: "四级人民调解员" } as const;
const WHO: Record<(typeof ORDER)[number], Pick<Level, "evaluatedBy" | "recommendedBy">> = {
  level1: { evaluatedBy: "province", recommendedBy: "city" },
  level2: { evaluatedBy: "city", recommendedBy: null },
  level3: { evaluatedBy: "county", recommendedBy: null },
  level4: { evaluatedBy: "county", recommendedBy: null },
};

/**
 * The national scheme (中华全国人民调解员协会's four levels, 未定级 as the outcome): counties rate
 * 三级/四级, cities 二级 and recommend 一级 to the province. Its criteria carry the same figures as
 * Guangdong's rule, which is the only published worked example we have; the upper levels add
 * judicially confirmed files and a file-review mean score.
 */
export const NATIONAL_SCHEME: LevelScheme = {
  levels: ORDER.map((key) => ({
    key,
    name: NAMES[key],
    ...WHO[key],
    criteria: levelCriteria(key, (k) => [
      ...(k === "level1" || k === "level2" ? [c("confirmed", k === "level1" ? 20 : 10), c("fileReview", 85)] : []),
    ]),
  })),
  common: [c("noSanction", 0)],
  ungradedName: "未定级",
  honorary: [],
};

/**
 * Guangdong's rule (广东省): for any level — good standing (no disciplinary record), required
 * training done, no dispute that turned into a criminal case through improper mediation, no
 * favouritism; the four figures per level as above; education and honours as entered criteria of
 * the upper levels.
 */
export const GUANGDONG_SCHEME: LevelScheme = {
  levels: ORDER.map((key) => ({
    key,
    name: NAMES[key],
    ...WHO[key],
    criteria: levelCriteria(key, (k) => [
      ...(k === "level1" || k === "level2" ? [c("education", null, { education: "college", evidence: "学历证书" })] : []),
      ...(k === "level1" ? [c("honours", 1, { evidence: "县级以上表彰文件或证书" })] : []),
    ]),
  })),
  common: [
    c("noSanction", 0),
    c("trainingDone", null),
    c("noCriminal", null, { evidence: "本人书面承诺，所在调委会盖章" }),
    c("noFavouritism", null, { evidence: "本人书面承诺，所在调委会盖章" }),
  ],
  ungradedName: "未定级",
  honorary: ["金牌调解员"],
};

export const SCHEME_PRESETS = { national: NATIONAL_SCHEME, guangdong: GUANGDONG_SCHEME } as const;
export type SchemePreset = keyof typeof SCHEME_PRESETS;

// ---------------------------------------------------------------------------------------------
// The computation

/** The evaluation period: case and training years are the calendar years it touches; `to` is the day "as of". */
export type Period = { from: string; to: string };
export const periodYears = (p: Period) => {
  if (!(p.from <= p.to)) throw new Error(`period ${p.from} – ${p.to} ends before it begins`);
  const out: number[] = [];
  for (let y = Number(p.from.slice(0, 4)); y <= Number(p.to.slice(0, 4)); y++) out.push(y);
  return out;
};

/** What the system holds about one mediator, as the criteria read it. */
export type MediatorFacts = {
  mediatorId: number;
  appointedOn: string | null;
  education: Education | null;
  /** Register rollup rows per closing year (primary mediator). */
  caseYears: { year: number; handled: number; successful: number; oral: number; confirmed: number }[];
  /** Training rollup rows per year. */
  trainingYears: { year: number; hours: number; practical: number; compliant: boolean }[];
  /** Best percent per quiz id, over submitted attempts. */
  bestScores: Record<string, number>;
  /** 卷宗评查 mean score; null when no review data exists. */
  fileReview: number | null;
  levels: { level: string; from: string; until: string | null }[];
  sanctions: { on: string }[];
};

export type CriterionStatus = "met" | "notMet" | "evidence" | "noData";
export type CriterionResult = Criterion & {
  source: CriterionSource;
  /** The system's figure (null: evidence criteria, or no data). */
  figure: number | null;
  status: CriterionStatus;
};

/** Whole years from one day to another (the anniversary counts). */
export function wholeYears(from: string, to: string): number {
  const [fy, fm, fd] = from.split("-").map(Number);
  const [ty, tm, td] = to.split("-").map(Number);
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return Math.max(0, years);
}
const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 1000) / 10);
const rank = (scheme: LevelScheme, key: string) => {
  const i = scheme.levels.findIndex((l) => l.key === key);
  return i < 0 ? Number.POSITIVE_INFINITY : i;
};

/** The level row in force on a day (the latest begun and not yet ended). */
export function levelOn(levels: MediatorFacts["levels"], day: string) {
  return levels.filter((l) => l.from <= day && (l.until === null || l.until > day)).sort((a, b) => b.from.localeCompare(a.from))[0] ?? null;
}

/** The system's figure for an automatic criterion (null: no data). */
export function figureOf(criterion: Criterion, facts: MediatorFacts, period: Period, scheme: LevelScheme): number | null {
  const years = new Set(periodYears(period));
  const cases = facts.caseYears.filter((y) => years.has(y.year));
  const sum = (k: "handled" | "successful" | "oral" | "confirmed") => cases.reduce((s, y) => s + y[k], 0);
  const training = facts.trainingYears.filter((y) => years.has(y.year));
  switch (criterion.kind) {
    case "serviceYears":
      return facts.appointedOn && facts.appointedOn <= period.to ? wholeYears(facts.appointedOn, period.to) : null;
    case "disputes":
      return sum("handled");
    case "successRate":
      return sum("handled") ? pct(sum("successful"), sum("handled")) : null;
    case "oralShare":
      return sum("successful") ? pct(sum("oral"), sum("successful")) : null;
    case "confirmed":
      return sum("confirmed");
    case "trainingHours":
      return Math.round(training.reduce((s, y) => s + y.hours, 0) * 10) / 10;
    case "practical":
      return training.reduce((s, y) => s + y.practical, 0);
    case "trainingDone":
      return training.filter((y) => y.compliant).length;
    case "examScore":
      return criterion.quizId ? (facts.bestScores[criterion.quizId] ?? null) : null;
    case "fileReview":
      return facts.fileReview;
    case "levelHeld": {
      const held = levelOn(facts.levels, period.to);
      if (!held || !criterion.level || rank(scheme, held.level) > rank(scheme, criterion.level)) return null;
      return wholeYears(held.from, period.to);
    }
    case "noSanction":
      return facts.sanctions.filter((s) => s.on >= period.from && s.on <= period.to).length;
    default:
      return null;
  }
}

/** One criterion against the facts: the figure, and met / not met / needs evidence / no data. */
export function checkCriterion(criterion: Criterion, facts: MediatorFacts, period: Period, scheme: LevelScheme): CriterionResult {
  const source = sourceOf(criterion.kind);
  if (source === "evidence") return { ...criterion, source, figure: null, status: "evidence" };
  const figure = figureOf(criterion, facts, period, scheme);
  if (criterion.kind === "trainingDone") {
    const needed = periodYears(period).length;
    return { ...criterion, threshold: needed, source, figure, status: figure !== null && figure >= needed ? "met" : "notMet" };
  }
  if (figure === null) {
    // No service date, no current level: the criterion is not met. No exam or review data: not yet known.
    const status =
      criterion.kind === "examScore" ||
      criterion.kind === "fileReview" ||
      criterion.kind === "successRate" ||
      criterion.kind === "oralShare"
        ? "noData"
        : "notMet";
    return { ...criterion, source, figure, status };
  }
  const threshold = criterion.threshold ?? 0;
  const met = AT_MOST.includes(criterion.kind) ? figure <= threshold : figure >= threshold;
  return { ...criterion, source, figure, status: met ? "met" : "notMet" };
}

export type LevelCheck = { level: string; name: string; criteria: CriterionResult[]; meetsAutomatic: boolean };

/** Every criterion of a level (the scheme's common ones first) for one mediator and period. Pure. */
export function checkLevel(scheme: LevelScheme, levelKey: string, facts: MediatorFacts, period: Period): LevelCheck {
  const level = scheme.levels.find((l) => l.key === levelKey);
  if (!level) throw new Error(`unknown level ${levelKey}`);
  const criteria = [...scheme.common, ...level.criteria].map((cr) => checkCriterion(cr, facts, period, scheme));
  return {
    level: level.key,
    name: level.name,
    criteria,
    meetsAutomatic: criteria.every((r) => r.status === "met" || r.status === "evidence"),
  };
}

/** The highest level whose automatic criteria are all met (null: none — 未定级). */
export function highestMet(checks: readonly LevelCheck[]): string | null {
  return checks.find((c) => c.meetsAutomatic)?.level ?? null;
}

// ---------------------------------------------------------------------------------------------
// Forms

const number = z.preprocess(
  (v) => (v === "" || v === undefined || v === null ? null : Number(v)),
  z
    .number({ invalid_type_error: msg("number") })
    .min(0, message("validation.min", { min: 0 }))
    .max(100_000, message("validation.max", { max: 100_000 }))
    .nullable(),
);
const criterionSchema = z
  .object({
    kind: oneOf(CRITERION_KINDS),
    threshold: number,
    quizId: z.preprocess(
      (v) => (v === "" ? null : v),
      z
        .string()
        .trim()
        .max(100, message("validation.tooLong", { max: 100 }))
        .nullable()
        .optional(),
    ),
    level: z.preprocess((v) => (v === "" ? null : v), z.string().max(32).nullable().optional()),
    education: z.preprocess((v) => (v === "" ? null : v), oneOf(EDUCATION_LEVELS).nullable().optional()),
    evidence: z.preprocess(
      (v) => (v === "" ? null : v),
      z
        .string()
        .trim()
        .max(200, message("validation.tooLong", { max: 200 }))
        .nullable()
        .optional(),
    ),
  })
  .superRefine((cr, ctx) => {
    if (NUMERIC_KINDS.includes(cr.kind) && cr.threshold === null)
      ctx.addIssue({ code: "custom", path: ["threshold"], message: msg("required") });
    if (
      (cr.kind === "successRate" || cr.kind === "oralShare" || cr.kind === "examScore" || cr.kind === "fileReview") &&
      (cr.threshold ?? 0) > 100
    )
      ctx.addIssue({ code: "custom", path: ["threshold"], message: message("validation.max", { max: 100 }) });
    if (cr.kind === "levelHeld" && !cr.level) ctx.addIssue({ code: "custom", path: ["level"], message: msg("required") });
    if (cr.kind === "education" && !cr.education) ctx.addIssue({ code: "custom", path: ["education"], message: msg("required") });
  });

/** A scheme as the scheme page posts it (and as it is stored). */
export const levelSchemeSchema = z
  .object({
    levels: z
      .array(
        z.object({
          key: z
            .string()
            .trim()
            .regex(/^[a-z][a-z0-9_]{0,15}$/, msg("levelKey")),
          name: requiredText(30),
          evaluatedBy: oneOf(ORG_LEVEL_KINDS),
          recommendedBy: z.preprocess((v) => (v === "" ? null : v), oneOf(ORG_LEVEL_KINDS).nullable()),
          criteria: z.array(criterionSchema).max(30).default([]),
        }),
      )
      .min(1, msg("required"))
      .max(10),
    common: z.array(criterionSchema).max(30).default([]),
    ungradedName: requiredText(30),
    honorary: z.preprocess(
      (v) =>
        typeof v === "string"
          ? v
              .split(/[，,、\n]/)
              .map((s) => s.trim())
              .filter(Boolean)
          : (v ?? []),
      z.array(z.string().max(30, message("validation.tooLong", { max: 30 }))).max(10),
    ),
  })
  .superRefine((s, ctx) => {
    const keys = s.levels.map((l) => l.key);
    keys.forEach((k, i) => {
      if (keys.indexOf(k) !== i) ctx.addIssue({ code: "custom", path: ["levels", i, "key"], message: msg("duplicate") });
    });
    s.levels.forEach((l, i) =>
      l.criteria.forEach((cr, j) => {
        if (cr.kind === "levelHeld" && cr.level && !keys.includes(cr.level))
          ctx.addIssue({ code: "custom", path: ["levels", i, "criteria", j, "level"], message: msg("choice") });
      }),
    );
  });
export type LevelSchemeInput = z.infer<typeof levelSchemeSchema>;

/** A disciplinary record the bureau enters on a roster entry (处分记录). */
export const sanctionSchema = z.object({
  on: isoDate().refine((v) => v <= todayInChina(), msg("dateFuture")),
  reason: requiredText(300),
  documentNo: requiredText(60),
  note: optionalText(300),
});
export type SanctionInput = z.infer<typeof sanctionSchema>;

/** The criteria-check page's period, as years (default: the last three calendar years, up to today). */
export const periodQuerySchema = z.object({
  from: z.coerce.number().int().min(2000).max(2100).optional(),
  to: z.coerce.number().int().min(2000).max(2100).optional(),
});

/** A period of whole calendar years, ending today at the latest (default: the last three years). */
export function periodOfYears(today: string, from?: number, to?: number): Period {
  const thisYear = Number(today.slice(0, 4));
  const last = Math.min(to ?? thisYear, thisYear);
  const first = Math.min(from ?? last - 2, last);
  const end = `${last}-12-31`;
  return { from: `${first}-01-01`, to: end < today ? end : today };
}
