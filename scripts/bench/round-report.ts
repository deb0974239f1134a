/**
 * A grade evaluation round of Beijing's size, announced: builds a throw-away database with a city
 * tree (16 districts × 20 townships × 22 committees = 7,040 committees), BENCH_APPLICANTS (30,000)
 * mediators each with a decided application whose results form Beijing's 2020–22 pyramid scaled to
 * that size (9,535 未定级, 18,010 四级, 1,186 三级, 625 二级, 90 一级 of 29,446), each carrying its
 * submitted criteria figures. Then times what the pages read, in-process: the public announcement
 * (first page, a middle page, the last page, a search by township and by committee name, a broad
 * search, a result filter, an objection link), the bureau's decisions list (first and a middle page,
 * decided only), the distribution report (/rounds/:id/report: the round's node, a district, a
 * township; the criterion pass rates cached and uncached) and the results .xlsx export. Prints
 * p50/p95; the bar is p95 < 100 ms for the results page and the distribution report.
 *
 *   npx tsx scripts/bench/round-report.ts                                                # SQLite temp file
 *   DATABASE_URL=mysql://root@127.0.0.1:3306/academy_round_bench npx tsx scripts/bench/round-report.ts
 *   BENCH_APPLICANTS=3000 npx tsx scripts/bench/round-report.ts                              # a tenth
 *
 * BENCH_ROUNDS (default 3) repeats the timings on the same database and ends with the median of
 * each line's p50/p95 over the rounds. On MySQL/MariaDB the database named in the URL is created and
 * dropped again afterwards.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import mysql from "mysql2/promise";
import { parseDatabaseUrl } from "../../app/.server/db/config";
import { closeSequelize, getSequelize } from "../../app/.server/db/connection";
import { EvaluationRound, OrgUnit } from "../../app/.server/db/models";
import { decisionList } from "../../app/.server/rounds/decisions";
import { announcementOf } from "../../app/.server/rounds/objections";
import { criterionRates, roundDistribution, stageCounts } from "../../app/.server/rounds/report";
import { roundResultsXlsx } from "../../app/.server/rounds/results-xlsx";
import { schemeAt } from "../../app/.server/levels/scheme";
import { addDays, todayInChina } from "../../app/lib/dates";
import { migrateUp } from "../../db/migrator";
import { createRandom } from "../../db/seeders/names";

const APPLICANTS = Number(process.env.BENCH_APPLICANTS ?? 30_000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const SHAPE = { districts: 16, townships: 20, committees: 22 };
/** Beijing 2020–22, of 29,446: the result and how many. */
const PYRAMID: [string | null, number][] = [
  [null, 9535],
  ["level4", 18010],
  ["level3", 1186],
  ["level2", 625],
  ["level1", 90],
];

/** The pyramid scaled to n by largest remainders, so the shares stay and the counts add up to n. */
function scaled(n: number): [string | null, number][] {
  const whole = PYRAMID.reduce((s, [, c]) => s + c, 0);
  const exact = PYRAMID.map(([k, c]) => ({ k, x: (c * n) / whole }));
  const out = exact.map((e) => ({ k: e.k, n: Math.floor(e.x), r: e.x - Math.floor(e.x) }));
  let left = n - out.reduce((s, e) => s + e.n, 0);
  for (const e of [...out].sort((a, b) => b.r - a.r)) if (left-- > 0) e.n += 1;
  return out.map((e) => [e.k, e.n]);
}

async function setup() {
  const config = parseDatabaseUrl(process.env.DATABASE_URL);
  if (config.dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-round-bench-"));
    process.env.DATABASE_URL = `sqlite:${path.join(dir, "bench.sqlite")}`;
    return async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const admin = () => mysql.createConnection({ host: config.host, port: config.port, user: config.username, password: config.password });
  const c = await admin();
  await c.query(`DROP DATABASE IF EXISTS \`${config.database}\``);
  await c.query(`CREATE DATABASE \`${config.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await c.end();
  return async () => {
    const d = await admin();
    await d.query(`DROP DATABASE IF EXISTS \`${config.database}\``);
    await d.end();
  };
}

async function insert(table: string, rows: Record<string, unknown>[]) {
  const qi = getSequelize().getQueryInterface();
  for (let i = 0; i < rows.length; i += 1000) await qi.bulkInsert(table, rows.slice(i, i + 1000));
}

const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";
const GIVEN = "秀英桂兰建国志强明华立新振胜春梅玉珍海燕文军丽娟德明淑芬";

