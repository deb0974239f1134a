import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import zlib from "node:zlib";
import type { NextFunction, Request, Response } from "express";
import { PUBLIC_CACHE_GLOBAL, sectionOf, type PublicPageVersions } from "../app/.server/public-sections";

/**
 * The page cache for public pages (/verify/<code>, /rooms, /experts, /announcements): pages that
 * are the same for every signed-out visitor and get shared, scanned and opened in bursts.
 *
 * A signed-out GET of such a path is answered, while its entry is fresh, straight from memory by
 * the plain `node:http` listener, before Express, helmet or Remix run: the stored status line,
 * headers (the CSP and every other security header as first sent) and body, gzipped when the
 * browser accepts it, with an ETag (a hash of the body, so a changed page has a new one) and a
 * 304 for a browser that already holds it. A miss goes through the app as usual; if the answer is
 * a 200 HTML page that sets no cookie and is not private, it is kept.
 *
 * Freshness: a write that changes a public page calls publicPagesChangeOnCommit() (app/.server/
 * public-pages.ts), which drops the entries under those paths in this process once it commits and
 * raises the section's counter in the database with the write. When the counters are shared
 * (`versions`: MySQL/MariaDB, where other instances write too), every answer from memory is first
 * checked against them — one small read at a time, shared by every request that arrived while
 * the read before it ran — so no instance serves a page older than the last committed change.
 * Without them (SQLite: one process) an entry lives at most `ttlMs`. Anything with the session
 * cookie, any other method, any other path goes to the app untouched.
 */
export type PublicCacheOptions = {
  /** Paths cached, without a trailing slash: each matches itself and anything below it ("/rooms" → "/rooms", "/rooms/x", "/rooms?page=2"; not "/rooms.data"). */
  prefixes: string[];
  ttlMs: number;
  maxEntries: number;
  /** Bigger answers are not kept. */
  maxBytes: number;
  /** Cache-Control for a kept page that chose none. */
  defaultCacheControl: string;
  isDraining?: () => boolean;
  now?: () => number;
  /** The shared counters, when other processes may change public pages (null or absent: not shared). */
  versions?: () => PublicPageVersions | null | undefined;
};

type Entry = {
  path: string;
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  gzip: Buffer | null;
  etag: string;
  expires: number;
  /** The section's counter when the page was rendered (null: counters not shared). */
  version: number | null;
};

type Capture = { key: string; version: number | null };

const SESSION_COOKIE = /(?:^|;\s*)academy_session=/;
const LANGUAGE_COOKIE = /(?:^|;\s*)lng=([^;]*)/;
const CAPTURE = Symbol("public-cache.capture");
/** Headers that belong to one answer on one connection, never to a stored page. */
const NOT_STORED = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "etag"]);

export type PublicCache = ReturnType<typeof createPublicCache>;

