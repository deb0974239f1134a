/**
 * The compliance dashboard at province scale. Builds a throw-away database (a temp SQLite file, or
 * a fresh MariaDB/MySQL database next to the one DATABASE_URL names, dropped at the end) holding one
 * province: 200,000 mediators in 2,000 committees under 10 cities, 100 counties and 1,000
 * townships, with 2,000,000 lines in the training ledger (≈85 % in the bench year, the rest the
 * year before; ≈15 % of the mediators have no line in the bench year). Everything is written with
 * raw multi-row INSERTs; the summaries (mediator_year_stats, org_month_stats) and the compliance
 * rollups (mediator_years, org_year_stats, org_roster_stats) are then filled by the app's own
 * rebuildStats() — timed.
 *
 * Then, at province, city and county level (rotating over up to 10 cities and 10 counties):
 * - dashboard: nodeDashboard(node, year) from app/.server/compliance/dashboard.ts, which reads the rollups;
 * - plain GROUP BY: the same headline figures straight from the ledger and the roster — active and
 *   new mediators, trained (distinct mediators with a line in the year), lines, hours, practical
 *   trainings and compliant mediators (per-mediator GROUP BY under DEFAULT_POLICY of
 *   app/lib/policy.ts), for the node, by employment and for each child node (bucketed by the
 *   child's path range), plus the month and form splits; pre-service figures and events are left out;
 * and prints p50/p95 of each and their ratio (plain ÷ dashboard). Before timing, both are run once
 * for every node and their figures compared (a check of the rollups against the ledger). Finally
 * the rebuild check: compareStats() (differences between the summaries/rollups and a recompute
 * from the ledger, expected 0) with its duration, and the row counts. Figures only, no asserts.
 *
 *   npx tsx scripts/bench/compliance.ts                                                        # SQLite temp file
 *   DATABASE_URL=mysql://root@127.0.0.1:3306/academy_bench npx tsx scripts/bench/compliance.ts # fresh MariaDB database academy_bench_t0_…
 *   BENCH_MEDIATORS=2000 BENCH_RECORDS=20000 BENCH_RUNS=10 npx tsx scripts/bench/compliance.ts # smoke run
 *
 * Knobs: BENCH_MEDIATORS (200000; committees = mediators/100, the upper levels shrink in
 * proportion below 200,000 but keep at least two children each), BENCH_RECORDS (2000000),
 * BENCH_RUNS (50 timed runs per level), BENCH_PLAIN_RUNS (timed runs of the plain GROUP BY per
 * level, default BENCH_RUNS), BENCH_YEAR (default: the current year in China).
 */
import { performance } from "node:perf_hooks";
import { QueryTypes } from "sequelize";
import type { Node, NodeDashboard } from "../../app/.server/compliance/dashboard";
const RUNS = Math.max(1, Math.floor(Number(process.env.BENCH_RUNS ?? 50)));
const PLAIN_RUNS = Math.max(1, Math.floor(Number(process.env.BENCH_PLAIN_RUNS ?? RUNS)));

import {
  MEDIATORS,
  RECORDS,
  createMigratedDatabase,
  getSequelize,
  childrenOf,
  nodeDashboard,
  compareStats,
  rebuildStats,
  DEFAULT_POLICY,
  todayInChina,
  YEAR,
  CITIES,
  COUNTIES,
  TOWNSHIPS,
  COMMITTEES,
  dayNum,
  dayStr,
  round1,
  seconds,
  int,
  pct,
  ms,
  lit,
  buildTree,
  buildMediators,
  buildLedger,
  type Value,
  type Unit,
} from "./province";

// ---------------------------------------------------------------------------------------------
// The plain GROUP BY over the ledger

type Headline = {
  active: number;
  newcomers: number;
  trained: number;
  practical: number;
  compliant: number;
  records: number;
  hours: number;
};
const blank = (): Headline => ({ active: 0, newcomers: 0, trained: 0, practical: 0, compliant: 0, records: 0, hours: 0 });
type Plain = {
  totals: Headline;
  byEmployment: Map<string, Headline>;
  children: Map<number, Headline>;
  months: { records: number; hours: number }[];
  forms: Map<string, { records: number; hours: number }>;
};

/** What the default policy counts as practical, as a condition on ledger lines `r`. */
const practicalSql = DEFAULT_POLICY.practical
  .map((rule) =>
    rule.forms ? `(r.source = ${lit(rule.source)} AND r.form IN (${rule.forms.map(lit).join(", ")}))` : `r.source = ${lit(rule.source)}`,
  )
  .join(" OR ");