async function build() {
  const random = createRandom(30);
  const now = new Date();
  let nextId = 1;
  const units: Record<string, unknown>[] = [];
  const add = (parent: { id: number; path: string; depth: number } | null, kind: string, name: string) => {
    const id = nextId++;
    const node = { id, path: `${parent ? parent.path : "/"}${id}/`, depth: parent ? parent.depth + 1 : 0 };
    units.push({
      id,
      parent_id: parent?.id ?? null,
      kind,
      committee_kind: kind === "committee" ? "village_resident" : null,
      name,
      region_code: null,
      path: node.path,
      depth: node.depth,
      created_at: now,
      updated_at: now,
    });
    return node;
  };
  const committees: { id: number; path: string }[] = [];
  const city = add(null, "city", "基准市");
  for (let d = 1; d <= SHAPE.districts; d++) {
    const district = add(city, "county", `第${d}区`);
    for (let s = 1; s <= SHAPE.townships; s++) {
      const township = add(district, "township", `第${d}区第${s}街道`);
      for (let m = 1; m <= SHAPE.committees; m++) committees.push(add(township, "committee", `第${d}-${s}-${m}社区人民调解委员会`));
    }
  }
  await insert("org_units", units);
  await insert("users", [
    {
      id: 1,
      username: "bench",
      display_name: "基准",
      password_hash: "x",
      status: "active",
      must_change_password: false,
      created_at: now,
      updated_at: now,
    },
  ]);
  const today = todayInChina();
  const round = await EvaluationRound.create({
    orgUnitId: city.id,
    orgPath: city.path,
    title: "基准市人民调解员等级评定",
    levels: ["level1", "level2", "level3", "level4"],
    periodFrom: "2020-01-01",
    periodTo: "2022-12-31",
    applicationsFrom: addDays(today, -60),
    applicationsUntil: addDays(today, -40),
    reviewsUntil: addDays(today, -10),
    announcementDays: 7,
    announcedOn: addDays(today, -1),
    objectionsUntil: addDays(today, 5),
    validityYears: 2,
    combine: "trimmed",
    state: "announcing",
    createdBy: 1,
  } as never);
  // The results in a shuffled order, so every committee has a mix.
  const results: (string | null)[] = scaled(APPLICANTS).flatMap(([k, n]) => Array.from({ length: n }, () => k));
  for (let i = results.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [results[i], results[j]] = [results[j], results[i]];
  }
  const mediators: Record<string, unknown>[] = [];
  const applications: Record<string, unknown>[] = [];
  for (let id = 1; id <= APPLICANTS; id++) {
    const c = committees[id % committees.length];
    const name = `${random.pick([...SURNAMES])}${random.pick([...GIVEN])}${random.pick([...GIVEN])}`;
    mediators.push({
      id,
      org_unit_id: c.id,
      org_path: c.path,
      name,
      name_key: "",
      gender: random.next() < 0.5 ? "male" : "female",
      birth_year: random.int(1960, 1995),
      employment: "part_time",
      appointed_on: `${random.int(2005, 2019)}-03-01`,
      status: "active",
      phone: null,
      is_expert: false,
      created_at: now,
      updated_at: now,
    });
    const result = results[id - 1];
    const level = result ?? "level4";
    const criteria = [
      { kind: "serviceYears", threshold: 3, source: "automatic", figure: random.int(1, 15), status: "met" },
      { kind: "disputes", threshold: 30, source: "automatic", figure: random.int(5, 120), status: random.next() < 0.8 ? "met" : "notMet" },
      {
        kind: "successRate",
        threshold: 90,
        source: "automatic",
        figure: random.int(80, 100),
        status: random.next() < 0.85 ? "met" : "notMet",
      },
      {
        kind: "trainingHours",
        threshold: 24,
        source: "automatic",
        figure: random.int(10, 40),
        status: random.next() < 0.9 ? "met" : "notMet",
      },
      { kind: "noCriminal", threshold: null, source: "evidence", figure: null, status: "evidence", evidence: "书面承诺" },
    ];
    applications.push({
      round_id: round.id,
      mediator_id: id,
      user_id: null,
      committee_id: c.id,
      org_path: c.path,
      level,
      level_before: null,
      stage: "decided",
      figures: JSON.stringify({ level, at: now.toISOString(), meetsAutomatic: !!result, criteria }),
      evidence: null,
      submitted_at: now,
      score: random.int(600, 950) / 10,
      outcome: result ? "awarded" : "notAwarded",
      awarded_level: result,
      decision_reason: result ? "经评审委员会评审，符合条件。" : "期内调解案件数量不足。",
      decided_by: 1,
      decided_at: now,
      created_at: now,
      updated_at: now,
    });
  }
  await insert("mediators", mediators);
  await insert("round_applications", applications);
  return { round: (await EvaluationRound.findByPk(round.id))!, committees: committees.length };
}

