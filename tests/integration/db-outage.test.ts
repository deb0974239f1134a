/**
 * A database outage answers a translated 503 with Retry-After, through Remix's own request
 * handler (the real entry.server, root and home route), and the app recovers by itself when the
 * database is back.
 */
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import * as entry from "~/entry.server";
import * as root from "~/root";
import * as home from "~/routes/_index";
import * as rosterCsv from "~/routes/roster.export[.]csv";
import type { AddressInfo } from "node:net";
import express from "express";
import { remixHandler } from "../../server/remix-handler";
import { sessionCookie } from "~/.server/web/session";
import { closeSequelize, getSequelize } from "~/.server/db/connection";
import { isDatabaseOutage } from "~/.server/db/outage";
import { localeCookie } from "~/.server/i18n";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { BASE, seedWithPersonas } from "../support/personas";

jest.mock("~/tailwind.css", () => ({}));

const route = (id: string, parentId: string | undefined, path: string | undefined, index: boolean | undefined, module: object) => ({
  manifest: {
    id,
    parentId,
    path,
    index,
    module: `/${id}.js`,
    hasLoader: true,
    hasAction: false,
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: id === "root",
    imports: [],
    css: id === "root" ? ["/assets/root-abc.css"] : [],
  },
  server: { id, parentId, path, index, caseSensitive: undefined, module },
});
const routes = [
  route("root", undefined, "", undefined, root),
  route("routes/_index", "root", undefined, true, home),
  route("routes/roster.export[.]csv", "root", "roster/export.csv", undefined, rosterCsv),
];

const build = {
  mode: "production",
  entry: { module: entry },
  routes: Object.fromEntries(routes.map((r) => [r.server.id, r.server])),
  assets: {
    entry: { module: "/entry.client.js", imports: [] },
    url: "/manifest.js",
    version: "test",
    routes: Object.fromEntries(routes.map((r) => [r.manifest.id, r.manifest])),
  },
  publicPath: "/",
  assetsBuildDirectory: "build/client",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: false,
  },
  isSpaMode: false,
} as unknown as ServerBuild;

const handle = createRequestHandler(build, "production");
const get = (path: string, cookie = "") =>
  handle(new Request(`${BASE}${path}`, { headers: cookie ? { Cookie: cookie } : {} }), { cspNonce: "test" });

let db: TestDatabase;
let goodUrl: string;
let errorLog: jest.SpyInstance;

beforeAll(async () => {
  db = await createMigratedDatabase();
  await seedWithPersonas();
  goodUrl = process.env.DATABASE_URL!;
  errorLog = jest.spyOn(console, "error").mockImplementation(() => undefined);
});
afterAll(async () => {
  errorLog.mockRestore();
  process.env.DATABASE_URL = goodUrl;
  await db.drop();
});

async function withUnreachableDatabase<T>(work: () => Promise<T>): Promise<T> {
  await closeSequelize();
  // Nothing listens on port 1: the connection is refused at once.
  process.env.DATABASE_URL = "mysql://root@127.0.0.1:1/academy";
  getSequelize(); // binds the models to the unreachable server
  try {
    return await work();
  } finally {
    await closeSequelize();
    process.env.DATABASE_URL = goodUrl;
    getSequelize();
  }
}

describe("during a database outage", () => {
  it("the home page renders normally while the database is up", async () => {
    const response = await get("/");
    expect(response.status).toBe(200);
  });

  it("a page answers 503 with Retry-After and the translated message, in Chinese by default", async () => {
    const response = await withUnreachableDatabase(() => get("/"));
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain("服务暂时不可用，请稍后重试");
    expect(html).toContain("错误代码 503");
    expect(html).not.toContain("出错了");
    expect(html).toContain('href="/assets/root-abc.css"');
    expect(html).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|<script/);
  });

  it("in English for a visitor who chose English", async () => {
    const english = (await localeCookie.serialize("en")).split(";")[0];
    const response = await withUnreachableDatabase(() => get("/", english));
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("Service temporarily unavailable");
  });

  it("a client-side navigation's data request reloads the document (which then shows the 503 page)", async () => {
    const response = await withUnreachableDatabase(() => get("/_root.data"));
    expect(response.headers.get("Retry-After")).toBeTruthy();
    // Remix encodes the redirect for single fetch: status 202, the target and "reload".
    expect(response.status).toBe(202);
    const body = await response.text();
    expect(body).toContain('"/"');
    expect(body).toContain("reload");
  });

  it("recovers by itself once the database is back: the next request is served normally", async () => {
    expect((await withUnreachableDatabase(() => get("/"))).status).toBe(503);
    expect((await get("/")).status).toBe(200);
  });

  it("a query error that is not an outage stays a 500", () => {
    expect(
      isDatabaseOutage(Object.assign(new Error("syntax"), { name: "SequelizeDatabaseError", parent: { code: "ER_PARSE_ERROR" } })),
    ).toBe(false);
    expect(
      isDatabaseOutage(Object.assign(new Error("lost"), { name: "SequelizeDatabaseError", parent: { code: "PROTOCOL_CONNECTION_LOST" } })),
    ).toBe(true);
    expect(isDatabaseOutage(Object.assign(new Error("refused"), { name: "SequelizeConnectionRefusedError" }))).toBe(true);
  });

  it("a download (a resource route) answers 503 with Retry-After through the server, not 500", async () => {
    const app = express();
    app.use((_req, res, next) => ((res.locals.cspNonce = "n"), next()));
    app.all("*", remixHandler(build, "production"));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const cookie = (await sessionCookie.serialize("t".repeat(43))).split(";")[0];
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/roster/export.csv`;
      const response = await withUnreachableDatabase(() => fetch(url, { headers: { Cookie: cookie } }));
      expect(response.status).toBe(503);
      expect(response.headers.get("Retry-After")).toBe("30");
      expect(await response.text()).toContain("服务暂时不可用，请稍后重试");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