/**
 * The dashboard's headline figures of a node and its children computed from the roster and the
 * ledger alone: three scans of the node's subtree (roster; ledger by child, month and form; one row
 * per trained mediator with its practical count and hours, then counted), each row put in its
 * child's bucket by the child's path range [path, path-with-last-"/"-as-"0").
 */
async function plainFigures(node: Node, year: number): Promise<Plain> {
  const sequelize = getSequelize();
  const q = sequelize.escape.bind(sequelize);
  const children = await childrenOf(node);
  const upper = (path: string) => `${path.slice(0, -1)}0`;
  const bucket = (column: string) =>
    children.length
      ? `CASE ${children
          .map((c) => `WHEN ${column} >= ${q(c.path)} AND ${column} < ${q(upper(c.path))} THEN ${c.id}`)
          .join(" ")} ELSE 0 END`
      : "0";
  const [lo, hi, from, to] = [q(node.path), q(upper(node.path)), q(`${year}-01-01`), q(`${year}-12-31`)];
  const select = <T>(sql: string) => sequelize.query(sql, { type: QueryTypes.SELECT }) as Promise<T[]>;
  type Num = number | string | null;
  const [roster, ledger, standing] = await Promise.all([
    select<{ child: Num; employment: string; active: Num; newcomers: Num }>(
      `SELECT ${bucket("m.org_path")} AS child, m.employment AS employment, COUNT(*) AS active,
              SUM(CASE WHEN m.appointed_on >= ${from} THEN 1 ELSE 0 END) AS newcomers
         FROM mediators m
        WHERE m.org_path >= ${lo} AND m.org_path < ${hi} AND m.status = 'active' AND (m.appointed_on IS NULL OR m.appointed_on <= ${to})
        GROUP BY child, m.employment`,
    ),
    select<{ child: Num; mon: Num; form: string; records: Num; hours: Num }>(
      `SELECT ${bucket(
        "r.org_path",
      )} AS child, SUBSTR(r.occurred_on, 6, 2) AS mon, r.form AS form, COUNT(*) AS records, SUM(r.hours) AS hours
         FROM training_records r
        WHERE r.org_path >= ${lo} AND r.org_path < ${hi} AND r.occurred_on >= ${from} AND r.occurred_on <= ${to}
        GROUP BY child, mon, r.form`,
    ),
    select<{ child: Num; employment: string; trained: Num; practical: Num; compliant: Num }>(
      `SELECT t.child AS child, t.employment AS employment, COUNT(*) AS trained, SUM(t.practical) AS practical,
              SUM(CASE WHEN t.practical >= ${DEFAULT_POLICY.minPractical} AND t.hours >= ${
                DEFAULT_POLICY.minHours
              } THEN 1 ELSE 0 END) AS compliant
         FROM (SELECT ${bucket("m.org_path")} AS child, m.employment AS employment,
                      SUM(CASE WHEN ${practicalSql} THEN 1 ELSE 0 END) AS practical, SUM(r.hours) AS hours
                 FROM mediators m JOIN training_records r ON r.mediator_id = m.id
                WHERE m.org_path >= ${lo} AND m.org_path < ${hi} AND m.status = 'active' AND r.occurred_on >= ${from} AND r.occurred_on <= ${to}
                GROUP BY m.id, m.org_path, m.employment) t
        GROUP BY t.child, t.employment`,
    ),
  ]);
  const result: Plain = {
    totals: blank(),
    byEmployment: new Map(),
    children: new Map(children.map((c) => [c.id, blank()])),
    months: Array.from({ length: 12 }, () => ({ records: 0, hours: 0 })),
    forms: new Map(),
  };
  const targets = (child: Num, employment?: string) => {
    const out = [result.totals];
    const c = result.children.get(Number(child));
    if (c) out.push(c);
    if (employment) {
      if (!result.byEmployment.has(employment)) result.byEmployment.set(employment, blank());
      out.push(result.byEmployment.get(employment)!);
    }
    return out;
  };
  for (const r of roster) {
    for (const h of targets(r.child, r.employment)) {
      h.active += Number(r.active);
      h.newcomers += Number(r.newcomers);
    }
  }
  for (const r of standing) {
    for (const h of targets(r.child, r.employment)) {
      h.trained += Number(r.trained);
      h.practical += Number(r.practical);
      h.compliant += Number(r.compliant);
    }
  }
  for (const r of ledger) {
    const [records, hours] = [Number(r.records), Number(r.hours)];
    for (const h of [...targets(r.child), result.months[Number(r.mon) - 1]]) {
      h.records += records;
      h.hours += hours;
    }
    const f = result.forms.get(r.form) ?? { records: 0, hours: 0 };
    f.records += records;
    f.hours += hours;
    result.forms.set(r.form, f);
  }
  return result;
}

