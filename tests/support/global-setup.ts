import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Compiles the real course content once for the whole run (the same script `npm run build`
 * uses) and points CONTENT_BUNDLE at it, so tests read lessons exactly as the server does.
 */
export default async function globalSetup() {
  const root = path.resolve(__dirname, "../..");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-content-"));
  const out = path.join(dir, "courses.json");
  const result = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/build-content.ts", "--out", out], {
    cwd: root,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`content build failed:\n${result.stderr}`);
  process.env.CONTENT_BUNDLE = out;
}
