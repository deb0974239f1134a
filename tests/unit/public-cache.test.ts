import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import compression from "compression";
import express from "express";
import { publicPagesChanged } from "~/.server/public-pages";
import { createPublicCache, installPublicCache } from "../../server/public-cache";

/**
 * The public page cache in front of a small Express app that stands for Remix: what it keeps,
 * what it never keeps, what it answers from memory, 304s, gzip, and dropping entries on a change.
 */
let clock = 1_000_000;
let renders = 0;
let version = 1;
const page = (title: string) =>
  `<!DOCTYPE html><html><body><h1>${title}</h1>${"<p>张某调解室，专业调解邻里纠纷。</p>".repeat(60)}</body></html>`;

const cache = createPublicCache({
  prefixes: ["/rooms", "/verify"],
  ttlMs: 10_000,
  maxEntries: 3,
  maxBytes: 64 * 1024,
  defaultCacheControl: "public, max-age=60",
  now: () => clock,
});
installPublicCache(cache);

const app = express();
app.use(compression());
app.use((_req, res, next) => {
  res.setHeader("Content-Security-Policy", "default-src 'self'");
  next();
});
app.use(cache.capture);
app.get("/rooms/private", (_req, res) => {
  renders++;
  res.set("Cache-Control", "private, no-store").type("html").send(page("private"));
});
app.get("/rooms/cookie", (_req, res) => {
  renders++;
  res.cookie("lng", "en").type("html").send(page("cookie"));
});
app.get("/rooms/missing", (_req, res) => {
  renders++;
  res.status(404).type("html").send(page("not found"));
});
app.get("/rooms/big", (_req, res) => {
  renders++;
  res.type("html").send("<p>x</p>".repeat(20_000));
});
app.get(/^\/(rooms|verify|other).*/, (req, res) => {
  renders++;
  // Streamed in pieces, as Remix writes a document.
  res.type("html");
  res.write(`<!-- ${req.path} v${version} -->`);
  res.end(page(`${req.path} ${req.headers.cookie ?? ""}`));
});

const server = http.createServer((req, res) => cache.handle(req, res, () => app(req, res)));
let origin = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };
function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${origin}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function twice(path: string, headers: Record<string, string> = {}) {
  const before = renders;
  const first = await get(path, headers);
  const second = await get(path, headers);
  return { first, second, renders: renders - before };
}

test("a public page is rendered once and then answered from memory, same bytes, same headers, with an ETag", async () => {
  const { first, second, renders: n } = await twice("/rooms/heyiwei");
  expect(n).toBe(1);
  expect(first.status).toBe(200);
  expect(second.body.equals(first.body)).toBe(true);
  expect(second.body.toString()).toContain("<h1>/rooms/heyiwei </h1>");
  expect(first.headers.etag).toMatch(/^"[\w-]{27}"$/);
  expect(second.headers.etag).toBe(first.headers.etag);
  expect(second.headers["content-security-policy"]).toBe("default-src 'self'");
  expect(second.headers["cache-control"]).toBe("public, max-age=60");
  expect(second.headers.vary).toBe("Cookie, Accept-Encoding");
  expect(second.headers["content-length"]).toBe(String(first.body.length));
});

test("gzip for a browser that accepts it, plain bytes otherwise; HEAD has no body", async () => {
  await get("/rooms/gzip");
  const zipped = await get("/rooms/gzip", { "Accept-Encoding": "gzip, deflate, br" });
  expect(zipped.headers["content-encoding"]).toBe("gzip");
  const plain = await get("/rooms/gzip");
  expect(zlib.gunzipSync(zipped.body).equals(plain.body)).toBe(true);
  const head = await get("/rooms/gzip", {}, "HEAD");
  expect(head.status).toBe(200);
  expect(head.body.length).toBe(0);
  expect(head.headers.etag).toBe(plain.headers.etag);
});

test("If-None-Match with the current ETag gets 304 and no body", async () => {
  const { first } = await twice("/verify/ABCDE12345");
  const again = await get("/verify/ABCDE12345", { "If-None-Match": first.headers.etag! });
  expect(again.status).toBe(304);
  expect(again.body.length).toBe(0);
  expect((await get("/verify/ABCDE12345", { "If-None-Match": '"old"' })).status).toBe(200);
});

test("a signed-in visitor, another method, another path always reach the app", async () => {
  expect((await twice("/rooms/a", { Cookie: "academy_session=abc" })).renders).toBe(2);
  expect((await twice("/other/page")).renders).toBe(2);
  expect((await twice("/roomsx")).renders).toBe(2);
});

test("private, cookie-setting, non-200 and oversized answers are never kept", async () => {
  for (const path of ["/rooms/private", "/rooms/cookie", "/rooms/missing", "/rooms/big"]) {
    const { first, renders: n } = await twice(path);
    expect([path, n]).toEqual([path, 2]);
    expect(first.headers.etag ?? "").not.toMatch(/^"[\w-]{27}"$/); // Express may add its own weak one; ours is never there
  }
});

test("each language cookie has its own entry", async () => {
  const zh = await twice("/rooms/lang", { Cookie: "lng=zh-CN" });
  const en = await twice("/rooms/lang", { Cookie: "lng=en" });
  expect(zh.renders + en.renders).toBe(2);
  expect(en.second.body.toString()).toContain("lng=en");
  expect(zh.second.body.toString()).toContain("lng=zh-CN");
});

test("publicPagesChanged drops the entries under a path at once; others expire after the TTL", async () => {
  await twice("/rooms/change");
  await twice("/verify/KEEP000001");
  version = 2;
  publicPagesChanged("/rooms");
  const after = await twice("/rooms/change");
  expect(after.renders).toBe(1);
  expect(after.first.body.toString()).toContain("v2");
  expect(after.first.headers.etag).not.toBe(undefined);
  const kept = await get("/verify/KEEP000001");
  expect(kept.body.toString()).toContain("v1");
  clock += 10_001;
  const expired = await get("/verify/KEEP000001");
  expect(expired.body.toString()).toContain("v2");
  expect(expired.headers.etag).not.toBe(kept.headers.etag);
});

test("at most maxEntries pages are held, the oldest goes first", async () => {
  for (const slug of ["r1", "r2", "r3", "r4"]) await get(`/rooms/${slug}`);
  expect(cache.stats().entries).toBeLessThanOrEqual(3);
  expect((await twice("/rooms/r1")).renders).toBe(1);
});