/** Where the dashboard and the plain GROUP BY disagree (empty when they agree). */
function differences(node: Node, d: NodeDashboard, p: Plain): string[] {
  const out: string[] = [];
  const all: (keyof Headline)[] = ["active", "newcomers", "trained", "practical", "compliant", "records", "hours"];
  const compare = (where: string, have: Partial<Record<keyof Headline, unknown>>, want: Headline, keys = all) => {
    for (const k of keys)
      if (Number(have[k]) !== round1(want[k]))
        out.push(`${node.name} ${where} ${k}: dashboard ${String(have[k])}, plain ${round1(want[k])}`);
  };
  compare("total", d.totals, p.totals);
  // The dashboard splits roster and standing by employment, not the ledger's lines and hours.
  for (const e of d.byEmployment)
    compare(e.employment, e, p.byEmployment.get(e.employment) ?? blank(), ["active", "newcomers", "trained", "practical", "compliant"]);
  for (const c of d.children) compare(c.name, c, p.children.get(c.id) ?? blank());
  if (d.children.length !== p.children.size)
    out.push(`${node.name}: ${d.children.length} children on the dashboard, ${p.children.size} in the plain query`);
  d.months.forEach((m, i) => {
    if (m.records !== p.months[i].records || m.hours !== round1(p.months[i].hours))
      out.push(`${node.name} month ${i + 1}: dashboard ${m.records}/${m.hours}, plain ${p.months[i].records}/${round1(p.months[i].hours)}`);
  });
  const forms = new Map(d.forms.map((f) => [f.form, f]));
  for (const form of new Set([...forms.keys(), ...p.forms.keys()])) {
    const [a, b] = [forms.get(form) ?? { records: 0, hours: 0 }, p.forms.get(form) ?? { records: 0, hours: 0 }];
    if (a.records !== b.records || a.hours !== round1(b.hours))
      out.push(`${node.name} form ${form}: dashboard ${a.records}/${a.hours}, plain ${b.records}/${round1(b.hours)}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

async function timeRuns(nodes: Node[], warmups: number, runs: number, fn: (node: Node) => Promise<unknown>) {
  for (let i = 0; i < warmups; i++) await fn(nodes[i % nodes.length]);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(nodes[i % nodes.length]);
    samples.push(performance.now() - t);
  }
  return { p50: pct(samples, 50), p95: pct(samples, 95) };
}

const db = await createMigratedDatabase();
try {
  const sequelize = getSequelize();
  const mysql = sequelize.getDialect() !== "sqlite";
  const now: Value = { raw: sequelize.escape(new Date()) };
  const today = todayInChina();
  const todayNum = dayNum(Number(today.slice(0, 4)), Number(today.slice(5, 7)), Number(today.slice(8, 10)));
  // Nothing in the future: the bench year runs up to today when it is the current year.
  const bench = { start: dayNum(YEAR, 1, 1), end: Math.max(dayNum(YEAR, 1, 1), Math.min(dayNum(YEAR, 12, 31), todayNum)) };
  console.log(
    `${mysql ? "MariaDB/MySQL" : "SQLite"}: 1 province, ${CITIES} cities, ${COUNTIES} counties, ${int(TOWNSHIPS)} townships, ${int(
      COMMITTEES,
    )} committees, ` +
      `${int(MEDIATORS)} mediators, ${int(RECORDS)} ledger lines; bench year ${YEAR} (${dayStr(bench.start)} … ${dayStr(bench.end)})`,
  );

  let started = performance.now();
  const tree = await buildTree(now);
  console.log(`  org_units          ${int(tree.units.length).padStart(11)} rows   ${seconds(started)}`);
  started = performance.now();
  const roster = await buildMediators(tree.committees, now, bench);
  console.log(`  mediators          ${int(MEDIATORS).padStart(11)} rows   ${seconds(started)}`);
  started = performance.now();
  const ledger = await buildLedger(tree.committees, roster, now, bench);
  console.log(
    `  training_records   ${int(ledger.total).padStart(11)} rows   ${seconds(started)}  (${int(ledger.benchLines)} in ${YEAR}; ${int(
      ledger.trained,
    )} mediators with a line in ${YEAR})`,
  );

  started = performance.now();
  const before = await rebuildStats();
  console.log(`  rebuildStats()     ${seconds(started)}  (it first found ${int(before.length)} differences: the summaries start empty)`);
  started = performance.now();
  if (mysql)
    await sequelize.query(
      "ANALYZE TABLE org_units, mediators, training_records, mediator_year_stats, org_month_stats, mediator_years, org_year_stats, org_roster_stats",
    );
  else await sequelize.query("ANALYZE");
  console.log(`  ANALYZE            ${seconds(started)}\n`);

  const asNode = (u: Unit): Node => ({ id: u.id, name: u.name, path: u.path, kind: u.kind });
  const spaced = (units: Unit[], n: number) =>
    Array.from({ length: Math.min(n, units.length) }, (_, i) => asNode(units[Math.floor((i * units.length) / Math.min(n, units.length))]));
  const levels = [
    { level: "province", nodes: [asNode(tree.province)] },
    { level: "city", nodes: spaced(tree.cities, 10) },
    { level: "county", nodes: spaced(tree.counties, 10) },
  ];

  // Both ways once for every node: the figures must agree (also warms the caches).
  started = performance.now();
  const problems: string[] = [];
  let checked = 0;
  for (const { nodes } of levels) {
    for (const node of nodes) {
      problems.push(...differences(node, await nodeDashboard(node, YEAR), await plainFigures(node, YEAR)));
      checked++;
    }
  }
  console.log(
    problems.length
      ? `cross-check: ${problems.length} differences between the dashboard and the plain GROUP BY over ${checked} nodes, e.g.\n  ${problems
          .slice(0, 10)
          .join("\n  ")}`
      : `cross-check: dashboard and plain GROUP BY agree on every figure for ${checked} nodes (${seconds(started)})`,
  );
  const province = await nodeDashboard(levels[0].nodes[0], YEAR);
  const t = province.totals;
  console.log(
    `province ${YEAR}: ${int(t.active)} active, ${int(t.trained)} trained (${t.coverage}%), ${int(t.records)} lines, ${int(t.hours)} h, ` +
      `${int(t.practical)} practical (${t.perCapita}/person), ${int(t.compliant)} compliant (${t.compliantShare}%), ${int(
        t.newcomers,
      )} new (${t.preserviceRate}% pre-service done)\n`,
  );

  console.log(
    `timings (${RUNS} dashboard runs, ${PLAIN_RUNS} plain runs per level; cities and counties rotate over ${levels[1].nodes.length} and ${levels[2].nodes.length} nodes):`,
  );
  const results: { level: string; dashboard: { p50: number; p95: number }; plain: { p50: number; p95: number } }[] = [];
  for (const { level, nodes } of levels) {
    const dashboard = await timeRuns(nodes, 5, RUNS, (node) => nodeDashboard(node, YEAR));
    console.log(`  ${`dashboard ${level}`.padEnd(24)} p50 ${ms(dashboard.p50).padStart(8)} ms   p95 ${ms(dashboard.p95).padStart(8)} ms`);
    const plain = await timeRuns(nodes, 2, PLAIN_RUNS, (node) => plainFigures(node, YEAR));
    console.log(`  ${`plain GROUP BY ${level}`.padEnd(24)} p50 ${ms(plain.p50).padStart(8)} ms   p95 ${ms(plain.p95).padStart(8)} ms`);
    results.push({ level, dashboard, plain });
  }

  started = performance.now();
  const after = await compareStats();
  const checkTime = seconds(started);
  console.log(
    `\nrebuild check: compareStats() found ${after.length} differences in ${checkTime}${
      after.length ? `, e.g.\n  ${after.slice(0, 5).join("\n  ")}` : ""
    }`,
  );
  const counts: string[] = [];
  for (const table of [
    "training_records",
    "mediator_year_stats",
    "org_month_stats",
    "mediator_years",
    "org_year_stats",
    "org_roster_stats",
  ]) {
    const [row] = (await sequelize.query(`SELECT COUNT(*) AS n FROM ${table}`, { type: QueryTypes.SELECT })) as { n: number | string }[];
    counts.push(`${table} ${int(Number(row.n))}`);
  }
  console.log(`rows: ${counts.join(", ")}\n`);

  const pair = (x: { p50: number; p95: number }) => `${ms(x.p50)} / ${ms(x.p95)} ms`;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(a / b < 10 ? 1 : 0)}×`;
  console.log(`${"level".padEnd(10)}${"dashboard p50/p95".padEnd(24)}${"plain GROUP BY p50/p95".padEnd(28)}ratio p50 / p95`);
  for (const r of results) {
    console.log(
      `${r.level.padEnd(10)}${pair(r.dashboard).padEnd(24)}${pair(r.plain).padEnd(28)}${ratio(r.plain.p50, r.dashboard.p50)} / ${ratio(
        r.plain.p95,
        r.dashboard.p95,
      )}`,
    );
  }
  console.log(`rebuild check: ${after.length} differences (${checkTime}); cross-check dashboard vs plain: ${problems.length} differences`);
  console.log("target (MariaDB): province p95 < 100 ms, county p95 < 30 ms");
} finally {
  await db.drop();
}
