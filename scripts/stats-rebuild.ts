/**
 * `npm run stats:rebuild`: recomputes the training summaries (mediator_year_stats, org_month_stats)
 * from the ledger, after reporting any line where they disagreed with it. Exit code 0 either way.
 */
import { closeSequelize, getSequelize } from "../app/.server/db/connection";
import { rebuildStats } from "../app/.server/training/stats";

getSequelize();
const problems = await rebuildStats();
for (const p of problems.slice(0, 50)) console.log(`✖ ${p}`);
if (problems.length > 50) console.log(`… and ${problems.length - 50} more`);
console.log(problems.length ? `Rebuilt the training summaries; ${problems.length} differences were corrected.` : "Rebuilt the training summaries; they already agreed with the ledger.");
await closeSequelize();
