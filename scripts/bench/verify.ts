/**
 * Public certificate check throughput: /verify/<code> on the built server against a bare
 * `node:http` server that answers the same bytes (same body, same Content-Type), measured side by
 * side. Starts `scripts/start.ts` on a throw-away database (SQLite unless DATABASE_URL says
 * otherwise; the demo seed gives it certificates), takes a valid demo certificate's code, then runs
 * autocannon at 50 connections for three rounds, each round the bare server then the page, and
 * prints requests/s and p99 of every run, the medians and the ratio page ÷ bare (target ≥ 0.5).
 * Needs `npm run build` first.
 *   npx tsx scripts/bench/verify.ts      (BENCH_SECONDS=10 by default)
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
// @ts-expect-error autocannon ships no types
import autocannon from "autocannon";
import { startBuiltServer } from "../lib/bench-server";

type Result = { requests: { average: number }; latency: { p99: number }; errors: number; non2xx: number };

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = 3;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-bench-"));
const env: NodeJS.ProcessEnv = { ...process.env };
if (!process.env.DATABASE_URL) env.DATABASE_URL = `sqlite:${path.join(dir, "bench.sqlite")}`;
const server = await startBuiltServer(env);

let bare: http.Server | undefined;
try {
  // The server seeded the demo; read one valid certificate's code from the same database.
  process.env.DATABASE_URL = env.DATABASE_URL;
  const { Certificate } = await import("../../app/.server/db/models");
  const { closeSequelize } = await import("../../app/.server/db/connection");
  const { verifyPath } = await import("../../app/lib/certificate");
  const certificate = await Certificate.findOne({ where: { status: "valid" }, order: [["id", "ASC"]] });
  await closeSequelize();
  if (!certificate) throw new Error("no demo certificate: was the database seeded?");
  const page = `${server.origin}${verifyPath(certificate.code)}`;

  const first = await fetch(page);
  if (first.status !== 200) throw new Error(`${page} answered ${first.status}`);
  const body = Buffer.from(await first.arrayBuffer());
  const contentType = first.headers.get("content-type") ?? "text/html; charset=utf-8";

  bare = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": contentType, "Content-Length": body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => bare!.listen(0, "127.0.0.1", resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}${verifyPath(certificate.code)}`;

  const run = (url: string) => autocannon({ url, connections: 50, duration: seconds }) as Promise<Result>;
  const line = (name: string, r: Result) =>
    `${name.padEnd(28)} ${r.requests.average.toFixed(0).padStart(7)} req/s   p99 ${String(r.latency.p99).padStart(5)} ms   errors ${r.errors + r.non2xx}`;
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

  console.log(
    `50 connections, ${seconds} s per run, ${ROUNDS} rounds, ${env.DATABASE_URL?.startsWith("mysql") ? "MySQL/MariaDB" : "SQLite"}; ${body.length} bytes per answer`,
  );
  const bareRates: number[] = [];
  const pageRates: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const b = await run(bareUrl);
    const p = await run(page);
    bareRates.push(b.requests.average);
    pageRates.push(p.requests.average);
    console.log(line(`round ${round} bare node:http`, b));
    console.log(line(`round ${round} GET /verify/<code>`, p));
  }
  const ratio = median(pageRates) / median(bareRates);
  console.log(`median bare ${median(bareRates).toFixed(0)} req/s, median /verify/<code> ${median(pageRates).toFixed(0)} req/s`);
  console.log(`/verify/<code> ÷ bare node:http: ${ratio.toFixed(2)} (target ≥ 0.50)`);
} finally {
  await new Promise((resolve) => (bare ? bare.close(resolve) : resolve(undefined)));
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
