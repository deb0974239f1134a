/**
 * `npm run backup [-- --out DIR] [--keep N]`: a backup of the database (DATABASE_URL) and the
 * uploaded files (UPLOAD_DIR) into a new folder under DIR (BACKUP_DIR, default data/backups),
 * safe while the server runs; then all but the newest N backups there are deleted (default 14).
 * Prints one line; exits non-zero with one line on failure.
 */
import path from "node:path";
import { describeDatabase, parseDatabaseUrl } from "../app/.server/db/config";
import { uploadDir } from "../app/.server/uploads";
import { createBackup, pruneBackups } from "./lib/backup";

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

try {
  const config = parseDatabaseUrl(process.env.DATABASE_URL);
  const outDir = path.resolve(option("--out") ?? process.env.BACKUP_DIR ?? path.join("data", "backups"));
  const keep = Number(option("--keep") ?? process.env.BACKUP_KEEP ?? 14);
  const { dir, manifest } = await createBackup({ config, uploadDir: uploadDir(), outDir });
  const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
  const pruned = Number.isInteger(keep) && keep > 0 ? pruneBackups(outDir, keep) : [];
  console.log(
    `✔ backup of ${describeDatabase(config)} in ${dir}: ${Object.keys(manifest.tables).length} tables, ${rows} rows, ${manifest.uploads.files} uploaded files` +
      (pruned.length ? `; ${pruned.length} older backups removed` : ""),
  );
} catch (error) {
  console.error(`✖ backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
