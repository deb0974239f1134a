/**
 * The bureau admin's workspace at province scale: the same province as scripts/bench/compliance.ts
 * (its generator, scripts/bench/province.ts: 200,000 mediators, 2,000,000 ledger lines, rollups
 * filled by rebuildStats()), plus BENCH_LOGS practical-training logs (20,000; a tenth still
 * waiting for verification). Then adminWorkspace(node, scopes, now) from
 * app/.server/workspace/admin.ts — the headline, the child nodes furthest behind and the pending
 * logs — at province, city and county level (rotating over up to 10 nodes each), p50/p95 printed.
 *
 *   DATABASE_URL=mysql://root@127.0.0.1:3306/academy_bench npx tsx scripts/bench/workspace.ts
 *   BENCH_MEDIATORS=20000 BENCH_RECORDS=200000 BENCH_RUNS=30 npx tsx scripts/bench/workspace.ts   # smaller
 *
 * Knobs: those of compliance.ts (BENCH_MEDIATORS, BENCH_RECORDS, BENCH_YEAR), BENCH_RUNS (50),
 * BENCH_LOGS (20000). Target (MariaDB): province p95 < 100 ms.
 */
import { performance } from "node:perf_hooks";
import type { Node } from "../../app/.server/compliance/dashboard";
import {
  COMMITTEES,
  COUNTIES,
  CITIES,
  MEDIATORS,
  RECORDS,
  TOWNSHIPS,
  YEAR,
  buildLedger,
  buildMediators,
  buildTree,
  createMigratedDatabase,
  dayNum,
  dayStr,
  getSequelize,
  int,
  ms,
  pct,
  rebuildStats,
  seconds,
  tableWriter,
  todayInChina,
  type Unit,
  type Value,
} from "./province";

const RUNS = Math.max(1, Math.floor(Number(process.env.BENCH_RUNS ?? 50)));
const LOGS = Math.max(0, Math.floor(Number(process.env.BENCH_LOGS ?? 20_000)));

const { adminWorkspace } = await import("../../app/.server/workspace/admin");
const { scopeFromPath } = await import("../../app/.server/org");

/** Logs spread over the mediators (ids 1…MEDIATORS in committee order), every tenth still submitted. */
async function buildLogs(committees: Unit[], roster: { committee: Int32Array }, now: Value, bench: { start: number; end: number }) {
  const writer = tableWriter("training_logs", [
    "mediator_id",
    "author_user_id",
    "org_path",
    "type",
    "occurred_on",
    "hours",
    "place",
    "reflection",
    "status",
    "submitted_at",
    "created_at",
    "updated_at",
  ]);
  const step = Math.max(1, Math.floor(MEDIATORS / Math.max(1, LOGS)));
  for (let i = 0; i < LOGS; i++) {
    const m = (i * step) % MEDIATORS;
    const day = bench.start + (i % Math.max(1, bench.end - bench.start + 1));
    await writer.add([
      m + 1,
      1,
      committees[roster.committee[m]].path,
      "observation",
      dayStr(day),
      2,
      "调解室",
      "观摩了一起邻里纠纷的调解。",
      i % 10 === 0 ? "submitted" : "verified",
      now,
      now,
      now,
    ]);
  }
  await writer.end();
}

const db = await createMigratedDatabase();
try {
  const sequelize = getSequelize();
  const mysql = sequelize.getDialect() !== "sqlite";
  const now: Value = { raw: sequelize.escape(new Date()) };
  const today = todayInChina();
  const todayNum = dayNum(Number(today.slice(0, 4)), Number(today.slice(5, 7)), Number(today.slice(8, 10)));
  const bench = { start: dayNum(YEAR, 1, 1), end: Math.max(dayNum(YEAR, 1, 1), Math.min(dayNum(YEAR, 12, 31), todayNum)) };
  console.log(
    `${mysql ? "MariaDB/MySQL" : "SQLite"}: ${CITIES} cities, ${COUNTIES} counties, ${int(TOWNSHIPS)} townships, ${int(COMMITTEES)} committees, ${int(MEDIATORS)} mediators, ${int(RECORDS)} ledger lines, ${int(LOGS)} logs`,
  );
  let started = performance.now();
  const tree = await buildTree(now);
  const roster = await buildMediators(tree.committees, now, bench);
  await buildLedger(tree.committees, roster, now, bench);
  await sequelize.query(
    "INSERT INTO users (id, username, display_name, password_hash, status, must_change_password, created_at, updated_at) VALUES (1, 'bench', 'bench', 'x', 'active', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
  );
  await buildLogs(tree.committees, roster, now, bench);
  console.log(`  data written       ${seconds(started)}`);
  started = performance.now();
  await rebuildStats();
  await sequelize.query(
    mysql
      ? "ANALYZE TABLE org_units, mediators, training_records, training_logs, mediator_years, org_year_stats, org_roster_stats, org_month_stats"
      : "ANALYZE",
  );
  console.log(`  rebuildStats + ANALYZE ${seconds(started)}\n`);

  const asNode = (u: Unit): Node => ({ id: u.id, name: u.name, path: u.path, kind: u.kind });
  const spaced = (units: Unit[], n: number) =>
    Array.from({ length: Math.min(n, units.length) }, (_, i) => asNode(units[Math.floor((i * units.length) / Math.min(n, units.length))]));
  const levels = [
    { level: "province", nodes: [asNode(tree.province)] },
    { level: "city", nodes: spaced(tree.cities, 10) },
    { level: "county", nodes: spaced(tree.counties, 10) },
  ];
  const at = new Date();
  const run = (node: Node) => adminWorkspace(node, [scopeFromPath(node.id, node.path)], at);
  const sample = await run(levels[0].nodes[0]);
  console.log(
    `province workspace: ${int(sample.active)} active, coverage ${sample.coverage}%, ${sample.perCapita} practical/person, ${int(sample.hours)} h, ${int(sample.behind)} behind, ${int(sample.pendingLogs)} logs pending; most behind: ${sample.children.map((c) => `${c.name} ${c.behind}`).join(", ")}\n`,
  );
  for (const { level, nodes } of levels) {
    for (let i = 0; i < 5; i++) await run(nodes[i % nodes.length]);
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await run(nodes[i % nodes.length]);
      samples.push(performance.now() - t);
    }
    console.log(
      `  ${`admin workspace ${level}`.padEnd(26)} p50 ${ms(pct(samples, 50)).padStart(8)} ms   p95 ${ms(pct(samples, 95)).padStart(8)} ms`,
    );
  }
  console.log("target (MariaDB): province p95 < 100 ms");
} finally {
  await db.drop();
}
