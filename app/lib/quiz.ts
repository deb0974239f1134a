import { z } from "zod";
import { DISPUTE_CATEGORIES } from "./categories";

/** 单选 single, 多选 multiple, 判断 true/false, 案例分析简答 short (graded by a trainer). */
export const QUESTION_TYPES = ["single", "multiple", "true_false", "short"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const text = (max: number) => z.string().trim().min(1).max(max);

const lawRef = z
  .object({ law: text(40), article: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(Number) })
  .strict();
const option = z.object({ id: z.string().regex(/^[a-z]$/), text: text(300) }).strict();

/** One entry of content/questions/*.yaml; a file that does not match fails the content build. */
export const questionSchema = z
  .object({
    id: z.string().regex(ID).max(64),
    type: z.enum(QUESTION_TYPES),
    category: z.enum(DISPUTE_CATEGORIES),
    difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    stem: text(1500),
    options: z.array(option).min(2).max(8).optional(),
    answer: z.union([z.array(z.string()), z.boolean(), z.literal(""), z.null()]).optional(),
    reference: z.string().trim().max(4000).optional(),
    explanation: text(2000),
    law: z.array(lawRef).default([]),
  })
  .strict()
  .superRefine((q, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    const choice = q.type === "single" || q.type === "multiple";
    if (choice) {
      if (!q.options) return issue("options", "choice questions need options");
      const ids = q.options.map((o) => o.id);
      if (new Set(ids).size !== ids.length) issue("options", "option ids repeat");
      if (!Array.isArray(q.answer) || q.answer.length === 0) return issue("answer", "list the correct option ids");
      if (q.answer.some((a) => !ids.includes(a))) issue("answer", "answer names an option that does not exist");
      if (new Set(q.answer).size !== q.answer.length) issue("answer", "answer repeats an option");
      if (q.type === "single" && q.answer.length !== 1) issue("answer", "a single-choice question has exactly one answer");
      if (q.type === "multiple" && q.answer.length < 2) issue("answer", "a multiple-choice question has at least two answers");
      if (q.type === "multiple" && q.answer.length === ids.length) issue("answer", "every option is correct");
    } else if (q.options) {
      issue("options", `${q.type} questions have no options`);
    }
    if (q.type === "true_false" && typeof q.answer !== "boolean") issue("answer", "answer is true or false");
    if (q.type === "short") {
      if (q.answer !== undefined && q.answer !== "" && q.answer !== null)
        issue("answer", "short answers keep their model answer in reference");
      if (!q.reference) issue("reference", "a short-answer question needs a reference answer");
    }
  });
export type QuestionSource = z.infer<typeof questionSchema>;

/** A question as the server keeps it: the bank it came from and a version derived from its content. */
export type Question = {
  id: string;
  version: string;
  bank: string;
  type: QuestionType;
  category: (typeof DISPUTE_CATEGORIES)[number];
  difficulty: 1 | 2 | 3;
  stem: string;
  options: { id: string; text: string }[];
  /** Correct option ids (choice), ["true"] / ["false"] (true/false), [] (short). */
  answer: string[];
  reference: string | null;
  explanation: string;
  law: { law: string; article: number }[];
};

export const MULTIPLE_SCORING = ["all_or_nothing", "partial"] as const;
export type MultipleScoring = (typeof MULTIPLE_SCORING)[number];
/** score_only: never the answers; answers: right after submitting; after_close: once the quiz has closed. */
export const REVIEW_POLICIES = ["score_only", "answers", "after_close"] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];

const drawRule = z
  .object({
    bank: z.string().regex(ID).optional(),
    category: z.enum(DISPUTE_CATEGORIES).optional(),
    difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    type: z.enum(QUESTION_TYPES).optional(),
    count: z.number().int().min(1).max(200),
  })
  .strict();
export type DrawRule = z.infer<typeof drawRule>;

export const matchesRule = (q: Question, rule: DrawRule) =>
  (!rule.bank || q.bank === rule.bank) &&
  (!rule.category || q.category === rule.category) &&
  (!rule.difficulty || q.difficulty === rule.difficulty) &&
  (!rule.type || q.type === rule.type);

const dateTime = z
  .string()
  .datetime({ offset: true })
  .transform((s) => new Date(s).toISOString());

/** content/quizzes/<id>.yaml: a course's quiz (course set) or a standalone exam. */
export const quizSchema = z
  .object({
    title: text(80),
    description: z.string().trim().max(1000).default(""),
    course: z.string().regex(ID).optional(),
    /**
     * Whether this is a graded exam whose keys other quizzes' reviews keep back while it is open
     * (app/.server/quizzes/secrecy.ts). Unset: course quizzes and quizzes with limited attempts are.
     */
    graded: z.boolean().optional(),
    draw: z.array(drawRule).min(1).max(30),
    passMark: z.number().min(0).max(100),
    attemptsAllowed: z.number().int().min(0).max(100).default(0),
    timeLimitMinutes: z.number().int().min(1).max(600).optional(),
    shuffleQuestions: z.boolean().default(true),
    shuffleOptions: z.boolean().default(true),
    multipleScoring: z.enum(MULTIPLE_SCORING).default("all_or_nothing"),
    review: z.enum(REVIEW_POLICIES).default("answers"),
    points: z
      .object({
        single: z.number().positive(),
        multiple: z.number().positive(),
        true_false: z.number().positive(),
        short: z.number().positive(),
      })
      .strict()
      .default({ single: 1, multiple: 2, true_false: 1, short: 5 }),
    opensAt: dateTime.optional(),
    closesAt: dateTime.optional(),
  })
  .strict()
  .refine((q) => !q.opensAt || !q.closesAt || q.opensAt < q.closesAt, { path: ["closesAt"], message: "closesAt must be after opensAt" })
  .refine((q) => q.review !== "after_close" || q.closesAt, { path: ["closesAt"], message: "review after_close needs closesAt" });

export type Quiz = Omit<z.infer<typeof quizSchema>, "opensAt" | "closesAt"> & {
  id: string;
  opensAt: string | null;
  closesAt: string | null;
  questionCount: number;
};

/** What an attempt keeps of its quiz's settings when it starts, so later edits never change it. */
export type AttemptSettings = Pick<Quiz, "passMark" | "multipleScoring" | "review" | "points" | "closesAt" | "course" | "timeLimitMinutes">;