/** Each line's p50/p95 per round, for the medians printed at the end. */
const results = new Map<string, { p50: number[]; p95: number[] }>();

async function time(label: string, run: () => Promise<unknown>, samplesWanted = 20) {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < samplesWanted; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))];
  const line = results.get(label) ?? { p50: [], p95: [] };
  line.p50.push(pct(50));
  line.p95.push(pct(95));
  results.set(label, line);
  console.log(`${label.padEnd(52)} p50 ${pct(50).toFixed(1).padStart(7)} ms   p95 ${pct(95).toFixed(1).padStart(7)} ms`);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const cleanup = await setup();
// The connection was made from DATABASE_URL as it was at import time: make it again from the one setup() chose.
await closeSequelize();
const sequelize = getSequelize();
await migrateUp(sequelize);
const started = performance.now();
const { round, committees } = await build();
if (sequelize.getDialect() === "sqlite") await sequelize.query("ANALYZE");
else await sequelize.query("ANALYZE TABLE round_applications, org_units, mediators, evaluation_rounds");
const pyramid = scaled(APPLICANTS)
  .map(([k, n]) => `${k ?? "未定级"} ${n}`)
  .join(", ");
console.log(
  `${sequelize.getDialect()}: ${APPLICANTS} decided applications (${pyramid}) in ${committees} committees, built in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
);

/** What the report route's loader reads: the distribution, the stage counts, the pass rates, the scheme. */
const report = (nodeId: number | null, now?: number) =>
  Promise.all([roundDistribution(round, nodeId), stageCounts(round.id), criterionRates(round.id, now), schemeAt(round.orgPath)]);
const district = (await OrgUnit.findOne({ where: { kind: "county" }, order: [["id", "DESC"]] }))!;
const township = (await OrgUnit.findOne({ where: { kind: "township" }, order: [["id", "ASC"]] }))!;
const committee = (await OrgUnit.findOne({ where: { kind: "committee" }, order: [["id", "DESC"]] }))!;
const pages = Math.ceil(APPLICANTS / 50);
const someone = (await announcementOf(round.id, { page: Math.ceil(pages / 3) }))!.rows[7].id;
let uncached = Date.now();
for (let r = 1; r <= ROUNDS; r++) {
  console.log(`round ${r} of ${ROUNDS}`);
  // The floor on this machine at this moment: one round trip that reads nothing.
  await time("baseline: SELECT 1", () => sequelize.query("SELECT 1"));
  await time("announcement, first page", () => announcementOf(round.id, {}));
  await time(`announcement, middle page (${Math.ceil(pages / 2)} of ${pages})`, () =>
    announcementOf(round.id, { page: Math.ceil(pages / 2) }),
  );
  await time("announcement, last page", () => announcementOf(round.id, { page: pages }));
  await time("announcement, search a township", () => announcementOf(round.id, { q: township.name }));
  await time("announcement, search a committee", () => announcementOf(round.id, { q: committee.name }));
  await time("announcement, search matching every committee", () => announcementOf(round.id, { q: "社区" }));
  await time("announcement, result 三级, middle page", () => announcementOf(round.id, { level: "level3", page: 10 }));
  await time("announcement, with an objection link", () => announcementOf(round.id, { object: someone }));
  await time("decisions list, first page", () => decisionList(round, {}));
  await time(`decisions list, middle page`, () => decisionList(round, { page: Math.ceil(pages / 2) }));
  await time("decisions list, decided only, page 100", () => decisionList(round, { show: "decided", page: 100 }));
  await time("report, the round's node", () => report(null));
  await time("report, a district (drill-down)", () => report(district.id));
  await time("report, a township (drill-down)", () => report(township.id));
  await time("report, pass rates uncached", () => criterionRates(round.id, (uncached += 120_000)), 5);
  await time("results .xlsx export", () => roundResultsXlsx(round), 3);
  console.log();
}
if (ROUNDS > 1) {
  console.log(`median of ${ROUNDS} rounds`);
  for (const [label, { p50, p95 }] of results)
    console.log(`${label.padEnd(52)} p50 ${median(p50).toFixed(1).padStart(7)} ms   p95 ${median(p95).toFixed(1).padStart(7)} ms`);
}
await closeSequelize();
await cleanup();
