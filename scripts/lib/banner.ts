import type { PrepareResult } from "./prepare-database";

/** What a person starting the server needs to see: where the data is, what changed, the URL. */
export function printStartup(prepared: PrepareResult, port: number, processes = 1) {
  console.log(`Database: ${prepared.database}`);
  if (prepared.migrated.length) console.log(`Applied migrations: ${prepared.migrated.join(", ")}`);
  if (prepared.seed?.created) {
    console.log(`Seeded demo data: ${prepared.seed.orgUnits} org units, ${prepared.seed.mediators} mediators.`);
  }
  if (prepared.demoAccounts) {
    console.log(`\nDemo accounts (password: ${prepared.demoAccounts.password}):`);
    for (const a of prepared.demoAccounts.accounts) console.log(`  ${a.username.padEnd(14)} ${a.persona}`);
  }
  const served = processes > 1 ? ` (${processes} server processes)` : "";
  console.log(`\n调解员学院 Mediator Academy is running at http://localhost:${port}${served}\n`);
}
