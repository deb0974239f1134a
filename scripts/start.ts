/**
 * `npm start`: build if needed, migrate, seed the demo data on an empty database, serve.
 * NODE_ENV is set before anything loads React, so the production build is used.
 *
 * A deployment says NODE_ENV=production itself, and must then give APP_SECRET (one clear line
 * otherwise). Without it — `npm install && npm start` on a fresh machine, the demo — the key is
 * generated into data/app-secret, and the banner says so.
 */
const deployed = process.env.NODE_ENV === "production";
process.env.NODE_ENV ??= "production";

const { productionSecretProblem } = await import("./lib/secrets");
const secretProblem = deployed ? productionSecretProblem() : null;
if (secretProblem) {
  console.error(`✖ ${secretProblem}`);
  process.exit(1);
}

const { ensureBuild } = await import("./lib/build");
const { exitOnDatabaseError, prepareDatabase } = await import("./lib/prepare-database");
const { printStartup } = await import("./lib/banner");

ensureBuild();
const prepared = await prepareDatabase({ seed: process.env.SEED_DEMO !== "false" }).catch(exitOnDatabaseError);

const { createApp } = await import("../server/app");
const app = await createApp("production");
// tsx maps stack traces to TypeScript sources, which makes every `error.stack` costly; the SQLite
// driver reads one per query. Production stacks point into the build instead.
process.setSourceMapsEnabled(false);
const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, () => printStartup(prepared, port));
server.on("error", (error: NodeJS.ErrnoException) => {
  console.error(`✖ Cannot listen on port ${port}: ${error.code === "EADDRINUSE" ? "already in use (set PORT)" : error.message}`);
  process.exit(1);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
export {};
