/**
 * Case figures at province scale: builds a throw-away database with a province tree
 * (14 cities × 8 counties × 10 townships × 8 committees), BENCH_MEDIATORS mediators (200,000) and
 * BENCH_FILES register files (3,000,000, five closing years) with their rollups, then times what
 * the pages read: the node page (province, city, county, township, committee), a mediator's
 * figures, and the register's first page at three scopes. Prints p50/p95; the bar is a
 * node page p95 under 100 ms on MariaDB.
 *
 *   npx tsx scripts/bench/case-stats.ts                                          # SQLite temp file
 *   DATABASE_URL=mysql://root@127.0.0.1:3306/academy_cases_bench npx tsx scripts/bench/case-stats.ts
 *   BENCH_MEDIATORS=20000 BENCH_FILES=300000 npx tsx scripts/bench/case-stats.ts   # a tenth
 *
 * BENCH_ROUNDS (default 3) repeats the timings on the same database and ends with the median of
 * each line's p50/p95 over the rounds.
 *
 * On MySQL/MariaDB the database named in the URL is created and dropped again afterwards.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import mysql from "mysql2/promise";
import { parseDatabaseUrl } from "../../app/.server/db/config";
import { closeSequelize, getSequelize, inTransaction } from "../../app/.server/db/connection";
import { OrgUnit } from "../../app/.server/db/models";
import { getOrgScope } from "../../app/.server/org";
import { listCaseFiles } from "../../app/.server/cases/register";
import { addFile, newDelta, writeDelta } from "../../app/.server/cases/rollup";
import { mediatorCaseYears, nodeCaseStats } from "../../app/.server/cases/stats";
import { DISPUTE_CATEGORIES } from "../../app/lib/categories";
import { caseFilterSchema } from "../../app/lib/case-file";
import { migrateUp } from "../../db/migrator";
import { createRandom } from "../../db/seeders/names";

const MEDIATORS = Number(process.env.BENCH_MEDIATORS ?? 200_000);
const FILES = Number(process.env.BENCH_FILES ?? 3_000_000);
const SHAPE = { cities: 14, counties: 8, townships: 10, committees: 8 };
const YEARS = [2022, 2023, 2024, 2025, 2026];
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

async function setup() {
  const config = parseDatabaseUrl(process.env.DATABASE_URL);
  if (config.dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-case-bench-"));
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

async function buildTree() {
  const qi = getSequelize().getQueryInterface();
  const now = new Date();
  let nextId = 1;
  const rows: Record<string, unknown>[] = [];
  const add = (
    parent: { id: number; path: string; depth: number } | null,
    kind: string,
    name: string,
    committeeKind: string | null = null,
  ) => {
    const id = nextId++;
    const node = { id, path: `${parent ? parent.path : "/"}${id}/`, depth: parent ? parent.depth + 1 : 0 };
    rows.push({
      id,
      parent_id: parent?.id ?? null,
      kind,
      committee_kind: committeeKind,
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
  const province = add(null, "province", "基准省");
  for (let c = 1; c <= SHAPE.cities; c++) {
    const city = add(province, "city", `第${c}市`);
    for (let k = 1; k <= SHAPE.counties; k++) {
      const county = add(city, "county", `第${c}市第${k}县`);
      for (let s = 1; s <= SHAPE.townships; s++) {
        const township = add(county, "township", `第${c}-${k}-${s}镇`);
        for (let m = 1; m <= SHAPE.committees; m++)
          committees.push(add(township, "committee", `第${c}-${k}-${s}-${m}村调委会`, "village_resident"));
      }
    }
  }
  for (let i = 0; i < rows.length; i += 1000) await qi.bulkInsert("org_units", rows.slice(i, i + 1000));
  return committees;
}

async function buildRegister(committees: { id: number; path: string }[]) {
  const qi = getSequelize().getQueryInterface();
  const random = createRandom(3);
  const now = new Date();
  let batch: Record<string, unknown>[] = [];
  for (let id = 1; id <= MEDIATORS; id++) {
    const c = committees[id % committees.length];
    batch.push({
      id,
      org_unit_id: c.id,
      org_path: c.path,
      name: `调解员${id}`,
      gender: "male",
      birth_year: 1975,
      employment: "part_time",
      appointed_on: "2015-03-01",
      status: "active",
      phone: null,
      is_expert: false,
      created_at: now,
      updated_at: now,
    });
    if (batch.length === 2000) {
      await qi.bulkInsert("mediators", batch);
      batch = [];
    }
  }
  if (batch.length) await qi.bulkInsert("mediators", batch);
  const delta = newDelta();
  const seq = new Map<number, number>();
  let files: Record<string, unknown>[] = [];
  let assistants: Record<string, unknown>[] = [];
  for (let id = 1; id <= FILES; id++) {
    const mediatorId = random.int(1, MEDIATORS);
    const c = committees[mediatorId % committees.length];
    const year = random.pick(YEARS);
    const closedOn = `${year}-${String(random.int(1, 12)).padStart(2, "0")}-${String(random.int(1, 28)).padStart(2, "0")}`;
    const success = random.next() < 0.95;
    const oral = success && random.next() < 0.3;
    const confirmation = success && !oral && random.next() < 0.08 ? "confirmed" : "none";
    const category = random.pick(DISPUTE_CATEGORIES);
    const helper = random.next() < 0.2 ? (mediatorId + committees.length <= MEDIATORS ? mediatorId + committees.length : null) : null;
    const n = (seq.get(c.id) ?? 0) + 1;
    seq.set(c.id, n);
    files.push({
      id,
      org_unit_id: c.id,
      org_path: c.path,
      file_no: `调〔${year}〕${n}号`,
      primary_mediator_id: mediatorId,
      category,
      source: "application",
      received_on: closedOn,
      closed_on: closedOn,
      outcome: success ? "success" : "failure",
      agreement_form: success ? (oral ? "oral" : "written") : null,
      confirmation,
      follow_up: success,
      performed: success ? "yes" : null,
      parties: 2,
      amount: null,
      summary: "张某与李某因琐事发生纠纷，经调解达成协议。",
      voided: false,
      void_reason: null,
      created_by: null,
      updated_by: null,
      created_at: now,
      updated_at: now,
    });
    if (helper) assistants.push({ case_file_id: id, mediator_id: helper });
    addFile(
      delta,
      {
        orgPath: c.path,
        category,
        closedOn,
        outcome: success ? "success" : "failure",
        agreementForm: success ? (oral ? "oral" : "written") : null,
        confirmation,
        followUp: success,
        voided: false,
        primaryMediatorId: mediatorId,
        assistantIds: helper ? [helper] : [],
      },
      1,
    );
    if (files.length === 1000) {
      await qi.bulkInsert("case_files", files);
      if (assistants.length) await qi.bulkInsert("case_file_assistants", assistants);
      files = [];
      assistants = [];
    }
  }
  if (files.length) await qi.bulkInsert("case_files", files);
  if (assistants.length) await qi.bulkInsert("case_file_assistants", assistants);
  await inTransaction((t) => writeDelta(delta, t));
}

/** Each line's p50/p95 per round, for the medians printed at the end. */
const results = new Map<string, { p50: number[]; p95: number[] }>();

