import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { QueryTypes } from "sequelize";
import { getSequelize, inTransaction } from "~/.server/db/connection";
import { publicPageVersions, publicPagesChangeOnCommit } from "~/.server/public-pages";
import type { PublicPageVersions } from "~/.server/public-sections";
import { createPublicCache, installPublicCache, type PublicCache } from "../../server/public-cache";
import { createMigratedDatabase, type TestDatabase } from "../support/db";

/**
 * Issue 24: two instances behind nginx, each with its own page cache, over one database. A change
 * committed through one is seen through the other at once — the section's counter is raised in the
 * change's transaction and every answer from memory is checked against it — never a page older
 * than the last commit (before: up to PUBLIC_CACHE_SECONDS). A rolled-back change raises nothing.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await createMigratedDatabase();
  await getSequelize().query("CREATE TABLE room_titles (id INTEGER PRIMARY KEY, title VARCHAR(40) NOT NULL)");
  await getSequelize().query("INSERT INTO room_titles (id, title) VALUES (1, '老张调解室')");
});
afterAll(async () => {
  await Promise.all(instances.map((i) => new Promise((resolve) => i.server.close(resolve))));
  await db.drop();
});

type Instance = { cache: PublicCache; server: http.Server; origin: string; renders: number };
const instances: Instance[] = [];

/** One app instance: its own cache, a page rendered from the database. */
async function instance(versions: PublicPageVersions = publicPageVersions): Promise<Instance> {
  const cache = createPublicCache({
    prefixes: ["/rooms", "/verify"],
    ttlMs: 60_000,
    maxEntries: 100,
    maxBytes: 64 * 1024,
    defaultCacheControl: "public, max-age=60",
    versions: () => versions,
  });
  const self = { cache } as Instance;
  self.renders = 0;
  const app = express();
  app.use(cache.capture);
  app.get("/rooms/:id", async (req, res) => {
    self.renders++;
    const [row] = (await getSequelize().query("SELECT title FROM room_titles WHERE id = ?", {
      replacements: [Number(req.params.id)],
      type: QueryTypes.SELECT,
    })) as { title: string }[];
    res.type("html").send(`<!DOCTYPE html><h1>${row?.title ?? "无"}</h1>`);
  });
  self.server = http.createServer((req, res) => cache.handle(req, res, () => app(req, res)));
  await new Promise<void>((resolve) => self.server.listen(0, "127.0.0.1", resolve));
  self.origin = `http://127.0.0.1:${(self.server.address() as AddressInfo).port}`;
  instances.push(self);
  return self;
}

const page = async (i: Instance, path = "/rooms/1") => (await fetch(`${i.origin}${path}`)).text();

async function rename(title: string, fail = false) {
  await inTransaction(async (transaction) => {
    await getSequelize().query("UPDATE room_titles SET title = ? WHERE id = 1", { replacements: [title], transaction });
    await publicPagesChangeOnCommit(transaction, "/rooms/1");
    if (fail) throw new Error("rolled back");
  });
}

test("a change committed through one instance is served by the other at once; a rolled-back one changes nothing", async () => {
  const a = await instance();
  const b = await instance();
  installPublicCache(a.cache); // only instance a hears of changes in memory, as in its own process
  expect(await page(a)).toContain("老张调解室");
  expect(await page(b)).toContain("老张调解室");
  expect(await page(b)).toContain("老张调解室");
  expect(b.renders).toBe(1); // the second from memory

  const before = (await publicPageVersions.read())["/rooms"];
  await rename("老张金牌调解室");
  expect((await publicPageVersions.read())["/rooms"]).toBe(before + 1);
  expect(await page(b)).toContain("老张金牌调解室");
  expect(await page(a)).toContain("老张金牌调解室");
  expect(b.renders).toBe(2);
  expect(b.cache.stats().stale).toBe(1);

  await expect(rename("不该出现", true)).rejects.toThrow("rolled back");
  expect((await publicPageVersions.read())["/rooms"]).toBe(before + 1);
  expect(await page(b)).toContain("老张金牌调解室");
  expect(b.renders).toBe(2); // still from memory: nothing committed
  // Another section's counter is untouched.
  expect((await publicPageVersions.read())["/verify"]).toBe(0);
});

test("requests arriving while the counters are being read share the next read", async () => {
  // A database that takes 30 ms to answer, so that requests pile up behind a read.
  let reads = 0;
  const slow: PublicPageVersions = {
    read: async () => {
      reads++;
      await new Promise((r) => setTimeout(r, 30));
      return publicPageVersions.read();
    },
  };
  const c = await instance(slow);
  await page(c);
  reads = 0;
  const answers = await Promise.all(Array.from({ length: 40 }, () => page(c)));
  expect(answers.every((t) => t.includes("老张金牌调解室"))).toBe(true);
  expect(c.renders).toBe(1);
  expect(reads).toBeGreaterThan(0);
  expect(reads).toBeLessThanOrEqual(10);
});

test("one change touching several paths of a section raises its counter once", async () => {
  const before = await publicPageVersions.read();
  await inTransaction(async (transaction) => {
    await publicPagesChangeOnCommit(transaction, "/verify/ABC");
    await publicPagesChangeOnCommit(transaction, "/verify", "/rooms");
  });
  const after = await publicPageVersions.read();
  expect(after["/verify"]).toBe(before["/verify"] + 1);
  expect(after["/rooms"]).toBe(before["/rooms"] + 1);
  expect(after["/experts"]).toBe(before["/experts"]);
});
