import { z } from "zod";
import { addDays } from "./dates";
import type { CriterionResult } from "./levels";
import { message } from "./messages";
import { isIsoDate, msg, oneOf, requiredText } from "./validation";

/**
 * Grade evaluation rounds (评定批次) as both sides see them: the two state machines (the round's
 * and each application's), how panel scores combine, the round form. Pure: no database here.
 *
 * Round: applications (申报) → reviewing (审核评审) → announcing (公示) → final (结果确定).
 * Application: draft → submitted (待调委会初审) → committee_passed (待司法所初审) → panel (评审中)
 * → decided (已决定); either review may return it (returned → submitted again); the applicant may
 * withdraw it before the panel. No stage can be skipped: every change is one of TRANSITIONS.
 */

export const ROUND_STATES = ["applications", "reviewing", "announcing", "final"] as const;
export type RoundState = (typeof ROUND_STATES)[number];

export const ROUND_TRANSITIONS: Record<RoundState, readonly RoundState[]> = {
  applications: ["reviewing"],
  reviewing: ["announcing"],
  announcing: ["final"],
  final: [],
};

export const APPLICATION_STAGES = ["draft", "submitted", "returned", "committee_passed", "panel", "decided", "withdrawn"] as const;
export type ApplicationStage = (typeof APPLICATION_STAGES)[number];

/** The named moves between application stages, each from the stages it may start at. */
export const APPLICATION_MOVES = {
  submit: { from: ["draft", "returned"], to: "submitted" },
  committeePass: { from: ["submitted"], to: "committee_passed" },
  committeeReturn: { from: ["submitted"], to: "returned" },
  townshipPass: { from: ["committee_passed"], to: "panel" },
  townshipReturn: { from: ["committee_passed"], to: "returned" },
  decide: { from: ["panel", "decided"], to: "decided" },
  reopen: { from: ["decided"], to: "panel" },
  withdraw: { from: ["draft", "returned", "submitted", "committee_passed"], to: "withdrawn" },
} as const satisfies Record<string, { from: readonly ApplicationStage[]; to: ApplicationStage }>;
export type ApplicationMove = keyof typeof APPLICATION_MOVES;

export const canMove = (move: ApplicationMove, stage: ApplicationStage) =>
  (APPLICATION_MOVES[move].from as readonly ApplicationStage[]).includes(stage);

/** In which round states each move is allowed. */
export const MOVE_ROUND_STATES: Record<ApplicationMove, readonly RoundState[]> = {
  submit: ["applications"],
  committeePass: ["applications", "reviewing"],
  committeeReturn: ["applications", "reviewing"],
  townshipPass: ["applications", "reviewing"],
  townshipReturn: ["applications", "reviewing"],
  decide: ["reviewing", "announcing"],
  reopen: ["reviewing"],
  withdraw: ["applications", "reviewing"],
};

/** Stages still waiting for someone before the round can be announced. */
export const OPEN_STAGES: readonly ApplicationStage[] = ["submitted", "committee_passed", "panel"];

/**
 * A decision: awarded (the level is set), notAwarded (the applicant keeps what they held, or stays
 * 未定级), downgraded (a lower level than held, or none).
 */
export const OUTCOMES = ["awarded", "notAwarded", "downgraded"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const COMBINES = ["mean", "trimmed"] as const;
export type Combine = (typeof COMBINES)[number];

/** The criteria as the applicant saw them when submitting (figures filled in by the system). */
export type SubmittedFigures = { level: string; criteria: CriterionResult[]; meetsAutomatic: boolean; at: string };
/** Evidence per entered criterion (by its index in the level's list): a statement and attachment ids. */
export type Evidence = Record<string, { text: string; attachmentIds: number[] }>;
/** One reviewer's points per judged item (item key → points). */
export type ScoreSheet = Record<string, number>;

/**
 * Combines the reviewers' totals: the mean, or the trimmed mean (the highest and the lowest
 * dropped) when there are at least three sheets, otherwise the mean. Two decimals; null if none.
 */
export function combineScores(totals: readonly number[], how: Combine): number | null {
  if (totals.length === 0) return null;
  let used = [...totals].sort((a, b) => a - b);
  if (how === "trimmed" && used.length >= 3) used = used.slice(1, -1);
  const mean = used.reduce((s, v) => s + v, 0) / used.length;
  return Math.round(mean * 100) / 100;
}

/** The announcement period's last day: announced on day D for N days covers D … D+N-1. */
export const announcementEnds = (announcedOn: string, days: number) => addDays(announcedOn, days - 1);

const day = z.string().trim().refine(isIsoDate, msg("date"));
const whole = (min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: msg("number") })
    .int(msg("number"))
    .min(min, message("validation.min", { min }))
    .max(max, message("validation.max", { max }));

/** The form a bureau admin opens a round with. Levels: keys of the scheme in force (checked on the server). */
export const roundSchema = z
  .object({
    title: requiredText(80),
    levels: z.array(z.string().trim().min(1).max(16)).min(1, msg("required")),
    periodFrom: day,
    periodTo: day,
    applicationsFrom: day,
    applicationsUntil: day,
    reviewsUntil: day,
    announcementDays: whole(5, 30),
    validityYears: whole(1, 5),
    combine: oneOf(COMBINES),
    examQuizId: z.string().trim().max(64).optional(),
  })
  .superRefine((v, ctx) => {
    const order = (a: string, b: string, path: string) => {
      if (isIsoDate(a) && isIsoDate(b) && a > b) ctx.addIssue({ code: "custom", path: [path], message: "round.error.dateOrder" });
    };
    order(v.periodFrom, v.periodTo, "periodTo");
    order(v.applicationsFrom, v.applicationsUntil, "applicationsUntil");
    order(v.applicationsUntil, v.reviewsUntil, "reviewsUntil");
  });
export type RoundInput = z.infer<typeof roundSchema>;

/** What the decisions list shows: everything, only the applications at the panel, or only the decided ones. */
export const DECISION_VIEWS = ["all", "panel", "decided"] as const;
export type DecisionView = (typeof DECISION_VIEWS)[number];
