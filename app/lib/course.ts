import { z } from "zod";
import { DISPUTE_CATEGORIES } from "./categories";
import type { Locale } from "../i18n";
import type { Question, Quiz } from "./quiz";

/** 岗前 pre-service, 年度 annual, 分类 specialised. */
export const COURSE_KINDS = ["pre_service", "annual", "specialised"] as const;
export type CourseKind = (typeof COURSE_KINDS)[number];

/** course.mdx frontmatter; a file that does not match fails the content build. */
export const courseFrontmatterSchema = z
  .object({
    title: z.string().trim().min(1).max(60),
    summary: z.string().trim().min(1).max(200),
    category: z.enum(DISPUTE_CATEGORIES),
    kind: z.enum(COURSE_KINDS),
    hours: z.number().positive().max(40).multipleOf(0.5),
    order: z.number().int(),
  })
  .strict();

/** NN-<slug>.mdx lesson frontmatter. */
export const lessonFrontmatterSchema = z
  .object({
    title: z.string().trim().min(1).max(80),
    summary: z.string().trim().max(200).optional(),
    minutes: z.number().int().positive().max(240),
  })
  .strict();

/** The case-study components whose blocks form the lesson's table of contents. */
export const SECTION_COMPONENTS = [
  "CaseFacts",
  "Parties",
  "Crux",
  "MediationSteps",
  "Agreement",
  "LegalBasis",
  "Commentary",
  "KeyPoints",
  "Discussion",
] as const;
export type SectionComponent = (typeof SECTION_COMPONENTS)[number];

export type TocEntry = { id: string; text?: string; section?: SectionComponent };

/** A lesson or course introduction as HTML, rendered by the content build once per language. */
export type RenderedHtml = Record<Locale, string>;

export type CompiledLesson = {
  slug: string;
  title: string;
  summary: string | null;
  minutes: number;
  /** The mdx-bundler output; only the content build and its tests run it. */
  code: string;
  html: RenderedHtml;
  toc: TocEntry[];
};

export type CompiledCourse = z.infer<typeof courseFrontmatterSchema> & {
  slug: string;
  /** course.mdx compiled (code) and rendered (html), like a lesson. */
  intro: string;
  introHtml: RenderedHtml;
  lessons: CompiledLesson[];
};

export type ContentBundle = { version: string; courses: CompiledCourse[]; questions: Question[]; quizzes: Quiz[] };

/**
 * The course page's call to action for an enrolled learner: 开始学习 before the first lesson,
 * 继续学习 while lessons remain, 已完成 · 复习 once the course is completed (back to lesson one).
 */
export type StudyStep = "start" | "continue" | "review";
export const studyStep = (progress: { read: readonly string[]; completedAt: string | null }): StudyStep =>
  progress.completedAt ? "review" : progress.read.length ? "continue" : "start";
