import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import mysql from "mysql2/promise";
import sqlite3 from "sqlite3";
import type { DatabaseConfig } from "../../app/.server/db/config";

/**
 * Backups of one installation: the database and the uploaded files, in one folder.
 *
 *   <out>/academy-20261202T014000Z/
 *     manifest.json      what was taken: dialect, row count and checksum of every table, uploads
 *     database.sqlite    SQLite: a copy made with SQLite's online backup API (consistent while the server writes)
 *     database.sql       MySQL/MariaDB: mariadb-dump --single-transaction (one consistent snapshot, no locks)
 *     uploads/           a copy of UPLOAD_DIR (files are written once under random names, never changed)
 *
 * restoreBackup() puts such a folder back into an empty database and upload folder and checks the
 * row counts and checksums against the manifest.
 */
export const MANIFEST = "manifest.json";

export type TableSummary = Record<string, { rows: number; checksum: string }>;
export type Manifest = {
  format: 1;
  createdAt: string;
  dialect: DatabaseConfig["dialect"];
  database: "database.sqlite" | "database.sql";
  /** SQLite: taken from the copy itself. MySQL/MariaDB: counted just before the dump, so exact only when nothing wrote meanwhile. */
  tablesExact: boolean;
  tables: TableSummary;
  uploads: { files: number; bytes: number };
};

type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/** One value as checksum text: the same data gives the same text on every run. */
function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return `x:${value.toString("hex")}`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

async function summarise(
  query: Query,
  tables: string[],
  primaryKey: (table: string) => Promise<string[]>,
  quote: (name: string) => string,
): Promise<TableSummary> {
  const summary: TableSummary = {};
  for (const table of tables.sort()) {
    const key = await primaryKey(table);
    const order = key.length ? key.map(quote).join(", ") : "1";
    const rows = await query(`SELECT * FROM ${quote(table)} ORDER BY ${order}`);
    const hash = crypto.createHash("sha256");
    for (const row of rows)
      hash.update(
        `${JSON.stringify(
          Object.keys(row)
            .sort()
            .map((k) => [k, canonical(row[k])]),
        )}\n`,
      );
    summary[table] = { rows: rows.length, checksum: hash.digest("hex") };
  }
  return summary;
}

function openSqlite(file: string, mode = sqlite3.OPEN_READONLY): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (error) => (error ? reject(error) : resolve(db)));
  });
}
const closeSqlite = (db: sqlite3.Database) => new Promise<void>((resolve, reject) => db.close((e) => (e ? reject(e) : resolve())));
const allSqlite = (db: sqlite3.Database, sql: string) =>
  new Promise<Record<string, unknown>[]>((resolve, reject) =>
    db.all(sql, (e, rows) => (e ? reject(e) : resolve(rows as Record<string, unknown>[]))),
  );

/** Row count and checksum of every table of a SQLite file. */
export async function sqliteSummary(file: string): Promise<TableSummary> {
  const db = await openSqlite(file);
  try {
    const query: Query = (sql) => allSqlite(db, sql);
    const tables = (await query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).map((r) =>
      String(r.name),
    );
    const key = async (table: string) =>
      (await query(`PRAGMA table_info("${table}")`))
        .filter((c) => Number(c.pk) > 0)
        .sort((a, b) => Number(a.pk) - Number(b.pk))
        .map((c) => String(c.name));
    return await summarise(query, tables, key, (n) => `"${n.replace(/"/g, '""')}"`);
  } finally {
    await closeSqlite(db);
  }
}

type MysqlConfig = Extract<DatabaseConfig, { dialect: "mysql" }>;
const mysqlConnection = (config: MysqlConfig, options: { server?: boolean } = {}) =>
  mysql.createConnection({
    host: config.host,
    port: config.port,
    user: config.username,
    password: config.password,
    database: options.server ? undefined : config.database,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    charset: "utf8mb4",
  });

/** Row count and checksum of every table of a MySQL/MariaDB database, read in one consistent snapshot. */
export async function mysqlSummary(config: MysqlConfig): Promise<TableSummary> {
  const connection = await mysqlConnection(config);
  try {
    await connection.query("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    await connection.query("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
    const query: Query = async (sql) => (await connection.query(sql))[0] as Record<string, unknown>[];
    const tables = (await query("SHOW FULL TABLES WHERE Table_type = 'BASE TABLE'")).map((r) => String(Object.values(r)[0]));
    const key = async (table: string) =>
      (await query(`SHOW KEYS FROM \`${table}\` WHERE Key_name = 'PRIMARY'`))
        .sort((a, b) => Number(a.Seq_in_index) - Number(b.Seq_in_index))
        .map((r) => String(r.Column_name));
    const summary = await summarise(query, tables, key, (n) => `\`${n.replace(/`/g, "``")}\``);
    await connection.query("COMMIT");
    return summary;
  } finally {
    await connection.end();
  }
}

