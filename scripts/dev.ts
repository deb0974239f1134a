/**
 * `npm run dev`: migrate and seed like `npm start`, compile the course content, then serve
 * through Vite with hot reload. An edited .mdx file, lesson component (app/components/mdx) or
 * locale file rebuilds the content in a fresh process (compiled files come from the compile
 * cache; every lesson's HTML is rendered again with the current components and labels), and the
 * server picks the new bundle up on the next request.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const { exitOnDatabaseError, prepareDatabase } = await import("./lib/prepare-database");
const { printStartup } = await import("./lib/banner");

const root = path.resolve(import.meta.dirname, "..");

/** Runs the content build (scripts/build-content.ts); its errors are printed and the old bundle stays. */
function rebuildContent(): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/build-content.ts"], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.on("error", (error) => {
      console.error(`✖ ${error.message}`);
      resolve(false);
    });
    child.on("exit", (code) => resolve(code === 0));
  });
}

const prepared = await prepareDatabase({ seed: process.env.SEED_DEMO !== "false" }).catch(exitOnDatabaseError);
await rebuildContent();
let timer: NodeJS.Timeout | undefined;
const onChange = (dir: string) => (_event: string, file: string | null) => {
  if (!file || !/\.(mdx|json|tsx?)$/.test(file)) return;
  clearTimeout(timer);
  timer = setTimeout(
    () => rebuildContent().then((ok) => ok && console.log(`Rebuilt content after a change to ${path.join(dir, file)}`)),
    150,
  );
};
fs.watch(path.join(root, "content"), { recursive: true }, onChange("content"));
// One plain watch per folder: Node 20's recursive watch on Linux loses a file that an editor saves by renaming.
for (const dir of ["app/components/mdx", "app/locales/zh-CN", "app/locales/en"]) fs.watch(path.join(root, dir), onChange(dir));

const { createApp, createHttpServer } = await import("../server/app");
const app = await createApp("development");
const port = Number(process.env.PORT ?? 3000);
createHttpServer(app).listen(port, () => printStartup(prepared, port));
export {};
