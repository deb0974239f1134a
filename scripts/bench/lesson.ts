/**
 * Lesson page throughput against the built server: starts `scripts/start.ts` on a throw-away
 * database (SQLite unless DATABASE_URL says otherwise), signs in as demo_mediator, then runs
 * autocannon at 50 connections against /healthz and a signed-in lesson page and prints
 * requests/s, p99 latency and the lesson/healthz ratio. Needs `npm run build` first.
 *   npx tsx scripts/bench/lesson.ts      (BENCH_SECONDS=10 by default)
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
// @ts-expect-error autocannon ships no types
import autocannon from "autocannon";

type Result = { requests: { average: number }; latency: { p99: number }; errors: number; non2xx: number };

const root = path.resolve(import.meta.dirname, "../..");
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const LESSON = "/courses/traffic/liability-and-principles";

const port = await new Promise<number>((resolve) => {
  const server = net.createServer().listen(0, "127.0.0.1", () => {
    const { port } = server.address() as net.AddressInfo;
    server.close(() => resolve(port));
  });
});
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-bench-"));
const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), REQUEST_LOG: "false", NODE_ENV: "production" };
if (!process.env.DATABASE_URL) env.DATABASE_URL = `sqlite:${path.join(dir, "bench.sqlite")}`;
// BENCH_PROFILE=<dir> writes a CPU profile of the server there when it stops.
const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_PROFILE] : [];
const child = spawn(process.execPath, [...profile, "--import", "tsx", "scripts/start.ts"], { cwd: root, env, stdio: "ignore", detached: true });
const base = `http://127.0.0.1:${port}`;

try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* starting */
    }
    if (i > 240) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 250));
  }
  const login = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ username: "demo_mediator", password: process.env.DEMO_PASSWORD || "mediate-2026", redirectTo: "/" }),
    redirect: "manual",
    headers: { Origin: base },
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
  if (!cookie.startsWith("academy_session=")) throw new Error(`sign-in failed (${login.status})`);
  const check = await fetch(`${base}${LESSON}`, { headers: { Cookie: cookie } });
  if (check.status !== 200) throw new Error(`lesson answered ${check.status}`);

  const run = (url: string, headers: Record<string, string> = {}) =>
    autocannon({ url, connections: 50, duration: seconds, headers }) as Promise<Result>;
  const health = await run(`${base}/healthz`);
  const lesson = await run(`${base}${LESSON}`, { Cookie: cookie });
  const line = (name: string, r: Result) =>
    `${name.padEnd(34)} ${r.requests.average.toFixed(0).padStart(7)} req/s   p99 ${String(r.latency.p99).padStart(5)} ms   errors ${r.errors + r.non2xx}`;
  console.log(`50 connections, ${seconds} s each, ${env.DATABASE_URL?.startsWith("mysql") ? "MySQL/MariaDB" : "SQLite"}`);
  console.log(line("GET /healthz", health));
  console.log(line(`GET ${LESSON} (signed in)`, lesson));
  console.log(`lesson / healthz throughput: ${((lesson.requests.average / health.requests.average) * 100).toFixed(0)} %`);
} finally {
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(child.pid!, "SIGTERM");
  } catch {
    /* gone */
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  fs.rmSync(dir, { recursive: true, force: true });
}
