/**
 * Memory soak (issue 24): the built server under a mixed load for BENCH_SOAK_SECONDS (600), its
 * RSS read from /proc every 5 s. Starts `scripts/start.ts` on a throw-away database (SQLite unless
 * DATABASE_URL names a MySQL/MariaDB one) with the demo seed; BENCH_CONNECTIONS (10) connections
 * each cycle through what a day's users do — a mediator's lesson, course list, workspace and
 * messages; a county admin's workspace, compliance dashboard, roster pages, the roster .xlsx and
 * the compliance report downloads; a visitor's /verify, room directory and room page — and the
 * script prints a line a minute, then RSS at the start (after the first minute, once caches and
 * the JIT have warmed), its peak, at the end of the load, and the requests and errors.
 *   npm run build && npx tsx scripts/bench/soak.ts
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
// @ts-expect-error autocannon ships no types
import autocannon from "autocannon";
import { signIn } from "../lib/bench";
import { startBuiltServer } from "../lib/bench-server";

const seconds = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const LESSON = "/courses/traffic/liability-and-principles";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-soak-"));
const env: NodeJS.ProcessEnv = { ...process.env };
if (!process.env.DATABASE_URL) env.DATABASE_URL = `sqlite:${path.join(dir, "soak.sqlite")}`;
const server = await startBuiltServer(env);
process.env.DATABASE_URL = env.DATABASE_URL;

const rssMb = () => {
  const line = fs.readFileSync(`/proc/${server.pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) / 1024 : NaN;
};

try {
  const models = await import("../../app/.server/db/models");
  const { verifyPath } = await import("../../app/lib/certificate");
  const [certificate, room] = await Promise.all([
    models.Certificate.findOne({ where: { status: "valid" }, order: [["id", "ASC"]] }),
    models.MediationRoom.findOne({ where: { status: "named" }, order: [["id", "ASC"]] }),
  ]);
  const mediator = await signIn(server.origin, "demo_mediator");
  const county = await signIn(server.origin, "demo_county");
  const as = (cookie: string, p: string) => ({ method: "GET", path: p, headers: { Cookie: cookie } });
  const requests = [
    as(mediator, LESSON),
    as(mediator, "/courses"),
    as(mediator, "/"),
    as(mediator, "/notifications"),
    as(county, "/"),
    as(county, "/compliance"),
    as(county, "/roster"),
    as(county, "/roster?page=3"),
    as(mediator, LESSON),
    { method: "GET", path: "/rooms" },
    ...(certificate ? [{ method: "GET", path: verifyPath(certificate.code) }] : []),
    ...(room?.slug ? [{ method: "GET", path: `/rooms/${room.slug}` }] : []),
    as(county, "/roster/export.xlsx"),
    as(county, `/compliance/report.xlsx`),
  ];

  const before = rssMb();
  const samples: { t: number; rss: number }[] = [];
  const started = Date.now();
  const timer = setInterval(() => {
    const t = (Date.now() - started) / 1000;
    samples.push({ t, rss: rssMb() });
    if (Math.round(t) % 60 === 0) console.log(`${String(Math.round(t / 60)).padStart(3)} min   RSS ${rssMb().toFixed(0)} MB`);
  }, 5000);
  const result = (await autocannon({ url: server.origin, connections, duration: seconds, requests })) as {
    requests: { total: number; average: number };
    errors: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
  };
  clearInterval(timer);
  const end = rssMb();
  const afterWarmup = samples.find((s) => s.t >= 60) ?? samples[0];
  const peak = samples.reduce((a, s) => (s.rss > a.rss ? s : a), samples[0]);
  console.log(
    `${seconds} s of mixed load at ${connections} connections on ${env.DATABASE_URL!.startsWith("mysql") ? "MySQL/MariaDB" : "SQLite"}: ` +
      `${result.requests.total} requests (${result.requests.average.toFixed(0)}/s), errors ${result.errors + result.non2xx}` +
      ` (status codes ${Object.entries(result.statusCodeStats)
        .map(([code, s]) => `${code} × ${s.count}`)
        .join(", ")})`,
  );
  console.log(
    `RSS: before the load ${before.toFixed(0)} MB; start (after 1 min) ${afterWarmup.rss.toFixed(0)} MB; ` +
      `peak ${peak.rss.toFixed(0)} MB at ${(peak.t / 60).toFixed(1)} min; end ${end.toFixed(0)} MB`,
  );
  const lastMinutes = samples.filter((s) => s.t >= seconds - 120);
  const firstMinutes = samples.filter((s) => s.t >= 60 && s.t < 180);
  const avg = (xs: { rss: number }[]) => xs.reduce((a, s) => a + s.rss, 0) / Math.max(1, xs.length);
  console.log(`mean RSS minutes 1–3 ${avg(firstMinutes).toFixed(0)} MB, last 2 minutes ${avg(lastMinutes).toFixed(0)} MB`);
  const { closeSequelize } = await import("../../app/.server/db/connection");
  await closeSequelize();
} finally {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
