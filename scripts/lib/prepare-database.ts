import mysql from "mysql2/promise";
import { describeDatabase, parseDatabaseUrl, DatabaseUrlError } from "../../app/.server/db/config";
import { closeSequelize, getSequelize } from "../../app/.server/db/connection";
import { migrateUp } from "../../db/migrator";
import { seedDemo, type SeedSummary } from "../../db/seeders/demo";
import { seedDemoTraining } from "../../db/seeders/demo-training";
import { DEMO_ACCOUNTS, demoPassword, existingDemoAccounts } from "../../db/seeders/demo-accounts";

function causeOf(error: unknown): string {
  const e = error as { parent?: { code?: string; message?: string }; original?: { message?: string }; message?: string };
  return e.parent?.message || e.original?.message || e.message || String(error);
}

/** Creates the MySQL/MariaDB database when the server is reachable but the database is not there yet. */
async function ensureMysqlDatabase(config: Extract<ReturnType<typeof parseDatabaseUrl>, { dialect: "mysql" }>) {
  const connection = await mysql.createConnection({
    host: config.host,
    port: config.port,
    user: config.username,
    password: config.password,
    connectTimeout: 10_000,
  });
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${config.database.replace(/`/g, "``")}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}

export type PrepareResult = {
  database: string;
  migrated: string[];
  seed: SeedSummary | null;
  demoAccounts: { accounts: typeof DEMO_ACCOUNTS; password: string } | null;
};

/**
 * Checks DATABASE_URL, reaches the database, applies pending migrations and (unless
 * SEED_DEMO=false) seeds the demo data into an empty database. Throws DatabaseUrlError with a
 * one-line cause for the person at the console.
 */
export async function prepareDatabase(options: { seed: boolean }): Promise<PrepareResult> {
  const config = parseDatabaseUrl(process.env.DATABASE_URL);
  const database = describeDatabase(config);
  try {
    if (config.dialect === "mysql") await ensureMysqlDatabase(config);
    await getSequelize().authenticate();
  } catch (error) {
    await closeSequelize().catch(() => undefined);
    throw new DatabaseUrlError(`cannot reach ${database}: ${causeOf(error)}`);
  }
  try {
    const migrated = (await migrateUp(getSequelize())).map((m) => m.name);
    const seed = options.seed ? await seedDemo() : null;
    if (seed?.created) await seedDemoTraining();
    const accounts = options.seed ? await existingDemoAccounts() : [];
    return { database, migrated, seed, demoAccounts: accounts.length ? { accounts, password: demoPassword() } : null };
  } finally {
    await closeSequelize();
  }
}

/** Prints the one clear line and exits non-zero; no stack dump for a configuration problem. */
export function exitOnDatabaseError(error: unknown): never {
  if (error instanceof DatabaseUrlError) {
    console.error(`✖ DATABASE_URL ${error.message}`);
  } else {
    console.error(`✖ Database setup failed: ${causeOf(error)}`);
  }
  process.exit(1);
}
