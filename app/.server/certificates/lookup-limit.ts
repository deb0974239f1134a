import { QueryTypes } from "sequelize";
import { getSequelize } from "../db/connection";

/**
 * Throttling of the public certificate lookup, kept in the database so it holds across server
 * processes, in the style of the login throttle: failed lookups (a mistyped or unknown code) are
 * counted per client address and fixed window; an address past the limit gets no answer at all
 * (not even for a real code) until the window ends. A lookup that finds its certificate only reads
 * the counter, so the page stays cheap for the people it is for. Each failure is counted by one
 * atomic upsert (no read-then-write race between processes).
 */
export const WINDOW_MS = 10 * 60 * 1000;
export const failureLimit = () => Number(process.env.VERIFY_FAILURES_PER_WINDOW ?? 30);

const bucketFor = (ip: string) => `verify:${ip.slice(0, 150)}`;
const windowOf = (now: Date) => Math.floor(now.getTime() / WINDOW_MS);

/** Whether this address has used up its failed lookups for the current window. */
export async function lookupsBlocked(ip: string, now = new Date()): Promise<boolean> {
  const rows = (await getSequelize().query("SELECT hits FROM verify_lookups WHERE bucket = :bucket AND window_start = :window", {
    replacements: { bucket: bucketFor(ip), window: windowOf(now) },
    type: QueryTypes.SELECT,
  })) as { hits: number }[];
  return rows.length > 0 && Number(rows[0].hits) >= failureLimit();
}

/** Counts one failed lookup for this address. */
export async function recordFailedLookup(ip: string, now = new Date()): Promise<void> {
  const sequelize = getSequelize();
  const upsert =
    sequelize.getDialect() === "sqlite"
      ? "INSERT INTO verify_lookups (bucket, window_start, hits) VALUES (:bucket, :window, 1) ON CONFLICT (bucket, window_start) DO UPDATE SET hits = hits + 1"
      : "INSERT INTO verify_lookups (bucket, window_start, hits) VALUES (:bucket, :window, 1) ON DUPLICATE KEY UPDATE hits = hits + 1";
  await sequelize.query(upsert, { replacements: { bucket: bucketFor(ip), window: windowOf(now) } });
  // Old windows only slow the index down; trim them now and then.
  if (Math.random() < 0.02) {
    await sequelize.query("DELETE FROM verify_lookups WHERE window_start < :old", { replacements: { old: windowOf(now) - 1 } });
  }
}
