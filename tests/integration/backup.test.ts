/**
 * `npm run backup` / `npm run restore` (scripts/lib/backup.ts): a backup taken while the app writes
 * restores into a fresh database with the same rows (count and checksum per table) and the same
 * uploaded files. SQLite by default; MySQL/MariaDB when DATABASE_URL says so.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mysql from "mysql2/promise";
import { parseDatabaseUrl, type DatabaseConfig } from "~/.server/db/config";
import { audit } from "~/.server/audit";
import { inTransaction } from "~/.server/db/connection";
import { AuditEvent } from "~/.server/db/models";
import { createBackup, pruneBackups, restoreBackup, summaryOf } from "../../scripts/lib/backup";
import { createMigratedDatabase, dialect, type TestDatabase } from "../support/db";
import { seedWithPersonas } from "../support/personas";

const root = path.resolve(__dirname, "../..");
let db: TestDatabase;
let work: string;
let source: DatabaseConfig;
let uploads: string;
const extraDatabases: string[] = [];

beforeAll(async () => {
  db = await createMigratedDatabase();
  await seedWithPersonas();
  source = parseDatabaseUrl(db.url);
  work = fs.mkdtempSync(path.join(os.tmpdir(), "academy-backup-"));
  uploads = path.join(work, "uploads");
  fs.mkdirSync(uploads);
  fs.writeFileSync(path.join(uploads, "00000000-0000-4000-8000-000000000001.pdf"), Buffer.from("%PDF-1.4 讲义"));
  fs.writeFileSync(path.join(uploads, "00000000-0000-4000-8000-000000000002.png"), Buffer.alloc(5000, 7));
});
afterAll(async () => {
  if (source.dialect === "mysql") {
    const admin = await mysql.createConnection({ host: source.host, port: source.port, user: source.username, password: source.password });
    for (const name of extraDatabases) await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  }
  fs.rmSync(work, { recursive: true, force: true });
  await db.drop();
});

/** A fresh, empty target database next to the source. */
function freshTarget(label: string): DatabaseConfig {
  if (source.dialect === "sqlite") return { dialect: "sqlite", storage: path.join(work, `${label}.sqlite`) };
  const database = `${source.database}_${label}`;
  extraDatabases.push(database);
  return { ...source, database };
}

const toUrl = (config: DatabaseConfig) =>
  config.dialect === "sqlite"
    ? `sqlite:${config.storage}`
    : `mysql://${config.username}${config.password ? `:${config.password}` : ""}@${config.host}:${config.port}/${config.database}`;

describe(`backup and restore (${dialect})`, () => {
  it("restores into a fresh database with every table's rows and checksum, and the uploads", async () => {
    const { dir, manifest } = await createBackup({ config: source, uploadDir: uploads, outDir: path.join(work, "backups") });
    expect(path.basename(dir)).toMatch(/^academy-\d{8}T\d{6}Z$/);
    expect(manifest.uploads).toEqual({
      files: 2,
      bytes: fs.statSync(path.join(uploads, "00000000-0000-4000-8000-000000000001.pdf")).size + 5000,
    });
    expect(Object.keys(manifest.tables)).toEqual(
      expect.arrayContaining(["users", "mediators", "org_units", "schema_migrations", "audit_events"]),
    );
    expect(manifest.tables.users.rows).toBeGreaterThan(5);

    const target = freshTarget("restored");
    const restoredUploads = path.join(work, "restored-uploads");
    const result = await restoreBackup({ dir, config: target, uploadDir: restoredUploads });
    expect(result.mismatches).toEqual([]);
    expect(result.tables).toEqual(await summaryOf(source));
    for (const name of fs.readdirSync(uploads))
      expect(fs.readFileSync(path.join(restoredUploads, name))).toEqual(fs.readFileSync(path.join(uploads, name)));
  });

  it("is consistent while the app keeps writing", async () => {
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing && written < 2000) {
        await inTransaction((transaction) =>
          audit({ actorUserId: null, action: "test.write", targetType: "test", targetId: written++ }, transaction),
        );
      }
    })();
    await new Promise((r) => setTimeout(r, 50));
    const { dir, manifest } = await createBackup({ config: source, uploadDir: uploads, outDir: path.join(work, "backups-live") });
    writing = false;
    await writer;
    expect(written).toBeGreaterThan(0);
    const target = freshTarget("live");
    const result = await restoreBackup({ dir, config: target, uploadDir: path.join(work, "live-uploads") });
    if (manifest.tablesExact) expect(result.mismatches).toEqual([]);
    // Whatever was taken is whole: the restored audit rows are a prefix of what was written.
    const restored = result.tables.audit_events.rows;
    expect(restored).toBeLessThanOrEqual(await AuditEvent.count());
  });

  it("refuses to restore over a database that has data, unless forced", async () => {
    const { dir } = await createBackup({
      config: source,
      uploadDir: uploads,
      outDir: path.join(work, "backups-force"),
      now: new Date("2026-12-01T00:00:00Z"),
    });
    await expect(restoreBackup({ dir, config: source, uploadDir: path.join(work, "x") })).rejects.toThrow(/not empty/);
  });

  it("keeps only the newest N finished backups", () => {
    const out = path.join(work, "prune");
    for (const s of ["20261201T010000Z", "20261202T010000Z", "20261203T010000Z"]) {
      fs.mkdirSync(path.join(out, `academy-${s}`), { recursive: true });
      fs.writeFileSync(path.join(out, `academy-${s}`, "manifest.json"), "{}");
    }
    fs.mkdirSync(path.join(out, "academy-20261204T010000Z.partial"));
    expect(pruneBackups(out, 2)).toEqual(["academy-20261201T010000Z"]);
    expect(fs.readdirSync(out).sort()).toEqual([
      "academy-20261202T010000Z",
      "academy-20261203T010000Z",
      "academy-20261204T010000Z.partial",
    ]);
  });

  it("npm run backup and npm run restore work from the command line", () => {
    const out = path.join(work, "cli");
    const env = { ...process.env, DATABASE_URL: db.url, UPLOAD_DIR: uploads };
    const tsx = path.join(root, "node_modules/.bin/tsx");
    const backup = spawnSync(tsx, ["scripts/backup.ts", "--out", out, "--keep", "3"], {
      cwd: root,
      env,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(backup.stderr).toBe("");
    expect(backup.stdout).toMatch(/^✔ backup of .* in .*academy-\d{8}T\d{6}Z: \d+ tables, \d+ rows, 2 uploaded files\n$/);
    const dir = path.join(out, fs.readdirSync(out)[0]);
    const target = freshTarget("cli");
    const restore = spawnSync(tsx, ["scripts/restore.ts", dir], {
      cwd: root,
      env: { ...env, DATABASE_URL: toUrl(target), UPLOAD_DIR: path.join(work, "cli-uploads") },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(restore.stderr).toBe("");
    expect(restore.status).toBe(0);
    expect(restore.stdout).toMatch(/^✔ restored academy-/);
    const again = spawnSync(tsx, ["scripts/restore.ts", dir], {
      cwd: root,
      env: { ...env, DATABASE_URL: toUrl(target) },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(again.status).toBe(1);
    expect(again.stderr.trim().split("\n")).toHaveLength(1);
    expect(again.stderr).toMatch(/not empty/);
  });
});
