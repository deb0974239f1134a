/**
 * Roster list at province scale: builds a throw-away database with ~200,000 mediators in a
 * province tree (14 cities × 8 counties × 10 townships × 8 committees), then times the roster
 * queries a province, a county and a township admin run. Prints p50/p95 per query.
 *
 *   npx tsx scripts/bench/roster.ts                                   # SQLite temp file
 *   DATABASE_URL=mysql://root@127.0.0.1:3306/academy_bench npx tsx scripts/bench/roster.ts
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseDatabaseUrl } from "../../app/.server/db/config";
import { closeSequelize, getSequelize } from "../../app/.server/db/connection";
import { OrgUnit } from "../../app/.server/db/models";
import { getOrgScope } from "../../app/.server/org";
import { listRoster } from "../../app/.server/roster/queries";
import { DISPUTE_CATEGORIES } from "../../app/lib/categories";
import { rosterFilterSchema } from "../../app/lib/mediator";
import { migrateUp } from "../../db/migrator";
import { createRandom, makeName } from "../../db/seeders/names";

const TARGET = Number(process.env.BENCH_MEDIATORS ?? 200_000);
const SHAPE = { cities: 14, counties: 8, townships: 10, committees: 8 };

async function setup() {
  const config = parseDatabaseUrl(process.env.DATABASE_URL);
  if (config.dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-bench-"));
    process.env.DATABASE_URL = `sqlite:${path.join(dir, "bench.sqlite")}`;
    return () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const sequelize = getSequelize();
  await sequelize.query("SET FOREIGN_KEY_CHECKS = 0");
  for (const table of [
    "audit_events",
    "mediator_specialties",
    "mediators",
    "rate_limits",
    "sessions",
    "role_grants",
    "users",
    "org_units",
    "schema_migrations",
  ]) {
    await sequelize.query(`DROP TABLE IF EXISTS ${table}`);
  }
  await sequelize.query("SET FOREIGN_KEY_CHECKS = 1");
  return () => undefined;
}

/** Inserts the tree level by level with multi-row INSERTs; paths follow from the ids. */
async function buildTree() {
  const sequelize = getSequelize();
  const qi = sequelize.getQueryInterface();
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

async function buildMediators(committees: { id: number; path: string }[]) {
  const qi = getSequelize().getQueryInterface();
  const random = createRandom(42);
  const now = new Date();
  let batch: Record<string, unknown>[] = [];
  let specialties: Record<string, unknown>[] = [];
  for (let id = 1; id <= TARGET; id++) {
    const gender = random.next() < 0.6 ? "male" : "female";
    batch.push({
      id,
      org_unit_id: committees[id % committees.length].id,
      org_path: committees[id % committees.length].path,
      name: makeName(random, gender),
      gender,
      birth_year: random.int(1958, 1998),
      employment: random.next() < 0.13 ? "full_time" : "part_time",
      appointed_on: `${random.int(2005, 2026)}-0${random.int(1, 9)}-1${random.int(0, 9)}`,
      status: random.next() < 0.94 ? "active" : "suspended",
      phone: `1${random.pick("3578")}${String(random.int(0, 999_999_999)).padStart(9, "0")}`,
      is_expert: false,
      created_at: now,
      updated_at: now,
    });
    specialties.push({ mediator_id: id, category: random.pick(DISPUTE_CATEGORIES) });
    if (batch.length === 1000) {
      await qi.bulkInsert("mediators", batch);
      await qi.bulkInsert("mediator_specialties", specialties);
      batch = [];
      specialties = [];
    }
  }
  if (batch.length) {
    await qi.bulkInsert("mediators", batch);
    await qi.bulkInsert("mediator_specialties", specialties);
  }
}

async function time(label: string, run: () => Promise<unknown>, rounds = 15) {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))].toFixed(1);
  console.log(`${label.padEnd(58)} p50 ${pct(50).padStart(7)} ms   p95 ${pct(95).padStart(7)} ms`);
}

const cleanup = await setup();
const sequelize = getSequelize();
await migrateUp(sequelize);
const started = performance.now();
const committees = await buildTree();
await buildMediators(committees);
if (sequelize.getDialect() === "sqlite") await sequelize.query("ANALYZE");
else await sequelize.query("ANALYZE TABLE mediators, org_units, mediator_specialties");
console.log(
  `${sequelize.getDialect()}: ${TARGET} mediators in ${committees.length} committees, built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);

const province = (await OrgUnit.findOne({ where: { kind: "province" } }))!;
const county = (await OrgUnit.findOne({ where: { kind: "county" }, order: [["id", "DESC"]] }))!;
const township = (await OrgUnit.findOne({ where: { kind: "township" }, order: [["id", "DESC"]] }))!;
const scopes = {
  province: [(await getOrgScope(province.id))!],
  county: [(await getOrgScope(county.id))!],
  township: [(await getOrgScope(township.id))!],
};
const f = (q: Record<string, string>) => rosterFilterSchema.parse(q);
for (const [who, scope] of Object.entries(scopes)) {
  await time(`${who}: first page, by name`, () => listRoster(scope, f({})));
  await time(`${who}: page 20, by appointment date desc`, () => listRoster(scope, f({ page: "20", sort: "appointedOn", dir: "desc" })));
  await time(`${who}: full-time + specialty 劳动争议`, () => listRoster(scope, f({ employment: "full_time", specialty: "labour" })));
  await time(`${who}: search by surname "王"`, () => listRoster(scope, f({ q: "王" })));
  await time(`${who}: search by phone prefix`, () => listRoster(scope, f({ q: "1391" })));
}
await closeSequelize();
cleanup();
