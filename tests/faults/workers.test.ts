/**
 * WEB_CONCURRENCY=2 against the built server (scripts/start.ts, node:cluster) on a MariaDB server
 * of this suite's own: both workers answer on the one port, a worker killed with SIGKILL is
 * replaced while the other keeps serving, and SIGTERM to the primary drains every worker and
 * exits 0. Run: npm run test:faults.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createPrivateMariaDb, freePortFrom, mariadbAvailable, type PrivateMariaDb } from "./support/mariadb";
import { startBuiltServer, type BuiltServer } from "./support/server";

const suite = mariadbAvailable() || process.env.CI ? describe : describe.skip;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** GET /healthz on a new connection each time (a kept-alive one to a killed worker is reset). */
const health = (origin: string) =>
  new Promise<number>((resolve, reject) =>
    http
      .get(`${origin}/healthz`, { agent: false, timeout: 10_000 }, (res) => (res.resume(), resolve(res.statusCode ?? 0)))
      .on("timeout", function (this: http.ClientRequest) {
        this.destroy(new Error("no answer within 10 s"));
      })
      .on("error", reject),
  );

/** The pids of the workers serving now, from the primary's log ("Worker 2 (pid 123) is serving"). */
function servingWorkers(log: string): number[] {
  const bySlot = new Map<string, number>();
  for (const [, slot, pid] of log.matchAll(/Worker (\d+) \(pid (\d+)\) is serving/g)) bySlot.set(slot, Number(pid));
  return [...bySlot.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, pid]) => pid);
}

suite("several server processes (WEB_CONCURRENCY=2)", () => {
  let dir: string;
  let mariadb: PrivateMariaDb;
  let server: BuiltServer | undefined;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-workers-"));
    mariadb = await createPrivateMariaDb(path.join(dir, "mariadb"), await freePortFrom(3447));
    await mariadb.start();
    server = await startBuiltServer(
      { DATABASE_URL: mariadb.url("academy_workers"), WEB_CONCURRENCY: "2", SEED_DEMO: "false", UPLOAD_DIR: path.join(dir, "uploads") },
      path.join(dir, "server.log"),
    );
  });

  afterAll(async () => {
    await server?.stop();
    await mariadb?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("replaces a worker that dies, serves throughout, and drains all of them on SIGTERM", async () => {
    const live = server!;
    const log = () => fs.readFileSync(live.log, "utf8");
    // /healthz answers as soon as one worker listens; the second may still be starting.
    const started = Date.now() + 30_000;
    while (servingWorkers(log()).length < 2 && Date.now() < started) await pause(100);
    const workers = servingWorkers(log());
    expect(workers).toHaveLength(2);

    process.kill(workers[0], "SIGKILL");
    const deadline = Date.now() + 60_000;
    while (!/died \(SIGKILL\)/.test(log()) && Date.now() < deadline) await pause(100);
    // The other worker keeps answering while the first is replaced.
    for (let i = 0; i < 5; i++) expect(await health(live.origin)).toBe(200);
    while (!/Worker 1 \(pid \d+\) is serving again/.test(log()) && Date.now() < deadline) await pause(250);
    expect(log()).toMatch(new RegExp(`Worker 1 \\(pid ${workers[0]}\\) died \\(SIGKILL\\); starting another`));
    const now = servingWorkers(log());
    expect(now).toHaveLength(2);
    expect(now).toContain(workers[1]);
    expect(now).not.toContain(workers[0]);
    for (let i = 0; i < 6; i++) expect(await health(live.origin)).toBe(200);

    live.child.kill("SIGTERM");
    const exit = await live.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(log()).toMatch(/Worker 1 stopped after \d+ ms/);
    expect(log()).toMatch(/Worker 2 stopped after \d+ ms/);
    expect(log()).toContain("All 2 server processes stopped.");
    for (const pid of now) expect(() => process.kill(pid, 0)).toThrow();
  }, 240_000);
});
