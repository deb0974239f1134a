/**
 * `npm run stats:rebuild`: first repairs course completions a crash may have lost (every lesson read
 * and the quiz passed but no completion, or a completion without its ledger line), then recomputes
 * the training summaries (mediator_year_stats, org_month_stats) from the ledger, after reporting any
 * line where they disagreed with it, and the case-register rollups (mediator_case_years,
 * org_case_years) from the register. Exit code 0 either way.
 */
import { closeSequelize, inTransaction } from "../app/.server/db/connection";
import { repairCompletions } from "../app/.server/courses/completion";
import { rebuildStats } from "../app/.server/training/stats";
import { compareCaseRollups, rebuildCaseRollups } from "../app/.server/cases/rollup";

const repairs = await repairCompletions();
for (const r of repairs.slice(0, 50)) {
  console.log(
    `✚ enrolment ${r.enrolmentId} (user ${r.userId}, ${r.courseSlug}): wrote the missing ${r.wrote}, ${r.hours} h on ${r.occurredOn}`,
  );
}
if (repairs.length > 50) console.log(`… and ${repairs.length - 50} more`);
console.log(repairs.length ? `Repaired ${repairs.length} course completions.` : "Course completions: nothing missing.");
const problems = await rebuildStats();
for (const p of problems.slice(0, 50)) console.log(`✖ ${p}`);
if (problems.length > 50) console.log(`… and ${problems.length - 50} more`);
console.log(
  problems.length
    ? `Rebuilt the training summaries; ${problems.length} differences were corrected.`
    : "Rebuilt the training summaries; they already agreed with the ledger.",
);
const caseProblems = await compareCaseRollups();
for (const p of caseProblems.slice(0, 50)) console.log(`✖ ${p}`);
if (caseProblems.length) await inTransaction((t) => rebuildCaseRollups(t));
console.log(
  caseProblems.length
    ? `Rebuilt the case rollups; ${caseProblems.length} differences were corrected.`
    : "Case rollups already agreed with the register.",
);
await closeSequelize();
