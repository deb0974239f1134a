/**
 * `npm run restore -- <backup folder> [--force]`: puts a backup made by `npm run backup` into the
 * database DATABASE_URL names (which must be empty unless --force; a MySQL/MariaDB database is
 * created if missing) and into UPLOAD_DIR, then checks every table's row count and checksum
 * against the backup's manifest. Stop the server first.
 */
import path from "node:path";
import { describeDatabase, parseDatabaseUrl } from "../app/.server/db/config";
import { uploadDir } from "../app/.server/uploads";
import { restoreBackup } from "./lib/backup";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--"));
if (!dir) {
  console.error("✖ usage: npm run restore -- <backup folder> [--force]");
  process.exit(2);
}

try {
  const config = parseDatabaseUrl(process.env.DATABASE_URL);
  const { manifest, tables, mismatches } = await restoreBackup({
    dir: path.resolve(dir),
    config,
    uploadDir: uploadDir(),
    force: args.includes("--force"),
  });
  const rows = Object.values(tables).reduce((n, t) => n + t.rows, 0);
  if (mismatches.length && manifest.tablesExact) {
    console.error(`✖ restored into ${describeDatabase(config)}, but it differs from the backup: ${mismatches.join("; ")}`);
    process.exit(1);
  }
  const note = mismatches.length
    ? ` (differs from the counts taken as the dump began, written meanwhile: ${mismatches.join("; ")})`
    : ", every table's rows and checksum as in the backup";
  console.log(
    `✔ restored ${path.basename(dir)} (${manifest.createdAt}) into ${describeDatabase(config)}: ${Object.keys(tables).length} tables, ${rows} rows, ${manifest.uploads.files} uploaded files${note}`,
  );
} catch (error) {
  console.error(`✖ restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
