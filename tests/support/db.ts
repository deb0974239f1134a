import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mysql from "mysql2/promise";
import { parseDatabaseUrl } from "~/.server/db/config";
import { closeSequelize, getSequelize } from "~/.server/db/connection";
import { migrateUp } from "../../db/migrator";

/** Which database the suite runs on: SQLite unless DATABASE_URL names MySQL/MariaDB. */
export const dialect = parseDatabaseUrl(process.env.DATABASE_URL).dialect;
const baseUrl = process.env.DATABASE_URL;

export type TestDatabase = { url: string; drop(): Promise<void> };

/**
 * A throw-away database of its own for one test file: a temp SQLite file, or on MySQL/MariaDB a
 * fresh database next to the one DATABASE_URL names. Points DATABASE_URL at it so the app's
 * connection module uses it.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const id = `${process.env.JEST_WORKER_ID ?? "0"}_${crypto.randomBytes(4).toString("hex")}`;
  const config = parseDatabaseUrl(baseUrl);
  if (config.dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-test-"));
    const url = `sqlite:${path.join(dir, "test.sqlite")}`;
    await useDatabase(url);
    return {
      url,
      async drop() {
        await closeSequelize();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `${config.database}_t${id}`;
  const admin = () => mysql.createConnection({ host: config.host, port: config.port, user: config.username, password: config.password });
  const connection = await admin();
  await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await connection.end();
  const url = new URL(baseUrl!);
  url.pathname = `/${name}`;
  await useDatabase(url.toString());
  return {
    url: url.toString(),
    async drop() {
      await closeSequelize();
      const c = await admin();
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/** Points DATABASE_URL at a database and binds the models to a new connection there. */
async function useDatabase(url: string) {
  process.env.DATABASE_URL = url;
  await closeSequelize();
}

/** A fresh, fully migrated database for the current test file. */
export async function createMigratedDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  await migrateUp(getSequelize());
  return db;
}
