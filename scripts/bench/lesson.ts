/**
 * Lesson page throughput against the built server: starts `scripts/start.ts` on a throw-away
 * database (SQLite unless DATABASE_URL says otherwise), signs in as demo_mediator, then runs
 * autocannon at 50 connections against /healthz and a signed-in lesson page and prints
 * requests/s, p99 latency and the lesson/healthz ratio. Needs `npm run build` first.
 *   npx tsx scripts/bench/lesson.ts      (BENCH_SECONDS=10 by default)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
// @ts-expect-error autocannon ships no types
import autocannon from "autocannon";
import { startBuiltServer } from "../lib/bench-server";

type Result = { requests: { average: number }; latency: { p99: number }; errors: number; non2xx: number };

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const LESSON = "/courses/traffic/liability-and-principles";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-bench-"));
const env: NodeJS.ProcessEnv = { ...process.env };
if (!process.env.DATABASE_URL) env.DATABASE_URL = `sqlite:${path.join(dir, "bench.sqlite")}`;
const server = await startBuiltServer(env);
const base = server.origin;

try {
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
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
