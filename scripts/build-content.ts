/**
 * `npm run build` step: compile content/courses/**.mdx with mdx-bundler, render each lesson and course
 * introduction to HTML in every language (react-dom/server with the lesson components), and validate
 * the question banks and quizzes (content/questions, content/quizzes) into build/content/courses.json.
 * Options: --content DIR (default content/), --out FILE (default build/content/courses.json).
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ContentError, compileContent, writeBundle } from "./lib/content/compile";

const root = path.resolve(import.meta.dirname, "..");
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const contentDir = path.resolve(arg("--content") ?? path.join(root, "content"));
const outFile = path.resolve(arg("--out") ?? path.join(root, "build/content/courses.json"));

const started = performance.now();
try {
  const bundle = await compileContent({ contentDir, cacheDir: path.join(root, ".cache/content") });
  writeBundle(bundle, outFile);
  const lessons = bundle.courses.reduce((n, c) => n + c.lessons.length, 0);
  console.log(
    `Compiled ${bundle.courses.length} courses, ${lessons} lessons, ${bundle.questions.length} questions, ${bundle.quizzes.length} quizzes in ${((performance.now() - started) / 1000).toFixed(1)} s → ${path.relative(root, outFile)}`,
  );
} catch (error) {
  console.error(`✖ Content build failed: ${error instanceof ContentError ? error.message : (error as Error).stack}`);
  process.exit(1);
}
