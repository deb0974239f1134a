/**
 * Grade-evaluation criteria for a round of Beijing's size: builds a throw-away database with a
 * province tree, BENCH_MEDIATORS mediators (60,000) of whom BENCH_APPLICANTS (30,000) apply, each
 * with five years of case-register rollups (made by the register's own rollup code from generated
 * files, BENCH_FILES_PER_YEAR ≈ 20 a year each, as scripts/bench/case-stats.ts does — the files
 * themselves are not stored, since the criteria read only the rollups), training rollups, graded
 * attempts of the exam quiz, earlier levels and a few sanctions. Then times criteriaOfMany for
 * every applicant (each for the level above the one they hold) under Guangdong's rule plus an
 * exam criterion: one query per source for the whole batch, then the pure computation. Prints
 * each run; the bar is < 60 s on MariaDB.
 *
 *   npx tsx scripts/bench/ge-criteria.ts                                               # SQLite temp file
 *   DATABASE_URL=mysql://root@127.0.0.1:3306/academy_ge_bench npx tsx scripts/bench/ge-criteria.ts
 *   BENCH_MEDIATORS=6000 BENCH_APPLICANTS=3000 npx tsx scripts/bench/ge-criteria.ts        # a tenth
 *
 * On MySQL/MariaDB the database named in the URL is created and dropped again afterwards.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import mysql from "mysql2/promise";
import { parseDatabaseUrl } from "../../app/.server/db/config";
import { closeSequelize, getSequelize } from "../../app/.server/db/connection";
import { addFile, newDelta, writeDelta } from "../../app/.server/cases/rollup";
import { inTransaction } from "../../app/.server/db/connection";
import { criteriaOfMany } from "../../app/.server/levels/check";
import { factsOfMany, quizIdsOf } from "../../app/.server/levels/facts";
import { DISPUTE_CATEGORIES } from "../../app/lib/categories";
import { GUANGDONG_SCHEME, type LevelScheme } from "../../app/lib/levels";
import { migrateUp } from "../../db/migrator";
import { createRandom } from "../../db/seeders/names";

const MEDIATORS = Number(process.env.BENCH_MEDIATORS ?? 60_000);
const APPLICANTS = Math.min(MEDIATORS, Number(process.env.BENCH_APPLICANTS ?? 30_000));
const FILES_PER_YEAR = Number(process.env.BENCH_FILES_PER_YEAR ?? 20);
const YEARS = [2022, 2023, 2024, 2025, 2026];
const SHAPE = { cities: 14, counties: 8, committees: 30 };
const QUIZ = "grade-exam";
const SCHEME: LevelScheme = {
  ...GUANGDONG_SCHEME,
  levels: GUANGDONG_SCHEME.levels.map((l) => ({ ...l, criteria: [...l.criteria, { kind: "examScore", threshold: 60, quizId: QUIZ }] })),
};

async function setup() {
  const config = parseDatabaseUrl(process.env.DATABASE_URL);
  if (config.dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-ge-bench-"));
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

async function build() {
  const random = createRandom(19);
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
  const province = add(null, "province", "基准省");
  for (let c = 1; c <= SHAPE.cities; c++) {
    const city = add(province, "city", `第${c}市`);
    for (let k = 1; k <= SHAPE.counties; k++) {
      const county = add(city, "county", `第${c}市第${k}县`);
      for (let m = 1; m <= SHAPE.committees; m++) committees.push(add(county, "committee", `第${c}-${k}-${m}调委会`));
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

  const mediators: Record<string, unknown>[] = [];
  const training: Record<string, unknown>[] = [];
  const attempts: Record<string, unknown>[] = [];
  const levels: Record<string, unknown>[] = [];
  const sanctions: Record<string, unknown>[] = [];
  const delta = newDelta();
  let attemptNo = 0;
  for (let id = 1; id <= MEDIATORS; id++) {
    const c = committees[id % committees.length];
    const appointed = `${random.int(2005, 2025)}-${String(random.int(1, 12)).padStart(2, "0")}-01`;
    mediators.push({
      id,
      org_unit_id: c.id,
      org_path: c.path,
      name: `调解员${id}`,
      gender: "male",
      birth_year: 1975,
      employment: "part_time",
      appointed_on: appointed,
      status: "active",
      phone: null,
      is_expert: false,
      created_at: now,
      updated_at: now,
    });
    for (const year of YEARS) {
      if (year < Number(appointed.slice(0, 4))) continue;
      training.push({
        mediator_id: id,
        year,
        org_path: c.path,
        employment: "part_time",
        active: true,
        records: 4,
        practical: random.int(0, 3),
        hours: random.int(40, 300) / 10,
        compliant: random.next() < 0.85,
        newcomer: false,
        preservice_hours: 0,
        preservice_done: false,
      });
      const files = random.int(0, FILES_PER_YEAR * 2);
      for (let f = 0; f < files; f++) {
        const success = random.next() < 0.92;
        const oral = success && random.next() < 0.25;
        const confirmation = success && !oral && random.next() < 0.1 ? "confirmed" : "none";
        addFile(
          delta,
          {
            orgPath: c.path,
            category: random.pick(DISPUTE_CATEGORIES),
            closedOn: `${year}-06-15`,
            outcome: success ? "success" : "failure",
            agreementForm: success ? (oral ? "oral" : "written") : null,
            confirmation,
            followUp: success,
            voided: false,
            primaryMediatorId: id,
            assistantIds: [],
          },
          1,
        );
      }
    }
    if (id <= APPLICANTS)
      for (let k = random.int(0, 2); k > 0; k--)
        attempts.push({
          quiz_id: QUIZ,
          user_id: 1,
          mediator_id: id,
          org_path: c.path,
          number: ++attemptNo,
          state: "graded",
          settings: "{}",
          started_at: now,
          deadline_at: null,
          submitted_at: now,
          closed_by: "user",
          score: 0,
          max_score: 100,
          percent: random.int(30, 100),
          passed: false,
          gradings: 0,
          created_at: now,
          updated_at: now,
        });
    // Beijing's pyramid, roughly: a third without level, most of the rest 四级, a few higher.
    const r = random.next();
    const level = r < 0.35 ? null : r < 0.9 ? "level4" : r < 0.96 ? "level3" : r < 0.99 ? "level2" : "level1";
    if (level)
      levels.push({
        mediator_id: id,
        level,
        from: `${random.int(2018, 2023)}-12-20`,
        until: null,
        source: "import",
        note: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      });
    if (random.next() < 0.01)
      sanctions.push({
        mediator_id: id,
        on: `${random.pick(YEARS)}-03-01`,
        reason: "违反调解纪律",
        document_no: `处〔${id}〕号`,
        note: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      });
  }
  await insert("mediators", mediators);
  await insert("mediator_years", training);
  await insert("quiz_attempts", attempts);
  await insert("mediator_levels", levels);
  await insert("mediator_sanctions", sanctions);
  await inTransaction((t) => writeDelta(delta, t));
  return {
    levels: new Map(levels.map((l) => [Number(l.mediator_id), String(l.level)])),
    counts: {
      training: training.length,
      attempts: attempts.length,
      levels: levels.length,
      sanctions: sanctions.length,
      caseYears: delta.mediators.size,
    },
  };
}

const cleanup = await setup();
const sequelize = getSequelize();
await migrateUp(sequelize);
const started = performance.now();
const { levels, counts } = await build();
if (sequelize.getDialect() === "sqlite") await sequelize.query("ANALYZE");
else
  await sequelize.query("ANALYZE TABLE mediators, mediator_case_years, mediator_years, quiz_attempts, mediator_levels, mediator_sanctions");
console.log(
  `${sequelize.getDialect()}: ${MEDIATORS} mediators (${counts.caseYears} register rollup rows, ${counts.training} training rows, ${counts.attempts} attempts, ${counts.levels} levels, ${counts.sanctions} sanctions), built in ${((performance.now() - started) / 1000).toFixed(0)} s`,
);

// Each applicant applies for the level above the one they hold (四级 when they hold none; 一级 holders for 一级 again).
const order = SCHEME.levels.map((l) => l.key);
const applicants = Array.from({ length: APPLICANTS }, (_, i) => {
  const held = levels.get(i + 1);
  const at = held ? order.indexOf(held) : order.length;
  return { mediatorId: i + 1, level: order[Math.max(0, at - 1)] };
});
const period = { from: "2024-01-01", to: "2026-06-30" };
for (let run = 1; run <= 3; run++) {
  const t0 = performance.now();
  const facts = await factsOfMany(
    applicants.map((a) => a.mediatorId),
    period,
    quizIdsOf(SCHEME),
  );
  const t1 = performance.now();
  const results = await criteriaOfMany(applicants, SCHEME, period);
  const t2 = performance.now();
  const meets = results.filter((r) => r.check.meetsAutomatic).length;
  console.log(
    `run ${run}: ${APPLICANTS} applicants' criteria in ${((t2 - t1) / 1000).toFixed(2)} s (facts alone ${((t1 - t0) / 1000).toFixed(2)} s for ${facts.length}); ${meets} meet the computed criteria of the level they apply for — bar < 60 s`,
  );
}
await closeSequelize();
await cleanup();
