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
import crypto from "node:crypto";
import { performance } from "node:perf_hooks";
import { QueryTypes } from "sequelize";
import type { Node, NodeDashboard } from "../../app/.server/compliance/dashboard";

const MEDIATORS = Math.max(100, Math.floor(Number(process.env.BENCH_MEDIATORS ?? 200_000)));
const RECORDS = Math.max(0, Math.floor(Number(process.env.BENCH_RECORDS ?? 2_000_000)));
const RUNS = Math.max(1, Math.floor(Number(process.env.BENCH_RUNS ?? 50)));
const PLAIN_RUNS = Math.max(1, Math.floor(Number(process.env.BENCH_PLAIN_RUNS ?? RUNS)));

// tests/support/db.ts makes the throw-away database next to the one DATABASE_URL names; give it one.
if (/^(mysql|mariadb):/.test(process.env.DATABASE_URL ?? "")) {
  const url = new URL(process.env.DATABASE_URL!);
  if (!url.pathname.replace(/\//g, "")) {
    url.pathname = "/academy_bench";
    process.env.DATABASE_URL = url.toString();
  }
}
process.env.APP_SECRET ??= crypto.randomBytes(24).toString("hex");

const { createMigratedDatabase } = await import("../../tests/support/db");
const { getSequelize, inTransaction } = await import("../../app/.server/db/connection");
const { childrenOf, nodeDashboard } = await import("../../app/.server/compliance/dashboard");
const { compareStats, rebuildStats } = await import("../../app/.server/training/stats");
const { DEFAULT_POLICY } = await import("../../app/lib/policy");
const { EDUCATION_LEVELS } = await import("../../app/lib/mediator");
const { currentYearInChina, todayInChina } = await import("../../app/lib/dates");
const { createRandom, makeName } = await import("../../db/seeders/names");

const YEAR = Math.floor(Number(process.env.BENCH_YEAR ?? currentYearInChina()));

// The fixed shape 1 / 10 / 100 / 1,000, committees = mediators / 100; smaller runs shrink it.
const scale = MEDIATORS / 200_000;
const CITIES = Math.max(2, Math.min(10, Math.round(10 * scale)));
const COUNTIES = Math.max(2 * CITIES, Math.min(100, Math.round(100 * scale)));
const TOWNSHIPS = Math.max(2 * COUNTIES, Math.min(1000, Math.round(1000 * scale)));
const COMMITTEES = Math.min(MEDIATORS, Math.max(TOWNSHIPS, Math.round(MEDIATORS / 100)));

// ---------------------------------------------------------------------------------------------
// Small helpers

const DAY_MS = 86_400_000;
const dayNum = (y: number, m: number, d: number) => Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
const dayNames = new Map<number, string>();
const dayStr = (n: number) => {
  let s = dayNames.get(n);
  if (!s) dayNames.set(n, (s = new Date(n * DAY_MS).toISOString().slice(0, 10)));
  return s;
};
const round1 = (n: number) => Math.round(n * 10) / 10;
const seconds = (from: number) => `${((performance.now() - from) / 1000).toFixed(1)} s`;
const int = (n: number) => n.toLocaleString("en-US");
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))];
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** A SQL literal for generated values (ASCII digits, fixed Chinese text): numbers, strings, NULL or a pre-escaped fragment. */
type Value = string | number | null | { raw: string };
function lit(v: Value): string {
  if (v === null) return "NULL";
  if (typeof v === "number") return String(v);
  if (typeof v === "object") return v.raw;
  if (v.includes("\\")) throw new Error(`unexpected backslash in ${v}`);
  return `'${v.replace(/'/g, "''")}'`;
}

