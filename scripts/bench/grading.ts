/**
 * The grading queue with 5,000 submissions in one exercise: builds a throw-away database with the
 * demo data, adds 5,000 mediators of 城关镇 who all submitted the demo exercise (most waiting, some
 * graded, released or returned), then times, as demo_trainer: the queue query, "next ungraded",
 * and the whole /grading page loader. Prints p50/p95 per step (target p95 < 50 ms).
 *
 *   npx tsx scripts/bench/grading.ts                                        # SQLite temp file
 *   DATABASE_URL=mysql://root@127.0.0.1:3306 npx tsx scripts/bench/grading.ts   # fresh MariaDB database
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import mysql from "mysql2/promise";

const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 100);

let cleanup: () => Promise<void> = async () => undefined;
if (process.env.DATABASE_URL?.startsWith("mysql")) {
  const base = new URL(process.env.DATABASE_URL);
  const name = `academy_bench_grading_${Date.now()}`;
  const admin = await mysql.createConnection({
    host: base.hostname,
    port: Number(base.port || 3306),
    user: decodeURIComponent(base.username),
    password: decodeURIComponent(base.password),
  });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  base.pathname = `/${name}`;
  process.env.DATABASE_URL = base.toString();
  cleanup = async () => {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  };
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-bench-"));
  process.env.DATABASE_URL = `sqlite:${path.join(dir, "bench.sqlite")}`;
  cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
}
process.env.APP_SECRET ??= crypto.randomBytes(24).toString("hex");
process.env.CONTENT_BUNDLE ??= path.resolve(import.meta.dirname, "../../build/content/courses.json");

const { closeSequelize, getSequelize } = await import("../../app/.server/db/connection");
const { Exercise, ExerciseSubmission, OrgUnit, User } = await import("../../app/.server/db/models");
const { addMediators } = await import("../../app/.server/roster/entries");
const { nextUngraded, submissionQueue } = await import("../../app/.server/exercises/grading");
const { createSession } = await import("../../app/.server/web/session");
const { getOrgScope } = await import("../../app/.server/org");
const gradingPage = await import("../../app/routes/grading._index");
const { migrateUp } = await import("../../db/migrator");
const { seedDemo } = await import("../../db/seeders/demo");

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
async function time(name: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  console.log(`${name.padEnd(44)} p50 ${pct(ms, 50).toFixed(1).padStart(6)} ms   p95 ${pct(ms, 95).toFixed(1).padStart(6)} ms`);
}

try {
  await migrateUp(getSequelize());
  await seedDemo();
  const exercise = (await Exercise.findOne({ where: { title: "模拟调解：院墙界址纠纷" } }))!;
  const township = (await OrgUnit.findOne({ where: { name: "城关镇" } }))!;
  const committees = await OrgUnit.findAll({ where: { kind: "committee", parentId: township.id } });
  const tag = crypto.randomBytes(3).toString("hex");
  const started = performance.now();
  for (let from = 0; from < SUBMISSIONS; from += 1000) {
    const n = Math.min(1000, SUBMISSIONS - from);
    const users = await User.bulkCreate(
      Array.from({ length: n }, (_, i) => ({
        username: `bench_${tag}_${from + i}`,
        displayName: `学员${from + i}`,
        passwordHash: "-",
        passwordChangedAt: null,
        phone: null,
      })),
    );
    const mediators = await addMediators(
      users.map((u, i) => {
        const c = committees[(from + i) % committees.length];
        return { orgUnitId: c.id, orgPath: c.path, name: `学员${from + i}`, gender: "female", employment: "part_time", userId: u.id };
      }),
    );
    await ExerciseSubmission.bulkCreate(
      mediators.map((m, i) => {
        const k = (from + i) % 20;
        const state = k < 12 ? "submitted" : k < 17 ? "graded" : k < 19 ? "released" : "returned";
        return {
          exerciseId: exercise.id,
          userId: m.userId!,
          mediatorId: m.id,
          orgPath: m.orgPath,
          state,
          body: "## 调解步骤\n一、分开谈话；二、现场指认界址；三、拟定协议。",
          submittedAt: new Date(Date.now() - (SUBMISSIONS - from - i) * 60_000),
          anonCode: `A-${(from + i).toString(16).toUpperCase().padStart(6, "0")}`,
          score: state === "submitted" || state === "returned" ? null : 40,
          passed: state === "submitted" || state === "returned" ? null : true,
        };
      }),
    );
  }
  console.log(
    `${SUBMISSIONS} submissions in one exercise built in ${((performance.now() - started) / 1000).toFixed(1)} s (${process.env.DATABASE_URL!.startsWith("mysql") ? "MariaDB/MySQL" : "SQLite"}), ${RUNS} runs each:`,
  );

  const trainer = (await User.findOne({ where: { username: "demo_trainer" } }))!;
  const county = (await OrgUnit.findOne({ where: { name: "青山县" } }))!;
  const scopes = [(await getOrgScope(county.id))!];
  const cookie = (await createSession(trainer.id, new Request("http://localhost/"))).split(";")[0];

  await time("queue: waiting submissions of the exercise", () => submissionQueue(scopes, { exerciseId: exercise.id, state: "submitted" }));
  await time("queue: released submissions of the exercise", () => submissionQueue(scopes, { exerciseId: exercise.id, state: "released" }));
  await time("next ungraded (oldest waiting)", () => nextUngraded(scopes, exercise.id));
  await time("next ungraded after skipping the current one", () => nextUngraded(scopes, exercise.id, 1));
  await time("GET /grading?exercise=… (whole loader, signed in)", () =>
    gradingPage.loader({
      request: new Request(`http://localhost/grading?exercise=${exercise.id}`, { headers: { Cookie: cookie } }),
      params: {},
      context: {},
    }),
  );
  await closeSequelize();
} finally {
  await cleanup();
}