async function time(label: string, run: () => Promise<unknown>, rounds = 20) {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
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
  console.log(`${label.padEnd(44)} p50 ${pct(50).toFixed(1).padStart(7)} ms   p95 ${pct(95).toFixed(1).padStart(7)} ms`);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const cleanup = await setup();
const sequelize = getSequelize();
await migrateUp(sequelize);
const started = performance.now();
const committees = await buildTree();
await buildRegister(committees);
if (sequelize.getDialect() === "sqlite") await sequelize.query("ANALYZE");
else await sequelize.query("ANALYZE TABLE case_files, mediator_case_years, org_case_years, org_units, mediators");
console.log(
  `${sequelize.getDialect()}: ${MEDIATORS} mediators, ${FILES} files in ${committees.length} committees, built in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
);

const node = async (kind: string) => {
  const u = (await OrgUnit.findOne({ where: { kind }, order: [["id", "DESC"]] }))!;
  return { id: u.id, name: u.name, path: u.path, kind: u.kind };
};
for (let round = 1; round <= ROUNDS; round++) {
  console.log(`round ${round} of ${ROUNDS}`);
  for (const kind of ["province", "city", "county", "township", "committee"]) {
    const n = await node(kind);
    await time(`node page, ${kind}, 2025`, () => nodeCaseStats(n, 2025));
  }
  await time("a mediator's figures (profile)", () => mediatorCaseYears(MEDIATORS / 2));
  for (const kind of ["province", "county", "township"]) {
    const scope = [(await getOrgScope((await node(kind)).id))!];
    await time(`register first page, ${kind}`, () => listCaseFiles(scope, caseFilterSchema.parse({})));
    await time(`register first page, ${kind}, 2025`, () => listCaseFiles(scope, caseFilterSchema.parse({ year: "2025" })));
  }
  console.log();
}
if (ROUNDS > 1) {
  console.log(`median of ${ROUNDS} rounds`);
  for (const [label, { p50, p95 }] of results)
    console.log(`${label.padEnd(44)} p50 ${median(p50).toFixed(1).padStart(7)} ms   p95 ${median(p95).toFixed(1).padStart(7)} ms`);
}
await closeSequelize();
await cleanup();
