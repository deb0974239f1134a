/**
 * Case register import at a city's year: builds a throw-away database with a city tree
 * (10 counties × 10 townships × 6 committees, 10 mediators each), writes a 50,000-row register
 * (.xlsx, the template's columns) and times the import end to end — reading, checking every row,
 * writing files, assistants, rollups and the audit row in one transaction — then a refused run
 * (one bad row at the end: everything checked, nothing written) and the copy with errors marked.
 * The issue's bar: under a minute on both databases.
 *
 *   npx tsx scripts/bench/case-import.ts                                        # SQLite temp file
 *   DATABASE_URL=mysql://root@127.0.0.1:3306/academy_cases_bench npx tsx scripts/bench/case-import.ts
 *   BENCH_ROWS=10000 npx tsx scripts/bench/case-import.ts                       # smaller
 *
 * On MySQL/MariaDB the database named in the URL is created and dropped again afterwards.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import mysql from "mysql2/promise";
import { parseDatabaseUrl } from "../../app/.server/db/config";
import { closeSequelize, getSequelize } from "../../app/.server/db/connection";
import { OrgUnit, User } from "../../app/.server/db/models";
import { getOrgScope } from "../../app/.server/org";
import { importCases, keepAnnotatedCopy } from "../../app/.server/cases/import";
import { compareCaseRollups } from "../../app/.server/cases/rollup";
import { CASE_COLUMNS, CASE_LABELS } from "../../app/.server/cases/sheet";
import { DISPUTE_CATEGORIES } from "../../app/lib/categories";
import { migrateUp } from "../../db/migrator";
import { createRandom, makeName } from "../../db/seeders/names";

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const SHAPE = { counties: 10, townships: 10, committees: 6, mediators: 10 };
process.env.APP_SECRET ??= "bench-secret";

async function setup() {
  const config = parseDatabaseUrl(process.env.DATABASE_URL);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-case-bench-"));
  process.env.UPLOAD_DIR = path.join(dir, "uploads");
  if (config.dialect === "sqlite") {
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
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

type Committee = { id: number; name: string; path: string; people: string[] };

/** The tree and roster with multi-row INSERTs; paths follow from the ids. Names are unique within a committee. */
async function buildCity(): Promise<Committee[]> {
  const qi = getSequelize().getQueryInterface();
  const random = createRandom(7);
  const now = new Date();
  let nextId = 1;
  const units: Record<string, unknown>[] = [];
  const add = (
    parent: { id: number; path: string; depth: number } | null,
    kind: string,
    name: string,
    committeeKind: string | null = null,
  ) => {
    const id = nextId++;
    const node = { id, path: `${parent ? parent.path : "/"}${id}/`, depth: parent ? parent.depth + 1 : 0 };
    units.push({
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
  const province = add(null, "province", "基准省");
  const city = add(province, "city", "基准市");
  const committees: Committee[] = [];
  for (let k = 1; k <= SHAPE.counties; k++) {
    const county = add(city, "county", `第${k}县`);
    for (let s = 1; s <= SHAPE.townships; s++) {
      const township = add(county, "township", `第${k}-${s}镇`);
      for (let m = 1; m <= SHAPE.committees; m++) {
        const name = `第${k}-${s}-${m}村人民调解委员会`;
        committees.push({ ...add(township, "committee", name, "village_resident"), name, people: [] });
      }
    }
  }
  for (let i = 0; i < units.length; i += 1000) await qi.bulkInsert("org_units", units.slice(i, i + 1000));
  let id = 1;
  const mediators: Record<string, unknown>[] = [];
  for (const c of committees) {
    const names = new Set<string>();
    while (names.size < SHAPE.mediators) names.add(makeName(random, random.next() < 0.6 ? "male" : "female"));
    c.people = [...names];
    for (const name of c.people)
      mediators.push({
        id: id++,
        org_unit_id: c.id,
        org_path: c.path,
        name,
        gender: "male",
        birth_year: 1975,
        employment: "part_time",
        appointed_on: "2018-03-01",
        status: "active",
        phone: null,
        is_expert: false,
        created_at: now,
        updated_at: now,
      });
  }
  for (let i = 0; i < mediators.length; i += 1000) await qi.bulkInsert("mediators", mediators.slice(i, i + 1000));
  return committees;
}

/** A register of `rows` files closed in 2025, as the template's sheet. */
async function registerXlsx(committees: Committee[], rows: number, bad = false): Promise<Buffer> {
  const random = createRandom(11);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("台账");
  sheet.addRow(CASE_COLUMNS.map((c) => c.header));
  const categories = DISPUTE_CATEGORIES.map((c) => CASE_LABELS.category[c]);
  for (let i = 0; i < rows; i++) {
    const c = committees[i % committees.length];
    const primary = random.pick(c.people);
    const helper = random.next() < 0.25 ? c.people.find((p) => p !== primary)! : null;
    const month = random.int(1, 12);
    const day = random.int(1, 20);
    const success = random.next() < 0.96;
    const oral = success && random.next() < 0.3;
    sheet
      .addRow([
        `调〔2025〕${String(Math.floor(i / committees.length) + 1).padStart(4, "0")}号`,
        c.name,
        primary,
        helper,
        random.pick(categories),
        "当事人申请",
        `2025-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
        bad && i === rows - 1 ? "2024-01-01" : `2025-${String(month).padStart(2, "0")}-${String(day + random.int(0, 8)).padStart(2, "0")}`,
        success ? "调解成功" : "调解不成功",
        success ? (oral ? "口头协议" : "书面协议") : null,
        success && !oral && random.next() < 0.08 ? "已确认" : "未申请",
        success && random.next() < 0.8 ? "是" : "否",
        success ? "已履行" : null,
        2,
        random.next() < 0.5 ? random.int(5, 400) * 100 : null,
        "张某与李某因宅基地界址发生纠纷，经调解双方达成协议。",
      ])
      .commit();
  }
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const cleanup = await setup();
const sequelize = getSequelize();
await migrateUp(sequelize);
const committees = await buildCity();
const user = await User.create({ username: "bench", displayName: "基准", passwordHash: "x", passwordChangedAt: null });
const city = (await OrgUnit.findOne({ where: { kind: "city" } }))!;
const actor = { id: user.id, scopes: [(await getOrgScope(city.id))!], ip: "bench" };
const dialect = sequelize.getDialect();
console.log(`${dialect}: ${committees.length} committees, ${committees.length * SHAPE.mediators} mediators; register of ${ROWS} rows\n`);

let t = performance.now();
const good = await registerXlsx(committees, ROWS);
const bad = await registerXlsx(committees, ROWS, true);
console.log(
  `built the .xlsx files                 ${seconds(performance.now() - t)}   (${(good.length / 1024 / 1024).toFixed(1)} MB each)`,
);

t = performance.now();
const refused = await importCases(actor, bad);
const refusedMs = performance.now() - t;
if (refused.ok) throw new Error("the bad file was imported");
console.log(
  `refused run (all rows checked)        ${seconds(refusedMs)}   ${refused.errors.length} error(s): row ${refused.errors[0].row} ${refused.errors[0].column}`,
);
t = performance.now();
await keepAnnotatedCopy(user.id, bad, refused.errors);
console.log(`copy with the error column            ${seconds(performance.now() - t)}`);

t = performance.now();
const result = await importCases(actor, good);
const importMs = performance.now() - t;
if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 5)));
console.log(
  `import (read, check, write, rollups)  ${seconds(importMs)}   ${result.created} files, ${(result.created / (importMs / 1000)).toFixed(0)} rows/s`,
);
const problems = await compareCaseRollups();
console.log(`rollups equal a GROUP BY              ${problems.length === 0 ? "yes" : `no (${problems.length} differences)`}`);
console.log(`\nunder a minute: ${importMs < 60_000 && refusedMs < 60_000 ? "yes" : "NO"}`);
await closeSequelize();
await cleanup();
