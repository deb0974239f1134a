import fs from "node:fs";
import path from "node:path";
import type { CompiledCourse, CompiledLesson, ContentBundle } from "~/lib/course";

/**
 * The compiled courses, read once from the content build (build/content/courses.json, or
 * CONTENT_BUNDLE), each lesson with its HTML already rendered in every language (see
 * ./rendered). Routes never compile, evaluate or render MDX. Outside production the file is
 * re-read when it changes, so `npm run dev` shows an edited lesson after its recompile.
 */
let loaded: { bundle: ContentBundle; mtimeMs: number; file: string } | undefined;

export const bundlePath = () => path.resolve(process.env.CONTENT_BUNDLE ?? path.join(process.cwd(), "build/content/courses.json"));

export function getContent(): ContentBundle {
  const file = bundlePath();
  if (loaded && loaded.file === file && process.env.NODE_ENV === "production") return loaded.bundle;
  const mtimeMs = fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
  if (!loaded || loaded.file !== file || loaded.mtimeMs !== mtimeMs) {
    const bundle: ContentBundle = mtimeMs
      ? JSON.parse(fs.readFileSync(file, "utf8"))
      : { version: "none", courses: [], questions: [], quizzes: [] };
    loaded = { bundle, mtimeMs, file };
  }
  return loaded.bundle;
}

export const listCourses = (): CompiledCourse[] => getContent().courses;

export function getCourse(slug: string | undefined): CompiledCourse | undefined {
  return listCourses().find((c) => c.slug === slug);
}

export function getLesson(course: CompiledCourse, slug: string | undefined): { lesson: CompiledLesson; index: number } | undefined {
  const index = course.lessons.findIndex((l) => l.slug === slug);
  return index < 0 ? undefined : { lesson: course.lessons[index], index };
}
