import { QueryTypes } from "sequelize";
import { getSequelize } from "~/.server/db/connection";
import * as home from "~/routes/_index";
import * as adminAudit from "~/routes/admin.audit";
import * as adminUsers from "~/routes/admin.users._index";
import * as applications from "~/routes/applications._index";
import * as cases from "~/routes/cases._index";
import * as caseStats from "~/routes/cases.stats";
import * as compliance from "~/routes/compliance._index";
import * as complianceMediators from "~/routes/compliance.mediators";
import * as consultations from "~/routes/consultations._index";
import * as courses from "~/routes/courses._index";
import * as assignments from "~/routes/courses.assignments";
import * as events from "~/routes/events._index";
import * as exams from "~/routes/exams._index";
import * as exercises from "~/routes/exercises._index";
import * as expertsAdmin from "~/routes/experts.admin._index";
import * as experts from "~/routes/experts._index";
import * as grading from "~/routes/grading._index";
import * as me from "~/routes/me";
import * as notifications from "~/routes/notifications._index";
import * as quizzes from "~/routes/quizzes._index";
import * as reviews from "~/routes/reviews._index";
import * as reviewsAssigned from "~/routes/reviews.assigned";
import * as roomsManage from "~/routes/rooms.manage._index";
import * as rooms from "~/routes/rooms._index";
import * as roster from "~/routes/roster._index";
import * as rounds from "~/routes/rounds._index";
import * as roundScoring from "~/routes/rounds.score";
import * as rubrics from "~/routes/rubrics._index";
import * as training from "~/routes/training._index";
import * as verifyQueue from "~/routes/training.verify";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { callRoute, seedWithPersonas, type Persona } from "../support/personas";
import { addVolume } from "../support/volume";

/**
 * Issue 24, query plans: every list, dashboard and workspace page of the menu is loaded as the
 * personas who open it, on the demo data with a province's volume added (12,000 mediators, 36,000
 * ledger lines, 12,000 case files); every SELECT those loaders send is captured and explained —
 * EXPLAIN QUERY PLAN on SQLite, EXPLAIN on MariaDB — and the test fails on a full scan (of the
 * table or of a whole index) of a table that grows with the province: the request path reads
 * rollups and indexes, never every row.
 */
const GROWING = new Set([
  "mediators",
  "users",
  "training_records",
  "training_logs",
  "case_files",
  "case_file_assistants",
  "quiz_attempts",
  "quiz_attempt_items",
  "audit_events",
  "notifications",
  "sessions",
  "event_registrations",
  "exercise_submissions",
  "round_applications",
  "certificates",
  "mediator_years",
  "mediator_year_stats",
  "attachments",
]);

type Module = { loader: unknown };
const PAGES: [Persona, Module, string][] = [
  ["mediator", home, "/"],
  ["trainer", home, "/"],
  ["reviewer", home, "/"],
  ["township", home, "/"],
  ["county", home, "/"],
  ["sysadmin", home, "/"],
  ["county", roster, "/roster"],
  ["county", roster, "/roster?q=王建"],
  ["sysadmin", roster, "/roster"],
  ["sysadmin", roster, "/roster?page=40"],
  ["township", roster, "/roster"],
  ["county", compliance, "/compliance"],
  ["sysadmin", compliance, "/compliance"],
  ["county", complianceMediators, "/compliance/mediators"],
  ["county", cases, "/cases"],
  ["sysadmin", cases, "/cases"],
  ["township", cases, "/cases"],
  ["county", caseStats, "/cases/stats"],
  ["sysadmin", caseStats, "/cases/stats"],
  ["mediator", events, "/events"],
  ["county", events, "/events"],
  ["trainer", grading, "/grading"],
  ["township", verifyQueue, "/training/verify"],
  ["mediator", training, "/training"],
  ["mediator", notifications, "/notifications"],
  ["mediator", courses, "/courses"],
  ["county", assignments, "/courses/assignments"],
  ["mediator", quizzes, "/quizzes"],
  ["mediator", exercises, "/exercises"],
  ["trainer", exercises, "/exercises"],
  ["trainer", rubrics, "/rubrics"],
  ["county", exams, "/exams"],
  ["county", rounds, "/rounds"],
  ["mediator", applications, "/applications"],
  ["reviewer", roundScoring, "/rounds/score"],
  ["county", reviews, "/reviews"],
  ["reviewer", reviewsAssigned, "/reviews/assigned"],
  ["county", roomsManage, "/rooms/manage"],
  ["county", expertsAdmin, "/experts/admin"],
  ["mediator", consultations, "/consultations"],
  ["mediator", me, "/me"],
  ["sysadmin", adminUsers, "/admin/users"],
  ["sysadmin", adminAudit, "/admin/audit"],
  ["anonymous", rooms, "/rooms"],
  ["anonymous", experts, "/experts"],
];

