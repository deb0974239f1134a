/**
 * `npm run dev`: migrate and seed like `npm start`, compile the course content, then serve
 * through Vite with hot reload; an edited .mdx file is recompiled (only that file: the rest
 * comes from the compile cache) and the server picks the new bundle up on the next request.
 */
import fs from "node:fs";
import path from "node:path";

const { exitOnDatabaseError, prepareDatabase } = await import("./lib/prepare-database");
const { printStartup } = await import("./lib/banner");
const { compileContent, writeBundle, ContentError } = await import("./lib/content/compile");

const root = path.resolve(import.meta.dirname, "..");
const contentDir = path.join(root, "content");
const outFile = path.join(root, "build/content/courses.json");

async function rebuildContent() {
  try {
    writeBundle(await compileContent({ contentDir, cacheDir: path.join(root, ".cache/content") }), outFile);
  } catch (error) {
    console.error(`✖ ${error instanceof ContentError ? error.message : String(error)}`);
  }
}

const prepared = await prepareDatabase({ seed: process.env.SEED_DEMO !== "false" }).catch(exitOnDatabaseError);
await rebuildContent();
let timer: NodeJS.Timeout | undefined;
fs.watch(contentDir, { recursive: true }, (_event, file) => {
  if (!file || !/\.(mdx|json)$/.test(file)) return;
  clearTimeout(timer);
  timer = setTimeout(() => rebuildContent().then(() => console.log(`Recompiled content after a change to ${file}`)), 150);
});

const { createApp } = await import("../server/app");
const app = await createApp("development");
const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => printStartup(prepared, port));
export {};
