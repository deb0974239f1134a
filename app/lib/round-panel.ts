import { z } from "zod";
import type { Criterion, CriterionKind } from "./levels";
import { message } from "./messages";
import { OUTCOMES } from "./rounds";
import { msg, oneOf, optionalText, requiredText, tooShort } from "./validation";

/**
 * The panel's side of a grade evaluation round (评审): which items a reviewer scores, the score
 * sheet, the decision, the public objection (异议) and its answer. Pure: no database here.
 */

/** Yes/no declarations: the panel checks the signed statement, it does not score it. */
export const DECLARATION_KINDS: readonly CriterionKind[] = ["noCriminal", "noFavouritism"];
/** The item every sheet ends with: 综合评价. */
export const OVERALL_ITEM = "overall";
export const MAX_POINTS = 100;

export type ScoreItem = { key: string; kind: CriterionKind | "overall"; index: number | null; evidence: string | null };

/**
 * The items of a score sheet for a level's criteria (the scheme's common ones first, as checkLevel
 * lists them): one per entered criterion that is not a declaration, keyed by its index in that list
 * (the key the application's evidence uses), and 综合评价.
 */
export function scoreItemsOf(criteria: readonly (Pick<Criterion, "kind" | "evidence"> & { source?: string })[]): ScoreItem[] {
  const items: ScoreItem[] = [];
  criteria.forEach((c, index) => {
    const entered = c.source ? c.source === "evidence" : ["education", "honours", ...DECLARATION_KINDS].includes(c.kind);
    if (entered && !DECLARATION_KINDS.includes(c.kind)) items.push({ key: `c${index}`, kind: c.kind, index, evidence: c.evidence ?? null });
  });
  items.push({ key: OVERALL_ITEM, kind: "overall", index: null, evidence: null });
  return items;
}

/** A sheet's total: the mean of its items, two decimals. */
export function sheetTotal(points: Record<string, number>, keys: readonly string[]): number {
  const values = keys.map((k) => points[k]);
  return Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 100) / 100;
}

const points = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.coerce
    .number({ required_error: msg("required"), invalid_type_error: msg("number") })
    .min(0, message("validation.min", { min: 0 }))
    .max(MAX_POINTS, message("validation.max", { max: MAX_POINTS }))
    .refine((n) => Math.round(n * 10) === n * 10, "roundPanel.error.pointsStep"),
);

/** The score sheet form for the given item keys: `points.<key>` each 0–100 (one decimal at most), a comment. */
export const scoreSheetSchema = (keys: readonly string[]) =>
  z.object({
    points: z.object(Object.fromEntries(keys.map((k) => [k, points])) as Record<string, typeof points>),
    comment: optionalText(1000),
  });
export type ScoreSheetInput = { points: Record<string, number>; comment?: string };

/** A decision: the outcome, the level (awarded: the level granted; downgraded: the lower level, empty for none), the reason. */
export const decisionSchema = z.object({
  outcome: oneOf(OUTCOMES),
  level: z.string().trim().max(16).optional(),
  reason: requiredText(500),
});
export type DecisionInput = z.infer<typeof decisionSchema>;

/** A relation a panel member declares with an applicant (亲属、同事、师徒…). */
export const relationSchema = z.object({
  mediatorId: z.coerce
    .number({ invalid_type_error: msg("required") })
    .int()
    .positive(msg("required")),
  relation: requiredText(100),
  userId: z.coerce.number().int().positive().optional(),
});

/** The public objection form (the honeypot field is checked at the edge). */
export const objectionSchema = z.object({
  objector: requiredText(50),
  contact: requiredText(100),
  applicationId: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
  text: requiredText(2000).pipe(z.string().min(10, tooShort(10))),
});
export type ObjectionInput = z.infer<typeof objectionSchema>;

/** An admin's answer to an objection, optionally with a new decision on the application. */
export const answerSchema = z.object({
  answer: requiredText(2000),
  redecide: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  outcome: z.preprocess((v) => (v === "" ? undefined : v), oneOf(OUTCOMES).optional()),
  level: z.string().trim().max(16).optional(),
  reason: optionalText(500),
});
export type AnswerInput = z.infer<typeof answerSchema>;

/** What the public notice says of a decision. */
export type PublicResult = { kind: "level"; name: string } | { kind: "ungraded"; name: string } | { kind: "kept"; name: string };