export function createPublicCache(options: PublicCacheOptions) {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const counts = { hits: 0, misses: 0, stored: 0, notModified: 0, stale: 0, checks: 0 };

  const under = (path: string, prefixes: string[]) => prefixes.some((p) => path === p || path.startsWith(`${p}/`));
  const cachedPath = (url: string) => under(url.split("?", 1)[0], options.prefixes);
  const keyOf = (req: IncomingMessage) => `${LANGUAGE_COOKIE.exec(req.headers.cookie ?? "")?.[1] ?? ""} ${req.url}`;
  const eligible = (req: IncomingMessage) =>
    (req.method === "GET" || req.method === "HEAD") &&
    req.url !== undefined &&
    !SESSION_COOKIE.test(req.headers.cookie ?? "") &&
    !options.isDraining?.() &&
    cachedPath(req.url);

  function send(req: IncomingMessage, res: ServerResponse, entry: Entry) {
    const inm = req.headers["if-none-match"];
    if (inm && inm.split(",").some((tag) => tag.trim() === entry.etag)) {
      counts.notModified++;
      res.writeHead(304, { ETag: entry.etag, "Cache-Control": String(entry.headers["cache-control"]), Vary: "Cookie, Accept-Encoding" });
      res.end();
      return;
    }
    const gzip = entry.gzip && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? "")) ? entry.gzip : null;
    const body = gzip ?? entry.body;
    const headers: Record<string, string | string[] | number> = { ...entry.headers, ETag: entry.etag, "Content-Length": body.length };
    if (gzip) headers["Content-Encoding"] = "gzip";
    res.writeHead(entry.status, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  }

  function keep({ key, version }: Capture, path: string, res: ServerResponse, body: Buffer): Entry | null {
    const headers = res.getHeaders();
    const cacheControl = String(headers["cache-control"] ?? "");
    const type = String(headers["content-type"] ?? "");
    if (
      res.statusCode !== 200 ||
      headers["set-cookie"] ||
      /private|no-store/.test(cacheControl) ||
      !type.startsWith("text/html") ||
      body.length > options.maxBytes
    ) {
      return null;
    }
    const stored: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined && !NOT_STORED.has(name)) stored[name] = Array.isArray(value) ? value : String(value);
    }
    stored["cache-control"] = cacheControl || options.defaultCacheControl;
    stored["vary"] = "Cookie, Accept-Encoding";
    const entry: Entry = {
      path,
      status: 200,
      headers: stored,
      body,
      gzip: body.length > 1024 ? zlib.gzipSync(body) : null,
      etag: `"${crypto.createHash("sha1").update(body).digest("base64url")}"`,
      expires: now() + options.ttlMs,
      version,
    };
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
    counts.stored++;
    return entry;
  }

  /**
   * The counters: one read at a time; the requests that arrive while it runs wait for the next one,
   * which starts when it ends, so each read was sent after every request it answers had arrived.
   */
  type Waiter = { resolve(v: Record<string, number>): void; reject(e: unknown): void };
  let waiting: Waiter[] = [];
  let reading = false;
  function readNext(versions: PublicPageVersions) {
    reading = true;
    const batch = waiting;
    waiting = [];
    counts.checks++;
    versions
      .read()
      .then(
        (v) => batch.forEach((w) => w.resolve(v)),
        (e) => batch.forEach((w) => w.reject(e)),
      )
      .finally(() => {
        reading = false;
        if (waiting.length) readNext(versions);
      });
  }
  function currentVersions(versions: PublicPageVersions) {
    return new Promise<Record<string, number>>((resolve, reject) => {
      waiting.push({ resolve, reject });
      if (!reading) readNext(versions);
    });
  }

  /** Answers from memory when the entry is fresh (and its section unchanged); otherwise marks the request for capture. */
  function answer(req: IncomingMessage, res: ServerResponse, key: string, version: number | null): boolean {
    const entry = entries.get(key);
    if (entry && entry.expires > now() && entry.version === version) {
      counts.hits++;
      send(req, res, entry);
      return true;
    }
    if (entry) {
      entries.delete(key);
      if (entry.version !== version) counts.stale++;
    }
    counts.misses++;
    // The app renders it; capture() keeps the plain bytes (compression is left out for this one answer).
    (req as unknown as Record<symbol, Capture>)[CAPTURE] = { key, version };
    req.headers["accept-encoding"] = "identity";
    return false;
  }

  return {
    /**
     * The plain listener's first step: answers from memory, or calls `next` for the app to answer.
     * With shared counters the answer waits for their read; if the read fails, the app answers.
     */
    handle(req: IncomingMessage, res: ServerResponse, next: () => void) {
      if (!eligible(req)) return next();
      const key = keyOf(req);
      const versions = options.versions?.();
      if (!versions) {
        if (!answer(req, res, key, null)) next();
        return;
      }
      const section = sectionOf(req.url!.split("?", 1)[0]);
      currentVersions(versions).then(
        (current) => {
          if (!answer(req, res, key, current[section ?? ""] ?? null)) next();
        },
        () => next(),
      );
    },

    /** Express middleware (after compression, before Remix): holds a cacheable answer back until it is whole, then keeps and sends it. */
    capture(req: Request, res: Response, next: NextFunction) {
      const key = (req as unknown as Record<symbol, Capture | undefined>)[CAPTURE];
      if (!key) return next();
      const chunks: Buffer[] = [];
      const write = res.write.bind(res);
      const end = res.end.bind(res);
      res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
        if (chunk !== undefined && chunk !== null)
          chunks.push(
            Buffer.isBuffer(chunk)
              ? chunk
              : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"),
          );
        const cb = [encoding, callback].find((a) => typeof a === "function") as (() => void) | undefined;
        if (cb) process.nextTick(cb);
        return true;
      }) as Response["write"];
      res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
        if (chunk !== undefined && chunk !== null && typeof chunk !== "function") {
          chunks.push(
            Buffer.isBuffer(chunk)
              ? chunk
              : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"),
          );
        }
        res.write = write;
        res.end = end;
        const body = Buffer.concat(chunks);
        const entry = keep(key, req.originalUrl.split("?", 1)[0], res, body);
        if (entry) {
          for (const name of Object.keys(res.getHeaders())) res.removeHeader(name);
          send(req, res, entry);
          return res;
        }
        const cb = [chunk, encoding, callback].find((a) => typeof a === "function") as (() => void) | undefined;
        return end(body, cb);
      }) as Response["end"];
      next();
    },

    /** Drops every entry at or under these paths (a write changed them). */
    invalidate(prefixes: string[]) {
      for (const [key, entry] of entries) {
        if (under(entry.path, prefixes)) entries.delete(key);
      }
    },

    stats: () => ({ ...counts, entries: entries.size }),
  };
}

/** The cache this process serves from, reachable by publicPagesChanged() in the Remix build. */
export function installPublicCache(cache: PublicCache) {
  (globalThis as Record<string, unknown>)[PUBLIC_CACHE_GLOBAL] = { invalidate: (prefixes: string[]) => cache.invalidate(prefixes) };
}
