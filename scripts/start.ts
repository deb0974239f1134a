/**
 * `npm start`: build if needed, migrate, seed the demo data on an empty database, serve.
 * NODE_ENV is set before anything loads React, so the production build is used.
 *
 * A deployment says NODE_ENV=production itself, and must then give APP_SECRET (one clear line
 * otherwise). Without it — `npm install && npm start` on a fresh machine, the demo — the key is
 * generated into data/app-secret, and the banner says so.
 *
 * WEB_CONCURRENCY=N (default 1) serves from N processes (node:cluster, README decision 42): this
 * process builds, migrates and seeds once, then forks N workers that each run the app on PORT;
 * SIGTERM drains them all; a worker that dies is replaced. N > 1 needs MySQL/MariaDB.
 */
import cluster from "node:cluster";

const deployed = process.env.NODE_ENV === "production";
process.env.NODE_ENV ??= "production";
const port = Number(process.env.PORT ?? 3000);
const { serve } = await import("./lib/serve");

if (cluster.isWorker) {
  await serve(port, () => undefined);
} else {
  const { productionSecretProblem } = await import("./lib/secrets");
  const { concurrencyProblem, superviseWorkers, webConcurrency } = await import("./lib/workers");
  const { parseDatabaseUrl } = await import("../app/.server/db/config");
  const fail = (line: string) => {
    console.error(`✖ ${line}`);
    process.exit(1);
  };
  const secretProblem = deployed ? productionSecretProblem() : null;
  if (secretProblem) fail(secretProblem);
  const concurrency = webConcurrency(process.env.WEB_CONCURRENCY);
  if ("problem" in concurrency) fail(concurrency.problem);
  const count = "count" in concurrency ? concurrency.count : 1;
  let config: ReturnType<typeof parseDatabaseUrl> | null = null;
  try {
    config = parseDatabaseUrl(process.env.DATABASE_URL);
  } catch {
    // prepareDatabase reports a bad DATABASE_URL on its one line.
  }
  const sqliteProblem = config && concurrencyProblem(count, config);
  if (sqliteProblem) fail(sqliteProblem);

  const { ensureBuild } = await import("./lib/build");
  const { exitOnDatabaseError, prepareDatabase } = await import("./lib/prepare-database");
  const { printStartup } = await import("./lib/banner");

  ensureBuild();
  const prepared = await prepareDatabase({ seed: process.env.SEED_DEMO !== "false" }).catch(exitOnDatabaseError);
  if (count === 1) await serve(port, () => printStartup(prepared, port));
  else superviseWorkers(count, () => printStartup(prepared, port, count));
}
export {};
