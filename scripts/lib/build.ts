import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const output = path.join(root, "build/server/index.js");
const content = path.join(root, "build/content/courses.json");
const SOURCES = ["app", "content", "public", "vite.config.ts", "package.json"];

function newestMtime(entry: string): number {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** True when there is no build, or a source file changed after it was made. */
export function buildIsStale(): boolean {
  if (!fs.existsSync(output) || !fs.existsSync(content)) return true;
  const built = Math.min(fs.statSync(output).mtimeMs, fs.statSync(content).mtimeMs);
  return SOURCES.some((entry) => newestMtime(entry) > built);
}

export function ensureBuild() {
  if (!buildIsStale()) return;
  console.log("Building the app (first start or sources changed)…");
  const result = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("✖ Build failed; see the output above.");
    process.exit(1);
  }
}
