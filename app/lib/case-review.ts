import { z } from "zod";
import type { Rubric } from "./rubric";
import { isoDate, msg, requiredText } from "./validation";
import { todayInChina } from "./dates";
import { message } from "./messages";

/**
 * Case-file quality review (卷宗评查): the vocabulary, the forms' schemas and the pure rules shared
 * by the server and the pages. Labels live in the locale files under `review.*`.
 */

/**
 * Where a sampled file stands:
 * awaiting_upload (the committee has not uploaded the scan) → awaiting_score (scan in, the reviewer
 * scores it) → passed (score ≥ pass line) | returned (under the pass line: back to the committee
 * with the comments) | mismatch (与台账不符: out of the figures). A returned or mismatched file the
 * committee corrects goes back to awaiting_score for the reviewer to score again.
 */
export const REVIEW_STAGES = ["awaiting_upload", "awaiting_score", "passed", "returned", "mismatch"] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];
export type ReviewState = "open" | "closed";

/** The sampling rule: a share of judicially confirmed files, a share of the rest, a minimum per mediator. */
export type SamplingRule = { confirmedPercent: number; otherPercent: number; minPerMediator: number };
export const DEFAULT_RULE: SamplingRule = { confirmedPercent: 10, otherPercent: 5, minPerMediator: 1 };
export const DEFAULT_PASS_LINE = 60;
/** A review's weights add up to this (the rubric's 100 points). */
export const REVIEW_TOTAL = 100;
/** Scans a committee may attach to one file. */
export const MAX_SCANS = 10;

const day = isoDate();
const percent = z
  .number({ required_error: msg("required"), invalid_type_error: msg("number") })
  .min(0, msg("percent"))
  .max(100, msg("percent"));

/** Opening a review (the rubric's weights and the reviewers are checked against the library and the tree on the server). */
export const openReviewSchema = z
  .object({
    title: requiredText(80),
    orgUnitId: z.number({ required_error: msg("required"), invalid_type_error: msg("choice") }).int(),
    periodFrom: day,
    periodTo: day,
    confirmedPercent: percent.default(DEFAULT_RULE.confirmedPercent),
    otherPercent: percent.default(DEFAULT_RULE.otherPercent),
    minPerMediator: z
      .number({ invalid_type_error: msg("number") })
      .int(msg("number"))
      .min(0, msg("number"))
      .max(20, msg("number"))
      .default(DEFAULT_RULE.minPerMediator),
    rubricId: z.number({ required_error: msg("required"), invalid_type_error: msg("choice") }).int(),
    weights: z
      .array(
        z
          .number({ invalid_type_error: msg("number") })
          .min(0, msg("number"))
          .max(100, msg("number")),
      )
      .default([]),
    reviewerIds: z
      .array(z.number().int())
      .min(1, msg("reviewersRequired"))
      .max(50, message("validation.tooMany", { max: 50 })),
    passLine: z
      .number({ invalid_type_error: msg("number") })
      .int(msg("number"))
      .min(1, msg("percent"))
      .max(100, msg("percent"))
      .default(DEFAULT_PASS_LINE),
    deadline: day,
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, key: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message: msg(key) });
    if (v.periodTo < v.periodFrom) issue("periodTo", "periodOrder");
    if (v.deadline < todayInChina()) issue("deadline", "deadlinePast");
    if (new Set(v.reviewerIds).size !== v.reviewerIds.length) issue("reviewerIds", "reviewerTwice");
  });
export type OpenReviewInput = z.infer<typeof openReviewSchema>;

/** The committee's upload, or its correction of a returned or mismatched file (a note is then required). */
export const uploadSchema = z.object({
  note: z
    .string()
    .trim()
    .max(500, message("validation.tooLong", { max: 500 }))
    .optional(),
});

/** Closing a review says why (it is audited). */
export const closeReviewSchema = z.object({ reason: requiredText(200) });

/**
 * The rubric as weighted for one review: criterion i is worth weights[i] points, and each of its
 * levels keeps its share of the criterion's top level (rounded to half a point; the top level is
 * worth exactly the weight). Without weights, the rubric as it is.
 */
export function weightedRubric(rubric: Pick<Rubric, "title" | "description" | "criteria">, weights: readonly number[]): Rubric {
  const criteria = rubric.criteria.map((c, i) => {
    const top = Math.max(...c.levels.map((l) => l.points));
    const weight = weights[i] ?? top;
    return {
      ...c,
      levels: c.levels.map((l) => ({
        ...l,
        points: top > 0 ? (l.points === top ? weight : Math.round((l.points * weight * 2) / top) / 2) : 0,
      })),
    };
  });
  const maxPoints = criteria.reduce((sum, c) => sum + Math.max(...c.levels.map((l) => l.points)), 0);
  return { title: rubric.title, description: rubric.description, criteria, maxPoints };
}

/** The default weights of a rubric: each criterion's top level. */
export const defaultWeights = (rubric: Pick<Rubric, "criteria">) => rubric.criteria.map((c) => Math.max(...c.levels.map((l) => l.points)));

/** The sample size of a stratum under a share: rounded up, so a stratum with files is never skipped by rounding alone. */
export const quota = (size: number, percent: number) =>
  size === 0 || percent === 0 ? 0 : Math.min(size, Math.ceil((size * percent) / 100 - 1e-9));

/** The reviewer's form beside the rubric (the levels and per-item comments are read per criterion). */
export const scoreSchema = z.object({
  // Not "comment": the per-item fields are comment.<criterion>.
  overallComment: z
    .string()
    .trim()
    .max(2000, message("validation.tooLong", { max: 2000 }))
    .optional(),
  mismatch: z.boolean().default(false),
  reason: z
    .string()
    .trim()
    .max(200, message("validation.tooLong", { max: 200 }))
    .optional(),
  version: z.number().int(),
});
