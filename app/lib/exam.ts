import { z } from "zod";
import { DISPUTE_CATEGORIES } from "./categories";
import { instantToZoned, zonedToInstant } from "./dates";
import { message } from "./messages";
import { MULTIPLE_SCORING, QUESTION_TYPES, REVIEW_POLICIES, type DrawRule } from "./quiz";
import { msg, requiredText } from "./validation";

/**
 * Exams a bureau schedules in the browser (考试安排). A scheduled exam runs on the quiz attempt
 * engine as the quiz `exam-<id>`; the draw rules are the quiz draw rules narrowed to category,
 * difficulty and type.
 */
export const EXAM_QUIZ_PREFIX = "exam-";
export const examQuizId = (id: number) => `${EXAM_QUIZ_PREFIX}${id}`;
/** The scheduled exam's id of a quiz id such as "exam-12", or null for a content quiz. */
export function examIdOf(quizId: string | undefined | null): number | null {
  const m = /^exam-([1-9]\d{0,9})$/.exec(quizId ?? "");
  const id = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(id) && id <= 2_147_483_647 ? id : null;
}

export const MAX_RULES = 20;
/** Blank rule rows the form offers after the filled ones. */
export const BLANK_RULES = 3;

const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * "2026-12-05T09:30" as the users type it (their zone: Asia/Shanghai unless APP_TIME_ZONE) → the
 * instant it names; null for anything else, a day that does not exist included (2026-02-30, 24:00).
 */
export function parseChinaLocal(value: string): Date | null {
  const m = LOCAL_DATETIME.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  if (year < 2000 || year > 2099 || hour > 23 || minute > 59) return null;
  const back = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return zonedToInstant(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}`);
}

/** An instant as a datetime-local value in the users' time zone ("2026-12-05T09:30"). */
export const toChinaLocal = (at: Date | string) => instantToZoned(at);

const chinaDateTime = z
  .string({ required_error: msg("required") })
  .trim()
  .refine((v) => parseChinaLocal(v) !== null, "exam.error.dateTime");

const int = (min: number, max: number, key: string) =>
  z
    .number({ required_error: msg("required"), invalid_type_error: message(key, { min, max }) })
    .int(message(key, { min, max }))
    .min(min, message(key, { min, max }))
    .max(max, message(key, { min, max }));

/** One row of the draw rules; all blank: no rule. */
const ruleRow = z
  .object({
    category: z.enum(DISPUTE_CATEGORIES, { errorMap: () => ({ message: msg("choice") }) }).optional(),
    difficulty: z
      .enum(["1", "2", "3"], { errorMap: () => ({ message: msg("choice") }) })
      .transform(Number)
      .optional(),
    type: z.enum(QUESTION_TYPES, { errorMap: () => ({ message: msg("choice") }) }).optional(),
    count: int(1, 200, "exam.error.count").optional(),
  })
  .nullable()
  .optional();

export type ExamRule = { category?: DrawRule["category"]; difficulty?: 1 | 2 | 3; type?: DrawRule["type"]; count: number };

const rules = z
  .array(ruleRow)
  .max(MAX_RULES + BLANK_RULES, message("validation.tooMany", { max: MAX_RULES }))
  .default([])
  .superRefine((rows, ctx) => {
    rows.forEach((row, i) => {
      if (row && row.count === undefined && (row.category || row.difficulty || row.type))
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i, "count"], message: msg("required") });
    });
    const filled = rows.filter((r) => r?.count !== undefined).length;
    if (filled === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "exam.error.noRules" });
    if (filled > MAX_RULES) ctx.addIssue({ code: z.ZodIssueCode.custom, message: message("validation.tooMany", { max: MAX_RULES }) });
  })
  /** Kept with their row index, so an error found on the server lands on the row the person filled. */
  .transform((rows) =>
    rows.flatMap((r, row) =>
      r && r.count !== undefined
        ? [{ row, rule: { category: r.category, difficulty: r.difficulty as 1 | 2 | 3 | undefined, type: r.type, count: r.count } }]
        : [],
    ),
  );

/** What the title and closing time take; after the first attempt they are all that may change. */
const examBase = {
  title: requiredText(80),
  closesAt: chinaDateTime,
};

/** The full exam form (creating, or editing before anyone has started it). */
export const examSchema = z
  .object({
    ...examBase,
    orgUnitId: z.number({ required_error: msg("required"), invalid_type_error: msg("choice") }).int(),
    committeeIds: z
      .array(
        z
          .number({ invalid_type_error: msg("choice") })
          .int(msg("choice"))
          .positive(msg("choice")),
      )
      .max(500, message("validation.tooMany", { max: 500 }))
      .default([]),
    specialties: z.array(z.enum(DISPUTE_CATEGORIES, { errorMap: () => ({ message: msg("choice") }) })).default([]),
    opensAt: chinaDateTime,
    timeLimitMinutes: int(1, 600, "exam.error.timeLimit").optional(),
    attemptsAllowed: int(1, 20, "exam.error.attempts"),
    passMark: int(0, 100, "exam.error.passMark"),
    review: z.enum(REVIEW_POLICIES, { errorMap: () => ({ message: msg("choice") }) }),
    multipleScoring: z.enum(MULTIPLE_SCORING, { errorMap: () => ({ message: msg("choice") }) }),
    rules,
  })
  .superRefine((v, ctx) => {
    const opens = parseChinaLocal(v.opensAt);
    const closes = parseChinaLocal(v.closesAt);
    if (opens && closes && closes <= opens)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["closesAt"], message: "exam.error.closesBeforeOpens" });
  });
export type ExamInput = z.infer<typeof examSchema>;

/** Editing an exam someone has already started: its title and closing time only. */
export const examLockedSchema = z.object(examBase);
export type ExamLockedInput = z.infer<typeof examLockedSchema>;

/** How many questions the banks hold per category, difficulty and type: key "labour|2|single". */
export type PoolIndex = Record<string, number>;
export const poolKey = (category: string, difficulty: number, type: string) => `${category}|${difficulty}|${type}`;

/** How many questions a rule matches (blank parts match anything), from the index. */
export function poolOf(index: PoolIndex, rule: { category?: string; difficulty?: number | string; type?: string }): number {
  let n = 0;
  for (const [key, count] of Object.entries(index)) {
    const [category, difficulty, type] = key.split("|");
    if (rule.category && rule.category !== category) continue;
    if (rule.difficulty && String(rule.difficulty) !== difficulty) continue;
    if (rule.type && rule.type !== type) continue;
    n += count;
  }
  return n;
}

/** The exam form's values as the page fills them in (all strings, as a form holds them). */
export type ExamFormValue = {
  title: string;
  opensAt: string;
  closesAt: string;
  orgUnitId: string;
  attemptsAllowed: string;
  passMark: string;
  review: string;
  multipleScoring: string;
  timeLimitMinutes: string;
  committeeIds: string[];
  specialties: string[];
  rules: { category: string; difficulty: string; type: string; count: string }[];
};
