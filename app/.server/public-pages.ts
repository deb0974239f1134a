import { QueryTypes, type Transaction } from "sequelize";
import { beforeCommit, getSequelize } from "./db/connection";
import { PUBLIC_CACHE_GLOBAL, PUBLIC_VERSIONS_GLOBAL, sectionOf, type PublicPageVersions } from "./public-sections";

/**
 * Public pages (/verify, /rooms, /experts, /announcements) are answered from the server's page
 * cache for signed-out visitors (server/public-cache.ts). A write that changes what such a page
 * shows calls publicPagesChangeOnCommit() in its transaction with the paths (or path prefixes) it
 * touched: that raises the section's counter in public_page_versions (migration 0033) with the
 * write, and once it commits drops this process's entries at once. Every process checks the
 * counters before it serves a stored page (PublicPageVersions), so on MySQL/MariaDB — where several
 * instances share one database — no instance serves a page older than the last committed change.
 *
 * The cache lives in the server, the database in the Remix build (a separate module graph): they
 * meet on two globals (./public-sections.ts).
 */
type PublicCacheHandle = { invalidate(prefixes: string[]): void };

/** Drops this process's cached pages at or under these paths (publicPagesChangeOnCommit does it after a commit). */
export function publicPagesChanged(...prefixes: string[]) {
  const handle = (globalThis as Record<string, unknown>)[PUBLIC_CACHE_GLOBAL] as PublicCacheHandle | undefined;
  handle?.invalidate(prefixes);
}

const touched = new WeakMap<Transaction, Set<string>>();

/**
 * Marks these public paths changed by `transaction`: their sections' counters are raised in it,
 * last before its commit (so other processes see the change exactly when it commits, and the
 * shared counter rows are locked only for the commit), and this process's entries are dropped
 * after the commit (never for a write that is rolled back).
 */
export async function publicPagesChangeOnCommit(transaction: Transaction, ...prefixes: string[]) {
  const sections = touched.get(transaction) ?? new Set<string>();
  touched.set(transaction, sections);
  for (const p of prefixes) {
    const s = sectionOf(p);
    if (s) sections.add(s);
  }
  transaction.afterCommit(() => publicPagesChanged(...prefixes));
  await beforeCommit(transaction, "public-page-versions", async () => {
    const list = [...sections].sort();
    if (!list.length) return;
    await getSequelize().query(
      `UPDATE public_page_versions SET version = version + 1 WHERE section IN (${list.map(() => "?").join(", ")})`,
      {
        replacements: list,
        transaction,
      },
    );
  });
}

/**
 * Registers the counters' reader for the page cache: on MySQL/MariaDB only, where other instances
 * may write; one process on SQLite (several are refused) is told of every change in memory.
 */
export function sharePublicPageVersions() {
  const shared = getSequelize().getDialect() !== "sqlite";
  (globalThis as Record<string, unknown>)[PUBLIC_VERSIONS_GLOBAL] = shared ? publicPageVersions : null;
}

/** Every section's counter, as committed now. */
export const publicPageVersions: PublicPageVersions = {
  async read() {
    const rows = (await getSequelize().query("SELECT section, version FROM public_page_versions", { type: QueryTypes.SELECT })) as {
      section: string;
      version: number | string;
    }[];
    return Object.fromEntries(rows.map((r) => [r.section, Number(r.version)]));
  },
};
