/**
 * server/shutdown.ts on a real HTTP server: a request in flight when shutdown starts finishes, a
 * new connection is refused, a request on a kept-alive connection gets 503 "restarting", a request
 * that outlives the bound is cut and the pool is closed anyway. (The fault suite, tests/faults,
 * does the same to the built server under load.)
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";

type Shutdown = typeof import("../../server/shutdown");

async function serve(slowMs: number) {
  jest.resetModules();
  const shutdown = (await import("../../server/shutdown")) as Shutdown;
  const app = express();
  app.use(shutdown.refuseWhileDraining);
  app.get("/slow", (_req, res) => void setTimeout(() => res.send("done"), slowMs));
  app.get("/fast", (_req, res) => void res.send("fast"));
  app.get("/hang", () => undefined);
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const port = (server.address() as AddressInfo).port;
  return { shutdown, server, port };
}

/** One GET on the given agent; the status and body, or the socket error's code. */
function get(port: number, path: string, agent: http.Agent) {
  return new Promise<{ status?: number; body?: string; error?: string }>((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path, agent }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode, body }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
  });
}

describe("graceful shutdown", () => {
  it("finishes the request in flight, refuses new connections, then closes the pool", async () => {
    const { shutdown, server, port } = await serve(400);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const closed: string[] = [];
    const inFlight = get(port, "/slow", new http.Agent());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopping = shutdown.shutDownGracefully(server, { timeoutMs: 5_000, close: async () => void closed.push("pool") });
    expect(shutdown.isDraining()).toBe(true);
    expect(await get(port, "/fast", agent)).toEqual({ error: "ECONNREFUSED" });
    expect(closed).toEqual([]);
    expect(await inFlight).toEqual({ status: 200, body: "done" });
    const result = await stopping;
    expect(result.forced).toBe(false);
    expect(closed).toEqual(["pool"]);
    agent.destroy();
  });

  it("answers a request on a kept-alive connection with 503 and Connection: close while draining", async () => {
    const { shutdown, server, port } = await serve(300);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await get(port, "/fast", agent)).status).toBe(200);
    // The kept-alive socket is busy with a slow request when shutdown starts; the next request queues on it.
    const slow = get(port, "/slow", agent);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopping = shutdown.shutDownGracefully(server, { timeoutMs: 5_000, close: async () => undefined });
    const queued = get(port, "/fast", agent);
    expect(await slow).toEqual({ status: 200, body: "done" });
    const refused = await queued;
    // Either the 503 on the same socket, or the socket was closed first and a new connection refused.
    if (refused.status) {
      expect(refused.status).toBe(503);
      expect(refused.body).toContain("服务正在重启，请稍后重试");
    } else expect(refused.error).toMatch(/ECONNREFUSED|ECONNRESET/);
    await stopping;
    agent.destroy();
  });

  it("cuts a request that outlives the bound, and still closes the pool", async () => {
    const { shutdown, server, port } = await serve(0);
    const closed: string[] = [];
    const hanging = get(port, "/hang", new http.Agent());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    const result = await shutdown.shutDownGracefully(server, { timeoutMs: 300, close: async () => void closed.push("pool") });
    expect(result.forced).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await hanging).error).toBeTruthy();
    expect(closed).toEqual(["pool"]);
  });
});
