/** `npm run dev`: migrate and seed like `npm start`, then serve through Vite with hot reload. */
const { exitOnDatabaseError, prepareDatabase } = await import("./lib/prepare-database");
const { printStartup } = await import("./lib/banner");

const prepared = await prepareDatabase({ seed: process.env.SEED_DEMO !== "false" }).catch(exitOnDatabaseError);
const { createApp } = await import("../server/app");
const app = await createApp("development");
const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => printStartup(prepared, port));
export {};
