import fs from "node:fs";
import path from "node:path";

/** Removes the content bundle the global setup compiled. */
export default async function globalTeardown() {
  if (process.env.CONTENT_BUNDLE) fs.rmSync(path.dirname(process.env.CONTENT_BUNDLE), { recursive: true, force: true });
}
