/**
 * Province-size downloads (issue 24): builds a throw-away province (scripts/bench/province.ts:
 * BENCH_MEDIATORS mediators, default 200,000, and BENCH_RECORDS ledger lines, default 2,000,000),
 * fills the rollups, then writes — each read to its end as the browser would, counting bytes —
 *   1. the roster export .xlsx for the whole province (rosterXlsxStream: batches of 1,000, streamed);
 *   2. the roster export CSV (rosterCsvStream);
 *   3. the compliance report .xlsx of the province node (complianceReportStream);
 *   4. for comparison, the roster the way it was written before: every entry loaded first;
 * and prints each one's time, bytes and the process's peak RSS while it ran (sampled every 20 ms;
 * the baseline RSS before the first is printed too). Run in this order, so the unbounded one comes last.
 *   BENCH_RECORDS=200000 npx tsx scripts/bench/exports.ts      (DATABASE_URL=mysql://… for MariaDB)
 */
import { performance } from "node:perf_hooks";
import type { Readable } from "node:stream";
import type { Mediator } from "../../app/.server/db/models";
import {
  buildLedger,
  buildMediators,
  buildTree,
  createMigratedDatabase,
  dayNum,
  getSequelize,
  int,
  MEDIATORS,
  RECORDS,
  rebuildStats,
  todayInChina,
  YEAR,
  type Value,
} from "./province";

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const gc = (globalThis as { gc?: () => void }).gc;
/** What is alive after a full collection: the V8 heap plus buffers outside it. */
const live = () => {
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

type Measured<T> = { ms: number; peak: number; peakLive: number; value: T };

/**
 * Runs `work` while sampling RSS (every 20 ms) and, with `--expose-gc`, the live memory after a full
 * collection (every 500 ms). RSS alone overstates: V8 lets garbage pile up to its heap limit before a
 * major collection, so the live peak is what says whether memory is bounded.
 */
async function measured<T>(work: () => Promise<T>): Promise<Measured<T>> {
  let peak = process.memoryUsage.rss();
  let peakLive = live();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const liveTimer = gc ? setInterval(() => (peakLive = Math.max(peakLive, live())), 500) : undefined;
  const started = performance.now();
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { ms: performance.now() - started, peak, peakLive, value };
  } finally {
    clearInterval(timer);
    clearInterval(liveTimer);
  }
}

/** Reads a stream to its end as a client would, keeping only the byte count. */
async function drain(stream: Readable): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  return bytes;
}

const db = await createMigratedDatabase();
try {
  const sequelize = getSequelize();
  const now: Value = { raw: sequelize.escape(new Date()) };
  const today = todayInChina();
  const bench = {
    start: dayNum(YEAR, 1, 1),
    end: dayNum(Number(today.slice(0, 4)), Number(today.slice(5, 7)), Number(today.slice(8, 10))),
  };
  const tree = await buildTree(now);
  const roster = await buildMediators(tree.committees, now, bench);
  await buildLedger(tree.committees, roster, now, bench);
  await rebuildStats();
  const { exportRoster } = await import("../../app/.server/roster/queries");
  const { rosterXlsxStream, rosterCsvStream } = await import("../../app/.server/roster/export");
  const { complianceReportStream } = await import("../../app/.server/compliance/report");
  const { nodeDashboard } = await import("../../app/.server/compliance/dashboard");
  const { rosterFilterSchema } = await import("../../app/lib/mediator");
  const { scopeFromPath } = await import("../../app/.server/org");
  const province = tree.units.find((u) => u.parentId === null)!;
  const scopes = [scopeFromPath(province.id, province.path)];
  const filter = rosterFilterSchema.parse({});
  const before = live();
  console.log(
    `${sequelize.getDialect() === "sqlite" ? "SQLite" : "MariaDB/MySQL"}: ${int(MEDIATORS)} mediators, ${int(RECORDS)} ledger lines; before the exports RSS ${mb(process.memoryUsage.rss())}` +
      (gc ? `, live ${mb(before)}` : " (run with NODE_OPTIONS=--expose-gc for the live memory)"),
  );
  const line = (name: string, r: Measured<number>) =>
    console.log(
      `${name.padEnd(44)} ${(r.ms / 1000).toFixed(1).padStart(6)} s   ${mb(r.value).padStart(7)}   peak RSS ${mb(r.peak)}` +
        (gc ? `   peak live ${mb(r.peakLive)} (+${mb(r.peakLive - before)})` : ""),
    );

  line("roster .xlsx, streamed", await measured(async () => drain(rosterXlsxStream((await exportRoster(scopes, filter))!))));
  line("roster CSV, streamed", await measured(async () => drain(rosterCsvStream((await exportRoster(scopes, filter))!))));
  line(
    "compliance report .xlsx (province), streamed",
    await measured(async () => drain(complianceReportStream(province, await nodeDashboard(province, YEAR), today))),
  );
  line(
    "roster .xlsx, every entry loaded first (before)",
    await measured(async () => {
      const source = (await exportRoster(scopes, filter))!;
      const all: Mediator[] = [];
      for await (const batch of source.batches()) all.push(...batch);
      return drain(
        rosterXlsxStream({
          count: all.length,
          async *batches() {
            yield all;
          },
        }),
      );
    }),
  );
} finally {
  await db.drop();
}
