/**
 * `npm run bench`: one table of the pages users open most, each next to the machine's limit
 * measured in the same run (issue 24). Starts the built server (`scripts/start.ts`) on a
 * throw-away database — SQLite unless DATABASE_URL names a MySQL/MariaDB one — with the demo
 * seed, and for every row runs autocannon at 50 connections for three rounds, each round first
 * a bare `node:http` server answering the very bytes the page answered (same Content-Type and
 * length), then the page. Also three rounds of a bare `node:http` server that runs one
 * primary-key SELECT per request on the same database. Prints every run, then the medians:
 * req/s, p99, the page's CPU per request (the server process's user + system time from /proc over
 * the run ÷ requests), the ratio to the bare server, the ratio to the PK SELECT server, and the
 * cost relative to the lesson page (target: lesson ratio ≥ 0.03, every other page ≤ 2× the lesson's cost).
 * Needs `npm run build` first.
 *   npm run bench                 (BENCH_SECONDS=10 per run; BENCH_ROWS=lesson,courses… to pick)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { line, load, median, serveBare, serveBytes, signIn, type Result } from "../lib/bench";
import { startBuiltServer } from "../lib/bench-server";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = 3;
const picked = process.env.BENCH_ROWS?.split(",").map((s) => s.trim());
const LESSON = "/courses/traffic/liability-and-principles";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-bench-"));
const env: NodeJS.ProcessEnv = { ...process.env };
if (!process.env.DATABASE_URL) env.DATABASE_URL = `sqlite:${path.join(dir, "bench.sqlite")}`;
const dialect = env.DATABASE_URL?.startsWith("mysql") ? "MySQL/MariaDB" : "SQLite";
const server = await startBuiltServer(env);
process.env.DATABASE_URL = env.DATABASE_URL;
const { getSequelize, closeSequelize } = await import("../../app/.server/db/connection");
const models = await import("../../app/.server/db/models");
const { verifyPath } = await import("../../app/lib/certificate");

/** CPU seconds (user + system) the server process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

type Row = { name: string; path: string; cookie?: string; who: string };
async function rows(): Promise<Row[]> {
  const [certificate, room] = await Promise.all([
    models.Certificate.findOne({ where: { status: "valid" }, order: [["id", "ASC"]] }),
    models.MediationRoom.findOne({ where: { status: "named" }, order: [["id", "ASC"]] }),
  ]);
  const mediator = await signIn(server.origin, "demo_mediator");
  const county = await signIn(server.origin, "demo_county");
  const list: Row[] = [
    { name: "lesson", path: LESSON, cookie: mediator, who: "demo_mediator" },
    { name: "courses", path: "/courses", cookie: mediator, who: "demo_mediator" },
    { name: "mediator workspace", path: "/", cookie: mediator, who: "demo_mediator" },
    { name: "admin workspace", path: "/", cookie: county, who: "demo_county" },
  ];
  if (certificate) list.push({ name: "verify", path: verifyPath(certificate.code), who: "anonymous" });
  if (room?.slug) list.push({ name: "room page", path: `/rooms/${room.slug}`, who: "anonymous" });
  return picked ? list.filter((r) => picked.includes(r.name)) : list;
}

type Measured = { rate: number; p99: number; cpuMs: number; bare: number };
const measured = new Map<string, Measured & { bytes: number }>();

async function measure(row: Row): Promise<void> {
  const url = `${server.origin}${row.path}`;
  const headers: Record<string, string> = row.cookie ? { Cookie: row.cookie } : {};
  const first = await fetch(url, { headers, redirect: "manual" });
  if (first.status !== 200) throw new Error(`${row.name} (${row.path}) answered ${first.status}`);
  const body = Buffer.from(await first.arrayBuffer());
  const bare = await serveBytes(body, first.headers.get("content-type") ?? "text/html; charset=utf-8");
  const runs: { page: Result; bare: Result; cpuMs: number }[] = [];
  console.log(`\n${row.name}: GET ${row.path} as ${row.who} (${body.length} bytes)`);
  for (let round = 1; round <= ROUNDS; round++) {
    const b = await load(`${bare.origin}${row.path}`, seconds);
    const cpuBefore = cpuSeconds(server.pid);
    const p = await load(url, seconds, headers);
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    const requests = p.requests.average * seconds;
    runs.push({ page: p, bare: b, cpuMs: (cpu * 1000) / Math.max(1, requests) });
    console.log(line(`round ${round} bare node:http`, b));
    console.log(`${line(`round ${round} ${row.name}`, p)}   cpu ${runs[round - 1].cpuMs.toFixed(2)} ms/req`);
  }
  await bare.close();
  measured.set(row.name, {
    bytes: body.length,
    rate: median(runs.map((r) => r.page.requests.average)),
    p99: median(runs.map((r) => r.page.latency.p99)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    bare: median(runs.map((r) => r.bare.requests.average)),
  });
}

/** The database's limit for this machine: one primary-key SELECT per request, answered by bare node:http. */
async function measurePkSelect(): Promise<number> {
  const sequelize = getSequelize();
  const [unit] = (await sequelize.query("SELECT id FROM org_units ORDER BY id LIMIT 1", { type: "SELECT" })) as { id: number }[];
  const pk = await serveBare(async (res) => {
    const found = await sequelize.query("SELECT id, name, path FROM org_units WHERE id = ?", { replacements: [unit.id], type: "SELECT" });
    const body = JSON.stringify(found[0]);
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  });
  console.log("\nprimary-key SELECT per request (bare node:http, this process's pool)");
  const rates: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const r = await load(`${pk.origin}/`, seconds);
    rates.push(r.requests.average);
    console.log(line(`round ${round} PK SELECT`, r));
  }
  await pk.close();
  return median(rates);
}

try {
  console.log(
    `${os.cpus().length} cores shared with the load generator; 50 connections, ${seconds} s per run, ${ROUNDS} rounds; ${dialect}`,
  );
  const list = await rows();
  for (const row of list) await measure(row);
  const pkRate = await measurePkSelect();
  const lesson = measured.get("lesson");
  console.log(`\nmedians of ${ROUNDS} rounds (PK SELECT: ${pkRate.toFixed(0)} req/s):`);
  const head = ["row", "bytes", "req/s", "p99 ms", "cpu ms/req", "bare req/s", "÷ bare", "÷ PK SELECT", "cost ÷ lesson"];
  const table = [head];
  for (const row of list) {
    const m = measured.get(row.name)!;
    table.push([
      row.name,
      String(m.bytes),
      m.rate.toFixed(0),
      String(m.p99),
      m.cpuMs.toFixed(2),
      m.bare.toFixed(0),
      (m.rate / m.bare).toFixed(3),
      (m.rate / pkRate).toFixed(2),
      lesson ? (lesson.rate / m.rate).toFixed(2) : "–",
    ]);
  }
  const widths = head.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  for (const r of table) console.log(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  "));
} finally {
  await closeSequelize();
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