let db: TestDatabase;
let ids: Awaited<ReturnType<typeof seedWithPersonas>>;
beforeAll(async () => {
  db = await createMigratedDatabase();
  ids = await seedWithPersonas();
  await addVolume();
  if (getSequelize().getDialect() === "mysql") {
    // Fresh statistics, as a server that has been running has them.
    for (const table of GROWING) await getSequelize().query(`ANALYZE TABLE \`${table}\``);
  }
}, 600_000);
afterAll(() => db.drop());

/** Alias → table, from the FROM and JOIN clauses of a statement (Sequelize writes `table` AS `Alias`). */
function aliases(sql: string): Map<string, string> {
  const map = new Map<string, string>();
  const pattern = /\b(?:FROM|JOIN)\s+[`"]?(\w+)[`"]?(?:\s+(?:AS\s+)?[`"]?([\w.>-]+)[`"]?)?/gi;
  for (const m of sql.matchAll(pattern)) {
    map.set(m[1], m[1]);
    if (m[2] && !/^(WHERE|ON|LEFT|INNER|JOIN|ORDER|GROUP|LIMIT|USING|FORCE|USE|SET)$/i.test(m[2])) map.set(m[2], m[1]);
  }
  return map;
}

/** The full scans of growing tables in one statement's plan, one line each ("mediators: SCAN m"). */
async function fullScans(sql: string): Promise<string[]> {
  const sequelize = getSequelize();
  const names = aliases(sql);
  const found: string[] = [];
  if (sequelize.getDialect() === "sqlite") {
    const plan = (await sequelize.query(`EXPLAIN QUERY PLAN ${sql}`, { type: QueryTypes.SELECT })) as { detail: string }[];
    // A subquery Sequelize names after its model (`(SELECT … LIMIT 1) AS Mediator`) is scanned as a result, not as the table.
    const subqueries = new Set(plan.map((p) => /^(?:MATERIALIZE|CO-ROUTINE) (\S+)/.exec(p.detail)?.[1]).filter(Boolean));
    for (const { detail } of plan) {
      const m = /^SCAN (\S+)/.exec(detail);
      const table = m && !subqueries.has(m[1]) && names.get(m[1]);
      if (table && GROWING.has(table)) found.push(`${table}: ${detail}`);
    }
  } else {
    const plan = (await sequelize.query(`EXPLAIN ${sql}`, { type: QueryTypes.SELECT })) as {
      table: string | null;
      type: string;
      rows: number | string;
      key: string | null;
    }[];
    for (const row of plan) {
      const table = row.table && names.get(row.table);
      if (table && GROWING.has(table) && (row.type === "ALL" || row.type === "index") && Number(row.rows) >= 1000)
        found.push(`${table}: type ${row.type}, key ${row.key ?? "none"}, rows ${row.rows}`);
    }
  }
  return found;
}

describe("query plans of the list, dashboard and workspace pages", () => {
  it("the volume is there", async () => {
    const [row] = (await getSequelize().query("SELECT COUNT(*) AS n FROM mediators", { type: QueryTypes.SELECT })) as { n: number }[];
    expect(Number(row.n)).toBeGreaterThan(12_000);
  });

  it.each(PAGES.map(([persona, module, url]) => ({ persona, module, url })))(
    "$persona $url: no full scan of a growing table",
    async ({ persona, module, url }) => {
      const sequelize = getSequelize() as unknown as { options: { logging: unknown } };
      const captured: string[] = [];
      const logging = sequelize.options.logging;
      sequelize.options.logging = (sql: string) => {
        const statement = sql.replace(/^Executing \([^)]*\):\s*/, "").replace(/;\s*$/, "");
        if (/^\s*(SELECT|WITH)\b/i.test(statement)) captured.push(statement);
      };
      try {
        const outcome = await callRoute(module.loader as never, { url, cookie: persona === "anonymous" ? null : ids.cookies[persona] });
        expect(outcome.status).toBe(200);
      } finally {
        sequelize.options.logging = logging;
      }
      expect(captured.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const sql of new Set(captured)) {
        for (const scan of await fullScans(sql))
          problems.push(`${scan}\n    in ${sql.length > 700 ? `${sql.slice(0, 300)} … ${sql.slice(-400)}` : sql}`);
      }
      expect(problems).toEqual([]);
    },
  );
});
