/**
 * Throughput of the public pages a signed-out visitor opens — `/verify/<code>`, a round's
 * announcement, `/rooms`, a room's page, `/experts` — each next to a bare `node:http` server that
 * answers the same bytes (same body, same Content-Type), measured side by side in one run.
 * Starts `scripts/start.ts` on a throw-away database (SQLite unless DATABASE_URL says otherwise;
 * the demo seed gives it certificates, rounds, rooms and experts), then for each page runs
 * autocannon at 50 connections for three rounds, each round the bare server then the page, and
 * prints requests/s and p99 of every run, the medians and the ratio page ÷ bare (target ≥ 0.5).
 * A page the build does not have yet (404) is reported and skipped. Needs `npm run build` first.
 *   npx tsx scripts/bench/public-pages.ts      (BENCH_SECONDS=10, BENCH_PAGES=verify,rooms… to pick)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { line, load, median, serveBytes } from "../lib/bench";
import { startBuiltServer } from "../lib/bench-server";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = 3;
const picked = process.env.BENCH_PAGES?.split(",").map((s) => s.trim());

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-bench-"));
const env: NodeJS.ProcessEnv = { ...process.env };
if (!process.env.DATABASE_URL) env.DATABASE_URL = `sqlite:${path.join(dir, "bench.sqlite")}`;
const server = await startBuiltServer(env);

/** The pages to measure, found in the seeded database. */
async function pages(): Promise<{ name: string; path: string }[]> {
  process.env.DATABASE_URL = env.DATABASE_URL;
  const models = (await import("../../app/.server/db/models")) as Record<string, unknown>;
  const { closeSequelize } = await import("../../app/.server/db/connection");
  const { verifyPath } = await import("../../app/lib/certificate");
  type Finder = { findOne(options: object): Promise<Record<string, unknown> | null> };
  const first = (model: string, where: object = {}) =>
    models[model] ? (models[model] as Finder).findOne({ where, order: [["id", "ASC"]] }) : Promise.resolve(null);
  const [certificate, round, room] = await Promise.all([
    first("Certificate", { status: "valid" }),
    first("EvaluationRound", { state: ["announcing", "final"] }),
    first("MediationRoom", { status: "named" }),
  ]);
  await closeSequelize();
  const list = [
    certificate && { name: "verify", path: verifyPath(String(certificate.code)) },
    round && { name: "announcement", path: `/announcements/${String(round.id)}` },
    { name: "rooms", path: "/rooms" },
    room && { name: "room", path: `/rooms/${String(room.slug)}` },
    { name: "experts", path: "/experts" },
  ].filter((p): p is { name: string; path: string } => Boolean(p));
  return picked ? list.filter((p) => picked.includes(p.name)) : list;
}

const run = (url: string) => load(url, seconds);

const summary: string[] = [];
try {
  console.log(
    `50 connections, ${seconds} s per run, ${ROUNDS} rounds, ${env.DATABASE_URL?.startsWith("mysql") ? "MySQL/MariaDB" : "SQLite"}, signed out`,
  );
  for (const page of await pages()) {
    const url = `${server.origin}${page.path}`;
    const first = await fetch(url);
    if (first.status !== 200) {
      console.log(`${page.path}: ${first.status}, skipped`);
      continue;
    }
    const body = Buffer.from(await first.arrayBuffer());
    const contentType = first.headers.get("content-type") ?? "text/html; charset=utf-8";
    const bare = await serveBytes(body, contentType);
    const bareUrl = `${bare.origin}${page.path}`;
    const bareRates: number[] = [];
    const pageRates: number[] = [];
    console.log(`\n${page.path} (${body.length} bytes)`);
    for (let round = 1; round <= ROUNDS; round++) {
      const b = await run(bareUrl);
      const p = await run(url);
      bareRates.push(b.requests.average);
      pageRates.push(p.requests.average);
      console.log(line(`round ${round} bare node:http`, b));
      console.log(line(`round ${round} ${page.name}`, p));
    }
    await bare.close();
    const ratio = median(pageRates) / median(bareRates);
    summary.push(
      `${page.name.padEnd(14)} ${median(pageRates).toFixed(0).padStart(7)} req/s   bare ${median(bareRates).toFixed(0).padStart(7)} req/s   ratio ${ratio.toFixed(2)} (target ≥ 0.50)`,
    );
  }
  console.log(`\nmedians of ${ROUNDS} rounds, page ÷ bare node:http:`);
  for (const s of summary) console.log(s);
} finally {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
