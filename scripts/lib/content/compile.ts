import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { bundleMDX } from "mdx-bundler";
import remarkGfm from "remark-gfm";
import type { z } from "zod";
import {
  courseFrontmatterSchema,
  lessonFrontmatterSchema,
  type CompiledCourse,
  type CompiledLesson,
  type ContentBundle,
  type TocEntry,
} from "../../../app/lib/course";
import { creditHoursProblem } from "./hours";
import { loadLawTable, type LawTable } from "./law-table";
import { BankError, loadQuestions, loadQuizzes } from "./questions";
import { remarkLawRefs, remarkToc } from "./remark-plugins";
import { renderHtml } from "./render";

/** Bump when the plugins change what they emit, so cached compilations are not reused. */
const PIPELINE_VERSION = "1";
const LESSON_FILE = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class ContentError extends Error {}

function validate<T extends z.ZodTypeAny>(schema: T, data: unknown, file: string): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join(".") || "(frontmatter)";
    throw new ContentError(`${file}: frontmatter field "${field}": ${issue.message}`);
  }
  return parsed.data;
}

type Compiled = { code: string; frontmatter: Record<string, unknown>; toc: TocEntry[] };

/** Compiles one MDX file, reusing a cached result when neither the file nor the law table changed. */
async function compileFile(file: string, table: LawTable, tableHash: string, cacheDir: string | null): Promise<Compiled> {
  const source = fs.readFileSync(file, "utf8");
  const key = crypto.createHash("sha256").update(`${PIPELINE_VERSION}\0${tableHash}\0${source}`).digest("hex");
  const cached = cacheDir ? path.join(cacheDir, `${key}.json`) : null;
  if (cached && fs.existsSync(cached)) return JSON.parse(fs.readFileSync(cached, "utf8")) as Compiled;
  const toc: TocEntry[] = [];
  let result;
  try {
    result = await bundleMDX({
      source,
      cwd: path.dirname(file),
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm, remarkLawRefs(table, file), remarkToc(toc)];
        return options;
      },
    });
  } catch (error) {
    const e = error as { errors?: { text: string; location?: { line: number } }[]; message?: string };
    const first = e.errors?.[0];
    throw new ContentError(first ? `${file}:${first.location?.line ?? "?"}: ${first.text}` : `${file}: ${e.message}`);
  }
  const compiled: Compiled = { code: result.code, frontmatter: result.frontmatter, toc };
  if (cached) {
    fs.mkdirSync(cacheDir!, { recursive: true });
    fs.writeFileSync(cached, JSON.stringify(compiled));
  }
  return compiled;
}

/** Renders one compiled file in every language; a lesson that cannot render (say, an unknown component) fails the build. */
async function render(file: string, code: string) {
  try {
    return await renderHtml(code);
  } catch (error) {
    throw new ContentError(`${file}: does not render: ${(error as Error).message}`);
  }
}

/**
 * Compiles every course under content/courses into one bundle: validated metadata, compiled code
 * and its HTML in each language per lesson, plus the question banks and quizzes. Any bad file
 * throws ContentError naming the file and the field or line. The HTML is rendered on every build
 * (it depends on the components and the locale files too), the compiled code comes from the cache.
 */
export async function compileContent(options: { contentDir: string; cacheDir?: string | null; only?: string[] }): Promise<ContentBundle> {
  const coursesDir = path.join(options.contentDir, "courses");
  const table = loadLawTable(options.contentDir);
  const tableHash = crypto.createHash("sha256").update(JSON.stringify(table)).digest("hex");
  const cacheDir = options.cacheDir ?? null;
  const courses: CompiledCourse[] = [];
  const slugs = fs.existsSync(coursesDir) ? fs.readdirSync(coursesDir).filter((d) => fs.statSync(path.join(coursesDir, d)).isDirectory()) : [];
  for (const slug of slugs.sort()) {
    const dir = path.join(coursesDir, slug);
    if (!SLUG.test(slug)) throw new ContentError(`${dir}: course folder names use lowercase letters, digits and hyphens`);
    const courseFile = path.join(dir, "course.mdx");
    if (!fs.existsSync(courseFile)) throw new ContentError(`${dir}: missing course.mdx`);
    const course = await compileFile(courseFile, table, tableHash, cacheDir);
    const meta = validate(courseFrontmatterSchema, course.frontmatter, courseFile);
    const lessons: CompiledLesson[] = [];
    const files = fs.readdirSync(dir).filter((f) => f !== "course.mdx" && f.endsWith(".mdx")).sort();
    for (const name of files) {
      const file = path.join(dir, name);
      const match = LESSON_FILE.exec(name);
      if (!match) throw new ContentError(`${file}: lesson files are named NN-<slug>.mdx`);
      const lesson = await compileFile(file, table, tableHash, cacheDir);
      const fm = validate(lessonFrontmatterSchema, lesson.frontmatter, file);
      const html = await render(file, lesson.code);
      lessons.push({ slug: match[2], title: fm.title, summary: fm.summary ?? null, minutes: fm.minutes, code: lesson.code, html, toc: lesson.toc });
    }
    if (lessons.length === 0) throw new ContentError(`${dir}: a course needs at least one lesson`);
    if (new Set(lessons.map((l) => l.slug)).size !== lessons.length) throw new ContentError(`${dir}: two lessons share a slug`);
    courses.push({ ...meta, slug, intro: course.code, introHtml: await render(courseFile, course.code), lessons });
  }
  courses.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
  const sameOrder = courses.find((c, i) => i > 0 && courses[i - 1].order === c.order);
  if (sameOrder) throw new ContentError(`content/courses/${sameOrder.slug}/course.mdx: order ${sameOrder.order} is already taken by another course`);
  let questions, quizzes;
  try {
    questions = loadQuestions(options.contentDir, table);
    quizzes = loadQuizzes(options.contentDir, questions, courses.map((c) => c.slug));
  } catch (error) {
    throw error instanceof BankError ? new ContentError(error.message) : error;
  }
  for (const course of courses) {
    const quiz = quizzes.find((q) => q.course === course.slug);
    const problem = creditHoursProblem(path.join(coursesDir, course.slug, "course.mdx"), course.hours, course.lessons.map((l) => l.minutes), quiz?.questionCount ?? 0);
    if (problem) throw new ContentError(problem);
  }
  const version = crypto.createHash("sha256").update(JSON.stringify([courses, questions, quizzes])).digest("hex").slice(0, 12);
  return { version, courses, questions, quizzes };
}

export function writeBundle(bundle: ContentBundle, outFile: string) {
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const tmp = `${outFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(bundle));
  fs.renameSync(tmp, outFile);
}
