/**
 * The province the benches build: a throw-away database (tests/support/db) holding 1 province, 10
 * cities, 100 counties, 1,000 townships, BENCH_MEDIATORS mediators (200,000) in committees of
 * about 100, and BENCH_RECORDS ledger lines (2,000,000), written with raw multi-row INSERTs. Shared
 * by scripts/bench/compliance.ts and scripts/bench/workspace.ts; the knobs are described there.
 */
import crypto from "node:crypto";
import { performance } from "node:perf_hooks";
import type { Node } from "../../app/.server/compliance/dashboard";

export const MEDIATORS = Math.max(100, Math.floor(Number(process.env.BENCH_MEDIATORS ?? 200_000)));
export const RECORDS = Math.max(0, Math.floor(Number(process.env.BENCH_RECORDS ?? 2_000_000)));

// tests/support/db.ts makes the throw-away database next to the one DATABASE_URL names; give it one.
if (/^(mysql|mariadb):/.test(process.env.DATABASE_URL ?? "")) {
  const url = new URL(process.env.DATABASE_URL!);
  if (!url.pathname.replace(/\//g, "")) {
    url.pathname = "/academy_bench";
    process.env.DATABASE_URL = url.toString();
  }
}
process.env.APP_SECRET ??= crypto.randomBytes(24).toString("hex");

export const { createMigratedDatabase } = await import("../../tests/support/db");
export const { getSequelize, inTransaction } = await import("../../app/.server/db/connection");
export const { childrenOf, nodeDashboard } = await import("../../app/.server/compliance/dashboard");
export const { compareStats, rebuildStats } = await import("../../app/.server/training/stats");
export const { DEFAULT_POLICY } = await import("../../app/lib/policy");
export const { EDUCATION_LEVELS } = await import("../../app/lib/mediator");
export const { currentYearInChina, todayInChina } = await import("../../app/lib/dates");
export const { createRandom, makeName } = await import("../../db/seeders/names");

export const YEAR = Math.floor(Number(process.env.BENCH_YEAR ?? currentYearInChina()));

// The fixed shape 1 / 10 / 100 / 1,000, committees = mediators / 100; smaller runs shrink it.
export const scale = MEDIATORS / 200_000;
export const CITIES = Math.max(2, Math.min(10, Math.round(10 * scale)));
export const COUNTIES = Math.max(2 * CITIES, Math.min(100, Math.round(100 * scale)));
export const TOWNSHIPS = Math.max(2 * COUNTIES, Math.min(1000, Math.round(1000 * scale)));
export const COMMITTEES = Math.min(MEDIATORS, Math.max(TOWNSHIPS, Math.round(MEDIATORS / 100)));

// ---------------------------------------------------------------------------------------------
// Small helpers

export const DAY_MS = 86_400_000;
export const dayNum = (y: number, m: number, d: number) => Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
export const dayNames = new Map<number, string>();
export const dayStr = (n: number) => {
  let s = dayNames.get(n);
  if (!s) dayNames.set(n, (s = new Date(n * DAY_MS).toISOString().slice(0, 10)));
  return s;
};
export const round1 = (n: number) => Math.round(n * 10) / 10;
export const seconds = (from: number) => `${((performance.now() - from) / 1000).toFixed(1)} s`;
export const int = (n: number) => n.toLocaleString("en-US");
export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))];
export const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** A SQL literal for generated values (ASCII digits, fixed Chinese text): numbers, strings, NULL or a pre-escaped fragment. */
export type Value = string | number | null | { raw: string };
export function lit(v: Value): string {
  if (v === null) return "NULL";
  if (typeof v === "number") return String(v);
  if (typeof v === "object") return v.raw;
  if (v.includes("\\")) throw new Error(`unexpected backslash in ${v}`);
  return `'${v.replace(/'/g, "''")}'`;
}

/** Multi-row INSERTs of 1,000 rows, 25 of them per transaction. */
export function tableWriter(table: string, columns: string[]) {
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
export function spread(total: number, weights: Float64Array): Int32Array {
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

export type Unit = Node & { parentId: number | null; depth: number; committeeKind: string | null };

/** Ledger line kinds (source, form) with their share in percent; forms as the sources really write them. */
export const LINE_KINDS = [
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
export const LINE_WEIGHT = LINE_KINDS.reduce((n, k) => n + k.weight, 0);

export async function buildTree(now: Value) {
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

export async function buildMediators(committees: Unit[], now: Value, bench: { start: number; end: number }) {
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
export async function buildLedger(
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
