/**
 * `npm run audit:prod`: `npm audit --omit=dev`, failing on any high or critical advisory that is
 * not accepted in .ci/audit-accepted.json (see README, "Dependency audit"). Exit 0 when clean,
 * 1 when something blocks, 2 when the registry's audit service could not be asked (CI reports
 * that as skipped, not passed).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { judgeAudit, type Accepted, type AuditReport } from "./lib/audit";

const root = path.resolve(import.meta.dirname, "..");
const acceptedFile = path.join(root, ".ci/audit-accepted.json");
const accepted = (JSON.parse(fs.readFileSync(acceptedFile, "utf8")) as { accepted: Accepted[] }).accepted;

const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
let report: AuditReport;
try {
  report = JSON.parse(run.stdout || "{}") as AuditReport;
} catch {
  report = { error: { summary: run.stderr.trim().split("\n").pop() } };
}
if (!report.vulnerabilities && !report.error) report.error = { summary: run.stderr.trim().split("\n").slice(-2).join(" ") || "no report" };

const verdict = judgeAudit(report, accepted);
if (verdict.kind === "unavailable") {
  console.log(`npm audit could not be run: ${verdict.reason}`);
  process.exit(2);
}
for (const a of verdict.accepted) console.log(`accepted (reviewed): ${a.severity} ${a.package} ${a.id} ${a.title}`);
for (const a of verdict.expired) console.log(`acceptance expired on ${a.until}, review again: ${a.package} ${a.id}`);
for (const a of verdict.unused) console.log(`no longer needed, remove from .ci/audit-accepted.json: ${a.package} ${a.id}`);
if (verdict.blocking.length) {
  for (const a of verdict.blocking) console.log(`✖ ${a.severity} ${a.package} ${a.id} ${a.title} ${a.url}`);
  console.log(
    `${verdict.blocking.length} high/critical advisories in production dependencies; fix them, or accept a reviewed one in .ci/audit-accepted.json`,
  );
  process.exit(1);
}
console.log("npm audit --omit=dev: no unaccepted high or critical advisory");
