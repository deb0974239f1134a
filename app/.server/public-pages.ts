/**
 * Public pages (/verify, /rooms, /experts, /announcements) are answered from the server's page
 * cache for signed-out visitors (server/public-cache.ts). A write that changes what such a page
 * shows calls publicPagesChanged() with the paths (or path prefixes) it touched, so this process
 * renders them afresh at once; other processes catch up within PUBLIC_CACHE_SECONDS.
 *
 * The cache lives in the server, the caller in the Remix build (a separate module graph): they
 * meet on one global.
 */
export const PUBLIC_CACHE_GLOBAL = "__academyPublicPages";

type PublicCacheHandle = { invalidate(prefixes: string[]): void };

export function publicPagesChanged(...prefixes: string[]) {
  const handle = (globalThis as Record<string, unknown>)[PUBLIC_CACHE_GLOBAL] as PublicCacheHandle | undefined;
  handle?.invalidate(prefixes);
}

/** publicPagesChanged() once `transaction` commits (never for a write that is rolled back). */
export function publicPagesChangeOnCommit(transaction: { afterCommit(fn: () => void): void }, ...prefixes: string[]) {
  transaction.afterCommit(() => publicPagesChanged(...prefixes));
}
