/**
 * Request-body limits at the server (server/body-limit.ts, server/remix-handler.ts): counted on
 * the bytes actually received, chunked bodies included, per route class.
 */
import http from "node:http";
import {
  BODY_CLASSES,
  EVENT_MAX_MATERIALS,
  ROSTER_IMPORT_BYTES,
  UPLOAD_FILE_BYTES,
  UPLOAD_MAX_FILES,
  bodyClassFor,
} from "../../server/body-limit";
import { buildOf, serveBuild } from "../support/remix-build";
import { MAX_FILE_BYTES, MAX_FILES } from "~/lib/training-log";
import { MAX_MATERIALS } from "~/.server/events/materials";
import { MAX_IMPORT_BYTES } from "~/.server/roster/sheet";

/** A Remix build of resource routes that read their whole body and say how much they got. */
const reads: number[] = [];
const echo = {
  action: async ({ request }: { request: Request }) => {
    const bytes = (await request.arrayBuffer()).byteLength;
    reads.push(bytes);
    return new Response(String(bytes));
  },
};
/** Like the log forms: answers from Content-Length alone when it is over the bound, without reading. */
const checksLength = {
  action: async ({ request }: { request: Request }) =>
    Number(request.headers.get("Content-Length")) > 1024 * 1024
      ? new Response("form says: too large", { status: 413 })
      : echo.action({ request }),
};
const routes = {
  root: { id: "root", path: "", module: { default: () => null } },
  login: { id: "login", parentId: "root", path: "login", module: echo },
  upload: { id: "upload", parentId: "root", path: "training/logs/new", module: echo },
  form: { id: "form", parentId: "root", path: "roster/:id/edit", module: echo },
  roster: { id: "roster", parentId: "root", path: "roster/import", module: checksLength },
};
const build = buildOf(routes);

let server: http.Server;
let port: number;
beforeAll(async () => {
  ({ server, port } = await serveBuild(build));
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => (reads.length = 0));

/** Sends `total` bytes to `path` in 64 KiB chunks, chunked unless `declared` is given. */
function send(path: string, total: number, declared?: number): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "Content-Type": "application/octet-stream", Cookie: "" };
    if (declared !== undefined) headers["Content-Length"] = String(declared);
    const req = http.request({ host: "127.0.0.1", port, path, method: "POST", headers });
    let sent = 0;
    let done = false;
    const chunk = Buffer.alloc(64 * 1024, 120);
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        done = true;
        resolve({ status: res.statusCode!, body, sent });
      });
    });
    req.on("error", (error) => (done ? undefined : reject(error)));
    const pump = () => {
      while (sent < total && !done) {
        const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

describe("request-body limits by route class", () => {
  it("match the documented maxima of the app", () => {
    expect([UPLOAD_FILE_BYTES, UPLOAD_MAX_FILES, EVENT_MAX_MATERIALS, ROSTER_IMPORT_BYTES]).toEqual([
      MAX_FILE_BYTES,
      MAX_FILES,
      MAX_MATERIALS,
      MAX_IMPORT_BYTES,
    ]);
    const limit = (path: string) => bodyClassFor("POST", path)!.bytes;
    expect(limit("/login")).toBeLessThanOrEqual(16 * 1024);
    expect(limit("/login.data")).toBe(limit("/login"));
    expect(limit("/roster/12/edit")).toBeLessThan(1024 * 1024);
    expect(limit("/training/logs/new")).toBeGreaterThan(MAX_FILES * MAX_FILE_BYTES);
    expect(limit("/events/3/materials.data")).toBeGreaterThan(MAX_MATERIALS * MAX_FILE_BYTES);
    expect(limit("/roster/import")).toBeGreaterThan(MAX_IMPORT_BYTES);
    expect(bodyClassFor("GET", "/login")).toBeNull();
    expect(BODY_CLASSES.at(-1)!.name).toBe("forms");
  });

  it("a body within its limit reaches the route whole", async () => {
    expect(await send("/login", 4 * 1024)).toMatchObject({ status: 200, body: String(4 * 1024) });
    expect(await send("/roster/1/edit", 300 * 1024)).toMatchObject({ status: 200, body: String(300 * 1024) });
  });

  it("a declared Content-Length over the limit is refused at once, unread", async () => {
    const result = await send("/login", 64 * 1024, 50 * 1024 * 1024);
    expect(result.status).toBe(413);
    expect(result.body).toContain("提交的内容太大");
    expect(result.body).toContain("最多接收 16 KB");
    expect(reads).toEqual([]);
  });

  it("a route that checks Content-Length itself still answers on its form, and the body is never read", async () => {
    const result = await send("/roster/import", 256 * 1024, 200 * 1024 * 1024);
    expect(result).toMatchObject({ status: 413, body: "form says: too large" });
    expect(reads).toEqual([]);
  });

  it("a chunked body is counted as it arrives: 50 MiB to /login is cut off near 16 KiB", async () => {
    const result = await send("/login", 50 * 1024 * 1024);
    expect(result.status).toBe(413);
    expect(reads).toEqual([]);
    // The server stopped reading: far less than the whole body went out.
    expect(result.sent).toBeLessThan(20 * 1024 * 1024);
  });

  it("a chunked body over the forms limit is refused; one over the upload limit too", async () => {
    expect((await send("/roster/1/edit", 600 * 1024)).status).toBe(413);
    expect((await send("/training/logs/new", 5 * 1024 * 1024)).status).toBe(200);
    const over = await send("/training/logs/new", MAX_FILES * MAX_FILE_BYTES + 2 * 1024 * 1024);
    expect(over.status).toBe(413);
  });

  it("a Content-Length that understates the body does not get more through", async () => {
    // Node refuses a body longer than its Content-Length; a shorter declared length is simply what is read.
    expect((await send("/login", 8 * 1024, 8 * 1024)).status).toBe(200);
  });
});