export const summaryOf = (config: DatabaseConfig) => (config.dialect === "sqlite" ? sqliteSummary(config.storage) : mysqlSummary(config));

/** The MariaDB/MySQL client programs: the MariaDB names first, the MySQL ones as a fallback. */
export function mysqlTool(kind: "dump" | "client"): string {
  const candidates = kind === "dump" ? ["mariadb-dump", "mysqldump"] : ["mariadb", "mysql"];
  for (const name of candidates) if (spawnSync("which", [name], { encoding: "utf8" }).status === 0) return name;
  throw new Error(`${candidates.join(" or ")} is not installed (Debian: apt-get install mariadb-client)`);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: [input ? "pipe" : "ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed (${code}): ${stderr.trim().split("\n").pop()}`)),
    );
    if (input) fs.createReadStream(input).pipe(child.stdin!);
  });
}

/** Connection arguments; the password goes in MYSQL_PWD, never on the command line. */
const mysqlArgs = (config: MysqlConfig) => ({
  args: [
    "--protocol=tcp",
    `--host=${config.host}`,
    `--port=${config.port}`,
    `--user=${config.username}`,
    "--default-character-set=utf8mb4",
  ],
  env: { ...process.env, MYSQL_PWD: config.password },
});

/** SQLite's online backup API: a page-by-page copy of one consistent state, while other connections keep writing. */
function sqliteOnlineBackup(source: string, destination: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(source, sqlite3.OPEN_READWRITE, (openError) => {
      if (openError) return reject(openError);
      db.configure("busyTimeout", 15_000);
      const fail = (error: Error) => db.close(() => reject(error));
      type Backup = {
        step(pages: number, cb: (e: Error | null) => void): void;
        finish(cb: (e: Error | null) => void): void;
        completed: boolean;
      };
      const backup = (db as unknown as { backup(file: string, cb: (e: Error | null) => void): Backup }).backup(destination, (initError) => {
        if (initError) return fail(initError);
        const step = () =>
          backup.step(-1, (stepError) => {
            if (stepError) return fail(stepError);
            if (!backup.completed) return setTimeout(step, 50);
            backup.finish((finishError) => (finishError ? fail(finishError) : db.close((e) => (e ? reject(e) : resolve()))));
          });
        step();
      });
    });
  });
}

function uploadStats(dir: string): { files: number; bytes: number } {
  const total = { files: 0, bytes: 0 };
  if (!fs.existsSync(dir)) return total;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = uploadStats(full);
      total.files += inner.files;
      total.bytes += inner.bytes;
    } else if (entry.isFile()) {
      total.files++;
      total.bytes += fs.statSync(full).size;
    }
  }
  return total;
}

const stamp = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");

