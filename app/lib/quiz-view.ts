import { z } from "zod";
import type { QuestionType } from "./quiz";

/**
 * What the browser receives about an attempt. Options travel as display tokens ("0", "1", …) in
 * the attempt's order; keys, explanations and per-question scores are added only when the review
 * policy allows — they are never in the data otherwise.
 */
export type ShownOption = { token: string; text: string };
export type ShownItem = {
  position: number;
  type: QuestionType;
  stem: string;
  options: ShownOption[];
  /** Tokens chosen, ["true"|"false"], or [text]. */
  answer: string[];
  /**
   * In a review: this question may be drawn by an exam that is open now, so its key, explanation
   * and score are kept back until that exam closes (app/.server/quizzes/secrecy.ts).
   */
  withheld?: true;
};
export type ReviewedItem = ShownItem & {
  correct: string[];
  points: number;
  score: number | null;
  explanation: string;
  reference: string | null;
  law: { law: string; article: number }[];
  /** A trainer's comment on a written answer. */
  comment: string | null;
};

export type AttemptState = "in_progress" | "pending" | "graded";
export type ClosedBy = "user" | "timeout";

export type AttemptResult = {
  id: number;
  quizId: string;
  number: number;
  state: AttemptState;
  closedBy: ClosedBy | null;
  submittedAt: string | null;
  score: number | null;
  maxScore: number;
  percent: number | null;
  passed: boolean | null;
  passMark: number;
  review: "score_only" | "answers" | "after_close";
  reviewOpensAt: string | null;
  pendingShort: number;
  items: (ShownItem | ReviewedItem)[];
};

/**
 * The attempt form's envelope: what to do (autosave one answer, save the page, submit) and the
 * positions shown ("present", so an emptied question clears). The answers themselves are the
 * q<position> fields, read beside it; the server checks them against the attempt.
 */
export const attemptFormSchema = z.object({
  intent: z.enum(["answer", "save", "submit"], { errorMap: () => ({ message: "quiz.error.invalidAnswer" }) }),
  /** 交卷 with questions unanswered asks once more; this flag (the confirm step's, or the timer's) says "submit anyway". */
  confirm: z.literal("1").optional().catch(undefined),
  present: z
    .string()
    .regex(/^\d{1,4}(,\d{1,4})*$/, "quiz.error.invalidAnswer")
    .optional(),
});

/** Whether an answer (tokens or a written text) says anything. */
export const isAnswered = (answer: readonly string[]) => answer.some((a) => a.trim() !== "");

/** How many of these questions have an answer: 已答 x / N. */
export const answeredCount = (items: readonly { answer: readonly string[] }[]) => items.filter((i) => isAnswered(i.answer)).length;