/** Multi-row INSERTs of 1,000 rows, 25 of them per transaction. */
function tableWriter(table: string, columns: string[]) {
  const sequelize = getSequelize();
  let rows: string[] = [];
  let statements: string[] = [];
  let written = 0;
  const cut = () => {
    if (rows.length) statements.push(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${rows.join(", ")}`);
    rows = [];
  };
  const commit = async () => {
    const batch = statements;
    statements = [];
    if (batch.length) {
      await inTransaction(async (transaction) => {
        for (const sql of batch) await sequelize.query(sql, { transaction });
      });
    }
  };
  return {
    async add(values: Value[]) {
      rows.push(`(${values.map(lit).join(", ")})`);
      written++;
      if (rows.length === 1000) {
        cut();
        if (statements.length === 25) await commit();
      }
    },
    async end() {
      cut();
      await commit();
      return written;
    },
  };
}

/** Splits `total` over the entries in proportion to their weights (cumulative rounding: the parts add up exactly). */
function spread(total: number, weights: Float64Array): Int32Array {
  const out = new Int32Array(weights.length);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0) || total <= 0) return out;
  let acc = 0;
  let before = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i];
    const upTo = i === weights.length - 1 ? total : Math.min(total, Math.round((total * acc) / sum));
    out[i] = upTo - before;
    before = upTo;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The data

type Unit = Node & { parentId: number | null; depth: number; committeeKind: string | null };

/** Ledger line kinds (source, form) with their share in percent; forms as the sources really write them. */
const LINE_KINDS = [
  { source: "course", form: "online_course", title: "线上课程：人民调解实务", weight: 30 },
  { source: "event", form: "lecture", title: "集中授课：人民调解法解读", weight: 14 },
  { source: "event", form: "seminar", title: "交流研讨：矛盾纠纷排查化解", weight: 8 },
  { source: "event", form: "drill", title: "实训演练：模拟调解", weight: 8 },
  { source: "event", form: "case_review", title: "案例评析：邻里纠纷", weight: 6 },
  { source: "event", form: "observation", title: "现场观摩：调解室", weight: 5 },
  { source: "event", form: "court_hearing", title: "旁听庭审", weight: 4 },
  { source: "log", form: "court_hearing", title: "旁听庭审 · 县人民法院", weight: 5 },
  { source: "log", form: "observation", title: "现场观摩 · 司法所", weight: 4 },
  { source: "log", form: "drill", title: "实训演练 · 调委会", weight: 3 },
  { source: "log", form: "case_review", title: "案例评析 · 调委会", weight: 3 },
  { source: "exercise", form: "drill", title: "模拟调解：院墙界址纠纷", weight: 5 },
  { source: "exercise", form: "case_review", title: "案例分析：赡养纠纷", weight: 5 },
] as const;
const LINE_WEIGHT = LINE_KINDS.reduce((n, k) => n + k.weight, 0);

async function buildTree(now: Value) {
  const units: Unit[] = [];
  let nextId = 1;
  const add = (parent: Unit | null, kind: string, name: string, committeeKind: string | null = null) => {
    const id = nextId++;
    const unit: Unit = {
      id,
      name,
      kind,
      path: `${parent ? parent.path : "/"}${id}/`,
      parentId: parent?.id ?? null,
      depth: parent ? parent.depth + 1 : 0,
      committeeKind,
    };
    units.push(unit);
    return unit;
  };
  const under = <T>(parents: T[], count: number, make: (parent: T, i: number) => Unit) =>
    Array.from({ length: count }, (_, i) => make(parents[Math.floor((i * parents.length) / count)], i));
  const province = add(null, "province", "基准省");
  const cities = under([province], CITIES, (p, i) => add(p, "city", `基准市${i + 1}`));
  const counties = under(cities, COUNTIES, (p, i) => add(p, "county", `基准县${i + 1}`));
  const townships = under(counties, TOWNSHIPS, (p, i) => add(p, "township", `基准镇${i + 1}`));
  const committees = under(townships, COMMITTEES, (p, i) => add(p, "committee", `基准村${i + 1}人民调解委员会`, "village_resident"));
  const writer = tableWriter("org_units", [
    "id",
    "parent_id",
    "kind",
    "committee_kind",
    "name",
    "region_code",
    "path",
    "depth",
    "created_at",
    "updated_at",
  ]);
  for (const u of units) await writer.add([u.id, u.parentId, u.kind, u.committeeKind, u.name, null, u.path, u.depth, now, now]);
  await writer.end();
  return { units, province, cities, counties, committees };
}

async function buildMediators(committees: Unit[], now: Value, bench: { start: number; end: number }) {
  const random = createRandom(20_260_101);
  const committee = new Int32Array(MEDIATORS);
  const appointed = new Int32Array(MEDIATORS); // epoch day, -1: unknown
  const writer = tableWriter("mediators", [
    "id",
    "org_unit_id",
    "org_path",
    "name",
    "gender",
    "birth_year",
    "employment",
    "appointed_on",
    "status",
    "status_changed_on",
    "status_reason",
    "education",
    "phone",
    "is_expert",
    "created_at",
    "updated_at",
  ]);
  for (let i = 0; i < MEDIATORS; i++) {
    const c = Math.floor((i * committees.length) / MEDIATORS);
    committee[i] = c;
    const gender = random.next() < 0.55 ? "male" : "female";
    const r = random.next();
    let day = -1;
    if (r < 0.08) day = random.int(bench.start, bench.end);
    else if (r < 0.99) {
      const y = random.int(2010, YEAR - 1);
      day = random.int(dayNum(y, 1, 1), dayNum(y, 12, 31));
    }
    appointed[i] = day;
    const active = random.next() < 0.95;
    const changed = active ? null : dayStr(day < 0 ? bench.end : random.int(day, Math.max(day, bench.end)));
    await writer.add([
      i + 1,
      committees[c].id,
      committees[c].path,
      makeName(random, gender),
      gender,
      random.int(1956, 2000),
      random.next() < 0.2 ? "full_time" : "part_time",
      day < 0 ? null : dayStr(day),
      active ? "active" : "dismissed",
      changed,
      active ? null : "任期届满未续聘",
      random.pick(EDUCATION_LEVELS.slice(2, 6)),
      `1${random.pick<string>("3578")}${String(random.int(0, 999_999_999)).padStart(9, "0")}`,
      random.next() < 0.03 ? 1 : 0,
      now,
      now,
    ]);
  }
  await writer.end();
  return { committee, appointed };
}

/**
 * The ledger: ≈85 % of the lines in the bench year (every one of ≈85 % of the mediators gets at
 * least one, the rest spread unevenly), the others the year before; none before a mediator's
 * appointment. Written in date order, as a real ledger grows.
 */
async function buildLedger(
  committees: Unit[],
  roster: { committee: Int32Array; appointed: Int32Array },
  now: Value,
  bench: { start: number; end: number },
) {
  const random = createRandom(7);
  const prior = { start: dayNum(YEAR - 1, 1, 1), end: dayNum(YEAR - 1, 12, 31) };
  const benchWeights = new Float64Array(MEDIATORS);
  const priorWeights = new Float64Array(MEDIATORS);
  const skewed = () => Math.pow(-Math.log(1 - random.next()), 1.5);
  let trained = 0;
  for (let i = 0; i < MEDIATORS; i++) {
    if (random.next() < 0.85) {
      benchWeights[i] = skewed();
      trained++;
    }
    if (roster.appointed[i] < bench.start) priorWeights[i] = skewed();
  }
  const benchTotal = Math.round(RECORDS * 0.85);
  const base = benchTotal >= trained ? 1 : 0;
  const benchCounts = spread(benchTotal - base * trained, benchWeights);
  for (let i = 0; i < MEDIATORS; i++) if (benchWeights[i] > 0) benchCounts[i] += base;
  const priorCounts = spread(RECORDS - benchCounts.reduce((a, b) => a + b, 0), priorWeights);

  const total = benchCounts.reduce((a, b) => a + b, 0) + priorCounts.reduce((a, b) => a + b, 0);
  const mediator = new Int32Array(total);
  const day = new Int32Array(total);
  const kind = new Uint8Array(total);
  const halfHours = new Uint8Array(total);
  const pickKind = () => {
    let w = random.next() * LINE_WEIGHT;
    for (let k = 0; k < LINE_KINDS.length; k++) if ((w -= LINE_KINDS[k].weight) < 0) return k;
    return LINE_KINDS.length - 1;
  };
  let n = 0;
  for (let i = 0; i < MEDIATORS; i++) {
    for (const [count, span] of [
      [benchCounts[i], bench],
      [priorCounts[i], prior],
    ] as const) {
      const from = Math.max(span.start, roster.appointed[i]);
      for (let j = 0; j < count; j++, n++) {
        mediator[n] = i;
        day[n] = random.int(from, Math.max(from, span.end));
        kind[n] = pickKind();
        halfHours[n] = random.int(2, 16); // 1–8 hours in half-hour steps
      }
    }
  }
  // Date order by counting sort.
  const first = prior.start;
  const buckets = new Int32Array(bench.end - first + 2);
  for (let k = 0; k < total; k++) buckets[day[k] - first + 1]++;
  for (let d = 1; d < buckets.length; d++) buckets[d] += buckets[d - 1];
  const order = new Int32Array(total);
  for (let k = 0; k < total; k++) order[buckets[day[k] - first]++] = k;

  const sourceIds: Record<string, number> = {};
  const writer = tableWriter("training_records", [
    "source",
    "source_id",
    "mediator_id",
    "org_path",
    "occurred_on",
    "hours",
    "form",
    "title",
    "created_at",
  ]);
  for (const k of order) {
    const line = LINE_KINDS[kind[k]];
    const sourceId = (sourceIds[line.source] = (sourceIds[line.source] ?? 0) + 1);
    await writer.add([
      line.source,
      `bench-${sourceId}`,
      mediator[k] + 1,
      committees[roster.committee[mediator[k]]].path,
      dayStr(day[k]),
      halfHours[k] / 2,
      line.form,
      line.title,
      now,
    ]);
  }
  await writer.end();
  return { total, benchLines: benchCounts.reduce((a, b) => a + b, 0), trained };
}

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
