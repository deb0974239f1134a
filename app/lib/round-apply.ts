import { z } from "zod";
import type { Criterion, LevelScheme } from "./levels";
import { APPLICATION_STAGES, type ApplicationStage } from "./rounds";
import { msg, optionalText, tooLong } from "./validation";

/**
 * Applying in a grade evaluation round and the two pre-reviews (调委会初审, 司法所初审), as the
 * forms and pages see them. Pure: no database here (app/.server/rounds/applications.ts and
 * prereview.ts do the work).
 */

/** At most this many files on one application (all its evidence criteria together). */
export const MAX_APPLICATION_FILES = 10;
/** A statement for one evidence criterion. */
export const MAX_STATEMENT = 2000;
/** Applications listed per page on a round's overview and the review queue. */
export const APPLICATIONS_PER_PAGE = 50;

/** The form field of an evidence criterion's statement and of its files (by the criterion's index in the level's list). */
export const statementField = (index: number) => `evidence.c${index}`;
export const filesField = (index: number) => `files_c${index}`;

const levelKey = z
  .string({ required_error: msg("required") })
  .trim()
  .min(1, msg("required"))
  .max(16);

/** Starting an application: the level asked for (checked against the round's range on the server). */
export const startSchema = z.object({ level: levelKey });

/** Nominating a mediator of one's committee (推荐申报). */
export const nominateSchema = z.object({
  mediatorId: z.coerce
    .number({ invalid_type_error: msg("required") })
    .int(msg("required"))
    .positive(msg("required")),
  level: levelKey,
});

/** Saving or submitting an application: the level, and a statement per evidence criterion ("c<index>" → text). */
export const applicationSchema = z.object({
  intent: z.enum(["save", "submit"]),
  level: levelKey,
  evidence: z.record(z.string().regex(/^c\d{1,2}$/), z.string().trim().max(MAX_STATEMENT, tooLong(MAX_STATEMENT))).optional(),
});
export type ApplicationInput = z.infer<typeof applicationSchema>;

/** The moves a pre-review makes, as the review form sends them. */
export const REVIEW_MOVES = ["committeePass", "committeeReturn", "townshipPass", "townshipReturn"] as const;
export type ReviewMove = (typeof REVIEW_MOVES)[number];
export const isReturn = (move: ReviewMove) => move === "committeeReturn" || move === "townshipReturn";

/** A pre-review: pass, or return with a reason (a return without one is refused). */
export const reviewSchema = z
  .object({ intent: z.literal("review"), move: z.enum(REVIEW_MOVES), reason: optionalText(500) })
  .superRefine((v, ctx) => {
    if (isReturn(v.move) && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "roundApply.error.reasonRequired" });
  });

/** The review a stage waits for: the committee's (submitted), the 司法所's (committee_passed), or none. */
export const reviewOf = (stage: ApplicationStage): "committee" | "township" | null =>
  stage === "submitted" ? "committee" : stage === "committee_passed" ? "township" : null;

/** What the applicant does next at each stage (a key under roundApply.next). */
export const nextStep = (stage: ApplicationStage) => `roundApply.next.${stage}`;

export const isStage = (value: unknown): value is ApplicationStage =>
  typeof value === "string" && (APPLICATION_STAGES as readonly string[]).includes(value);

/** The scheme with the round's exam as the quiz of every exam criterion (a round may name its own exam). */
export function withRoundExam(scheme: LevelScheme, quizId: string | null): LevelScheme {
  if (!quizId) return scheme;
  const swap = (c: Criterion): Criterion => (c.kind === "examScore" ? { ...c, quizId } : c);
  return { ...scheme, common: scheme.common.map(swap), levels: scheme.levels.map((l) => ({ ...l, criteria: l.criteria.map(swap) })) };
}

/** The path of the node above a committee (its township, or the county or city it sits under directly). */
export const parentPath = (path: string) => path.replace(/\d+\/$/, "");
