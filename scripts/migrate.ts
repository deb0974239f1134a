/** `npm run db:migrate` applies pending migrations; `npm run db:migrate -- down` undoes the last one. */
import { closeSequelize, getSequelize } from "../app/.server/db/connection";
import { createMigrator } from "../db/migrator";
import { exitOnDatabaseError } from "./lib/prepare-database";

const direction = process.argv[2] === "down" ? "down" : "up";
try {
  const migrator = createMigrator(getSequelize());
  const done = direction === "up" ? await migrator.up() : await migrator.down();
  console.log(done.length ? `${direction}: ${done.map((m) => m.name).join(", ")}` : "Nothing to migrate.");
  await closeSequelize();
} catch (error) {
  exitOnDatabaseError(error);
}