/** Takes a backup into a new folder under `outDir`; returns its path and manifest. */
export async function createBackup(options: {
  config: DatabaseConfig;
  uploadDir: string;
  outDir: string;
  now?: Date;
}): Promise<{ dir: string; manifest: Manifest }> {
  const now = options.now ?? new Date();
  const dir = path.join(options.outDir, `academy-${stamp(now)}`);
  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true, mode: 0o700 });
  try {
    let manifest: Manifest;
    if (options.config.dialect === "sqlite") {
      if (!fs.existsSync(options.config.storage)) throw new Error(`no SQLite database at ${options.config.storage}`);
      const file = path.join(partial, "database.sqlite");
      await sqliteOnlineBackup(options.config.storage, file);
      manifest = {
        format: 1,
        createdAt: now.toISOString(),
        dialect: "sqlite",
        database: "database.sqlite",
        tablesExact: true,
        tables: await sqliteSummary(file),
        uploads: { files: 0, bytes: 0 },
      };
    } else {
      const tables = await mysqlSummary(options.config);
      const { args, env } = mysqlArgs(options.config);
      await run(
        mysqlTool("dump"),
        [
          ...args,
          "--single-transaction",
          "--quick",
          "--hex-blob",
          "--triggers",
          "--no-tablespaces",
          `--result-file=${path.join(partial, "database.sql")}`,
          options.config.database,
        ],
        env,
      );
      manifest = {
        format: 1,
        createdAt: now.toISOString(),
        dialect: "mysql",
        database: "database.sql",
        tablesExact: false,
        tables,
        uploads: { files: 0, bytes: 0 },
      };
    }
    if (fs.existsSync(options.uploadDir)) fs.cpSync(options.uploadDir, path.join(partial, "uploads"), { recursive: true });
    else fs.mkdirSync(path.join(partial, "uploads"));
    manifest.uploads = uploadStats(path.join(partial, "uploads"));
    fs.writeFileSync(path.join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    // Only a finished backup carries the final name: a folder without ".partial" is complete.
    fs.renameSync(partial, dir);
    return { dir, manifest };
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

/** Deletes all but the newest `keep` finished backups in `outDir`; returns what it deleted. */
export function pruneBackups(outDir: string, keep: number): string[] {
  if (!fs.existsSync(outDir) || keep < 1) return [];
  const finished = fs
    .readdirSync(outDir)
    .filter((name) => /^academy-\d{8}T\d{6}Z$/.test(name) && fs.existsSync(path.join(outDir, name, MANIFEST)))
    .sort();
  const old = finished.slice(0, Math.max(0, finished.length - keep));
  for (const name of old) fs.rmSync(path.join(outDir, name), { recursive: true, force: true });
  return old;
}

async function databaseIsEmpty(config: DatabaseConfig): Promise<boolean> {
  if (config.dialect === "sqlite") {
    if (!fs.existsSync(config.storage) || fs.statSync(config.storage).size === 0) return true;
    return Object.keys(await sqliteSummary(config.storage)).length === 0;
  }
  const admin = await mysqlConnection(config, { server: true });
  try {
    await admin.query(
      `CREATE DATABASE IF NOT EXISTS \`${config.database.replace(/`/g, "``")}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    const [rows] = await admin.query("SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?", [config.database]);
    return Number((rows as { n: number }[])[0].n) === 0;
  } finally {
    await admin.end();
  }
}

export type RestoreResult = { manifest: Manifest; tables: TableSummary; mismatches: string[] };

/**
 * Restores a backup folder into `config` (an empty database, unless `force`) and `uploadDir`
 * (files already there are kept), then compares every table's row count and checksum with the
 * manifest. The server must not be running against the target meanwhile.
 */
export async function restoreBackup(options: {
  dir: string;
  config: DatabaseConfig;
  uploadDir: string;
  force?: boolean;
}): Promise<RestoreResult> {
  const manifestFile = path.join(options.dir, MANIFEST);
  if (!fs.existsSync(manifestFile)) throw new Error(`${options.dir} is not a finished backup (no ${MANIFEST})`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Manifest;
  if (manifest.dialect !== options.config.dialect) {
    throw new Error(`the backup is of a ${manifest.dialect} database, DATABASE_URL names a ${options.config.dialect} one`);
  }
  if (!options.force && !(await databaseIsEmpty(options.config))) {
    throw new Error("the target database is not empty; restore into a new one, or pass --force to overwrite it");
  }
  if (options.config.dialect === "sqlite") {
    const target = options.config.storage;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temp = `${target}.restoring`;
    fs.copyFileSync(path.join(options.dir, manifest.database), temp);
    for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(`${target}${suffix}`, { force: true });
    fs.renameSync(temp, target);
  } else {
    const { args, env } = mysqlArgs(options.config);
    await run(mysqlTool("client"), [...args, options.config.database], env, path.join(options.dir, manifest.database));
  }
  const uploads = path.join(options.dir, "uploads");
  if (fs.existsSync(uploads)) {
    fs.mkdirSync(options.uploadDir, { recursive: true });
    fs.cpSync(uploads, options.uploadDir, { recursive: true, force: false, errorOnExist: false });
  }
  const tables = await summaryOf(options.config);
  const mismatches: string[] = [];
  for (const name of new Set([...Object.keys(manifest.tables), ...Object.keys(tables)])) {
    const want = manifest.tables[name];
    const got = tables[name];
    if (!want || !got) mismatches.push(`${name}: ${want ? "missing after restore" : "not in the backup"}`);
    else if (want.rows !== got.rows) mismatches.push(`${name}: ${want.rows} rows in the backup, ${got.rows} restored`);
    else if (want.checksum !== got.checksum) mismatches.push(`${name}: checksum differs`);
  }
  return { manifest, tables, mismatches };
}
