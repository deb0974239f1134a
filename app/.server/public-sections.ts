/**
 * What the page cache (server/public-cache.ts) and the Remix build (./public-pages.ts) agree on —
 * kept free of imports, since the server loads it outside the build's module graph.
 */
export const PUBLIC_CACHE_GLOBAL = "__academyPublicPages";
export const PUBLIC_VERSIONS_GLOBAL = "__academyPublicPageVersions";

/** The cached sections; a path belongs to the first it equals or lies under. */
export const PUBLIC_SECTIONS = ["/verify", "/rooms", "/experts", "/announcements"] as const;

export const sectionOf = (path: string) => PUBLIC_SECTIONS.find((s) => path === s || path.startsWith(`${s}/`)) ?? null;

/** What the cache asks of the build: every section's counter, read now from the shared database. */
export type PublicPageVersions = { read(): Promise<Record<string, number>> };
