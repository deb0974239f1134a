import { currentYearInChina } from "~/lib/dates";
import { notificationLink } from "~/lib/notifications";
import ExcelJS from "exceljs";
import { inTransaction } from "~/.server/db/connection";
import { Mediator, Notification } from "~/.server/db/models";
import { nodeDashboard, type Node } from "~/.server/compliance/dashboard";
import { sortChildren } from "~/lib/compliance";
import { countMediators, mediatorRows, sendReminders } from "~/.server/compliance/mediators";
import { complianceReportXlsx } from "~/.server/compliance/report";
import { createOrgUnit, scopeFromPath } from "~/.server/org";
import { recordTraining, removeTraining } from "~/.server/training/ledger";
import { clearPolicy, setPolicy } from "~/.server/training/policies";
import { compareStats } from "~/.server/training/stats";
import * as dashboardRoute from "~/routes/compliance._index";
import * as mediatorsRoute from "~/routes/compliance.mediators";
import * as reportRoute from "~/routes/compliance.report[.]xlsx";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { callRoute, seedWithPersonas } from "../support/personas";
import { createTakers } from "../support/quiz-takers";
import { changeMediator } from "~/.server/roster/entries";

/**
 * A hand-built township (测试镇, under 青山县) with two committees and a ledger whose figures are
 * worked out by hand below, under the default rules (1 practical training and 20 hours a year;
 * 10 pre-service hours within 90 days).
 *
 *   甲村: a1 full-time: drill 4 h + lecture 16 h         → practical 1, 20 h  达标
 *         a2: lecture 6 h                               → practical 0, 6 h   未达标
 *         a3: nothing                                   →                    未参训
 *   乙村: b1: observation log 2 h on 12-31, course 20 h on 1 January next year → 1, 2 h 未达标
 *         b2: exercise (drill) 21 h, written twice      → practical 1, 21 h  达标
 *         b3 (dismissed): drill 5 h                     → counts in 人次 and hours only
 *         n1 appointed 2026-03-01: course 10 h on 04-01 → pre-service done, 0 practical 未达标
 */
let db: TestDatabase;
let ids: Awaited<ReturnType<typeof seedWithPersonas>>;
let township: Node;
let villageA: Node;
let villageB: Node;
const people: Record<string, { userId: number; mediatorId: number }> = {};
const Y = 2026;

const node = (u: { id: number; name: string; path: string; kind: string }): Node => ({
  id: u.id,
  name: u.name,
  path: u.path,
  kind: u.kind,
});
const write = (
  who: string,
  source: "event" | "log" | "course" | "exercise",
  sourceId: string,
  occurredOn: string,
  hours: number,
  form: string,
) =>
  inTransaction((t) =>
    recordTraining(
      { source, sourceId, userId: people[who].userId, occurredOn, hours, form: form as never, kind: null, title: "测试培训" },
      t,
    ),
  );

beforeAll(async () => {
  db = await createMigratedDatabase();
  ids = await seedWithPersonas();
  township = node(await createOrgUnit({ parentId: ids.county1.id, kind: "township", name: "测试镇" }));
  villageA = node(
    await createOrgUnit({ parentId: township.id, kind: "committee", committeeKind: "village_resident", name: "甲村人民调解委员会" }),
  );
  villageB = node(
    await createOrgUnit({ parentId: township.id, kind: "committee", committeeKind: "village_resident", name: "乙村人民调解委员会" }),
  );
  [people.a1, people.a2, people.a3] = await createTakers(3, villageA.id);
  [people.b1, people.b2, people.b3, people.n1] = await createTakers(4, villageB.id);
  await changeMediator((await Mediator.findByPk(people.a1.mediatorId))!, { employment: "full_time" });
  await changeMediator((await Mediator.findByPk(people.n1.mediatorId))!, { appointedOn: "2026-03-01" });
  await write("a1", "event", "a1-drill", "2026-03-10", 4, "drill");
  await write("a1", "event", "a1-lecture", "2026-05-01", 16, "lecture");
  await write("a2", "event", "a2-lecture", "2026-06-01", 6, "lecture");
  await write("b1", "log", "b1-log", "2026-12-31", 2, "observation");
  await write("b1", "course", "b1-course", "2027-01-01", 20, "online_course");
  await write("b2", "exercise", "b2-ex", "2026-02-02", 21, "drill");
  await write("b2", "exercise", "b2-ex", "2026-02-02", 21, "drill");
  await write("b3", "event", "b3-drill", "2026-04-04", 5, "drill");
  await write("n1", "course", "n1-course", "2026-04-01", 10, "online_course");
  await changeMediator((await Mediator.findByPk(people.b3.mediatorId))!, { status: "dismissed" });
});
afterAll(() => db.drop());

describe("compliance figures", () => {
  it("match the hand-computed township, its committees and the split by employment", async () => {
    const d = await nodeDashboard(township, Y);
    expect(d.totals).toEqual({
      active: 6,
      trained: 5,
      coverage: 83.3,
      practical: 3,
      perCapita: 0.5,
      records: 7,
      hours: 64,
      compliant: 2,
      compliantShare: 33.3,
      newcomers: 1,
      preserviceDone: 1,
      preserviceRate: 100,
      events: 0,
    });
    const [a, b] = d.children;
    expect(a).toMatchObject({
      name: "甲村人民调解委员会",
      active: 3,
      trained: 2,
      coverage: 66.7,
      practical: 1,
      perCapita: 0.33,
      records: 3,
      hours: 26,
      compliant: 1,
      compliantShare: 33.3,
      newcomers: 0,
      preserviceRate: null,
    });
    expect(b).toMatchObject({
      name: "乙村人民调解委员会",
      active: 3,
      trained: 3,
      coverage: 100,
      practical: 2,
      perCapita: 0.67,
      records: 4,
      hours: 38,
      compliant: 1,
      newcomers: 1,
      preserviceDone: 1,
    });
    expect(d.byEmployment.find((e) => e.employment === "full_time")).toMatchObject({ active: 1, trained: 1, compliant: 1, coverage: 100 });
    expect(d.byEmployment.find((e) => e.employment === "part_time")).toMatchObject({ active: 5, trained: 4, compliant: 1, coverage: 80 });
    expect(d.months.find((m) => m.month === 12)).toEqual({ month: 12, records: 1, hours: 2 });
    expect(d.months.find((m) => m.month === 3)).toEqual({ month: 3, records: 1, hours: 4 });
    expect(d.forms.find((f) => f.form === "drill")).toEqual({ form: "drill", records: 3, hours: 30 });
    // The county above adds the township's figures to its own.
    const county = await nodeDashboard(node(ids.county1), Y);
    expect(county.children.find((c) => c.id === township.id)).toMatchObject({ active: 6, compliant: 2, records: 7 });
  });

  it("a record counts in the year of its date: the 1 January course is next year's", async () => {
    const next = await nodeDashboard(township, Y + 1);
    expect(next.totals).toMatchObject({ records: 1, hours: 20, trained: 1, practical: 0, compliant: 0 });
  });

  it("a year without data is all zeros, with no rate", async () => {
    const empty = await nodeDashboard(township, 2031);
    expect(empty.totals).toMatchObject({ trained: 0, records: 0, hours: 0, coverage: 0, compliant: 0, newcomers: 0, preserviceRate: null });
    expect(empty.months.every((m) => m.records === 0)).toBe(true);
    // Mediators appointed after the year do not count in it: n1 (2026) is not on the 2001 roster.
    const before = await nodeDashboard(township, 2001);
    expect(before.totals.active).toBe(5);
  });

  it("follows a move to another committee, a rule change for the year and a returned log", async () => {
    const a2 = (await Mediator.findByPk(people.a2.mediatorId))!;
    await changeMediator(a2, { orgUnitId: villageB.id });
    let d = await nodeDashboard(township, Y);
    expect(d.children.map((c) => [c.active, c.trained])).toEqual([
      [2, 1],
      [4, 4],
    ]);
    const actor = { id: ids.mediatorUser.id, scopes: [scopeFromPath(ids.county1.id, ids.county1.path)] };
    await setPolicy(actor, township.id, Y, {
      minPractical: 0,
      minHours: 6,
      preserviceHours: 10,
      preserviceDays: 90,
      eventForms: ["drill"],
      logs: true,
      exercises: true,
    });
    d = await nodeDashboard(township, Y);
    expect(d.totals.compliant).toBe(4); // a1, a2, b2, n1 — not b1 (2 h)
    await clearPolicy(actor, township.id, Y);
    await inTransaction((t) => removeTraining("log", "b1-log", t));
    d = await nodeDashboard(township, Y);
    expect(d.totals).toMatchObject({ compliant: 2, trained: 4, practical: 2, records: 6 });
    await changeMediator(a2, { orgUnitId: villageA.id });
    await write("b1", "log", "b1-log", "2026-12-31", 2, "observation");
    expect(await compareStats()).toEqual([]);
  });

  it("sorts the child table by any column, nulls last", () => {
    const rows = [
      { name: "乙", active: 3, coverage: null, perCapita: 1, records: 2, hours: 1, compliantShare: 5, preserviceRate: null },
      { name: "甲", active: 5, coverage: 50, perCapita: 0, records: 9, hours: 3, compliantShare: 1, preserviceRate: 10 },
    ];
    expect(sortChildren(rows, "coverage", "desc").map((r) => r.name)).toEqual(["甲", "乙"]);
    expect(sortChildren(rows, "coverage", "asc").map((r) => r.name)).toEqual(["甲", "乙"]);
    expect(sortChildren(rows, "records", "asc").map((r) => r.name)).toEqual(["乙", "甲"]);
  });
});

describe("the mediator list, reminders and the report", () => {
  it("lists the active mediators behind or untrained, with their figures and targets", async () => {
    const rows = await mediatorRows(township, Y, { state: "notCompliant" }, 50, 0, "2026-11-23");
    expect(rows.map((r) => [r.name, r.state]).sort()).toEqual(
      [
        ["考生2", "behind"],
        ["考生3", "none"],
        ["考生1", "behind"],
        ["考生4", "behind"],
      ].sort(),
    );
    const n1 = rows.find((r) => r.id === people.n1.mediatorId)!;
    expect(n1).toMatchObject({
      practical: 0,
      minPractical: 1,
      hours: 10,
      minHours: 20,
      preService: { state: "done", due: "2026-05-30", hours: 10, required: 10 },
    });
    expect(await countMediators(township, Y, { state: "compliant" })).toBe(2);
    expect(await countMediators(township, Y, { state: "none", employment: "part_time" })).toBe(1);
    expect(await countMediators(township, Y, { state: "all", employment: "full_time" })).toBe(1);
  });

  it("sends one reminder per listed mediator with an account, once a day, audited", async () => {
    const first = await sendReminders({ id: ids.mediatorUser.id }, township, Y, { state: "notCompliant" }, "2026-11-23");
    expect(first).toEqual({ ok: true, sent: 4, skipped: 0 });
    const note = (await Notification.findOne({ where: { userId: people.a3.userId, kind: "trainingReminder" } }))!;
    expect(note.params).toMatchObject({ year: Y, practical: 0, minPractical: 1, hours: 0, minHours: 20 });
    expect(notificationLink({ type: note.subjectType, id: note.subjectId })).toBe("/training");
    expect(await Notification.count({ where: { userId: people.a1.userId, kind: "trainingReminder" } })).toBe(0);
    const again = await sendReminders({ id: ids.mediatorUser.id }, township, Y, { state: "notCompliant" }, "2026-11-23");
    expect(again).toEqual({ ok: true, sent: 0, skipped: 4 });
  });

  it("the report workbook holds the summary, the child nodes and every active mediator", async () => {
    const buffer = await complianceReportXlsx(township, await nodeDashboard(township, Y), "2026-11-23");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(["汇总", "下级单位", "调解员"]);
    const summary = book.getWorksheet("汇总")!;
    expect(summary.getCell("A1").value).toBe("测试镇2026年度人民调解员培训统计表");
    const header = summary.getRow(3).values as unknown[];
    const total = summary.getRow(4).values as unknown[];
    const at = (label: string) => total[header.indexOf(label)];
    expect(total[1]).toBe("合计");
    expect([
      at("在册调解员（人）"),
      at("培训人次"),
      at("培训覆盖率（%）"),
      at("人均实训频次（次/人）"),
      at("培训学时"),
      at("达标率（%）"),
    ]).toEqual([6, 7, 83.3, 0.5, 64, 33.3]);
    const children = book.getWorksheet("下级单位")!;
    expect(children.rowCount).toBe(3);
    expect(children.getRow(2).getCell(1).value).toBe("甲村人民调解委员会");
    const mediators = book.getWorksheet("调解员")!;
    expect(mediators.rowCount).toBe(7);
    const names = Array.from({ length: 6 }, (_, i) => mediators.getRow(i + 2).getCell(9).value);
    expect(names.filter((s) => s === "达标")).toHaveLength(2);
    expect(names.filter((s) => s === "未参训")).toHaveLength(1);
  });
});

describe("the compliance routes", () => {
  it("the dashboard drills down, sorts, and shows a committee's mediators", async () => {
    const page = await callRoute(dashboardRoute.loader as never, {
      url: `/compliance?org=${township.id}&year=${Y}&sort=coverage&dir=desc`,
      cookie: ids.cookies.county,
    });
    const body = page.body as Awaited<ReturnType<typeof dashboardRoute.loader>>;
    expect(body.children.map((c) => c.name)).toEqual(["乙村人民调解委员会", "甲村人民调解委员会"]);
    expect(body.trail.map((n) => n.name)).toEqual(["青山县", "测试镇"]);
    // The year selector offers this year and earlier ones, never next year.
    expect(Math.max(...body.years)).toBe(currentYearInChina());
    const committee = await callRoute(dashboardRoute.loader as never, {
      url: `/compliance?org=${villageA.id}&year=${Y}`,
      cookie: ids.cookies.county,
    });
    expect((committee.body as typeof body).mediators).toHaveLength(3);
  });

  it("refuses a node outside the admin's subtree and shows nothing of it", async () => {
    for (const fn of [dashboardRoute.loader, mediatorsRoute.loader, reportRoute.loader]) {
      const outcome = await callRoute(fn as never, { url: `/compliance?org=${township.id}`, cookie: ids.cookies.otherCounty });
      expect(outcome.status).toBe(404);
    }
    const bogus = await callRoute(dashboardRoute.loader as never, { url: "/compliance?org=999999", cookie: ids.cookies.county });
    expect(bogus.status).toBe(404);
  });

  it("sends no reminder without the ticked confirmation, and says so on the field", async () => {
    const before = await Notification.count({ where: { kind: "trainingReminder" } });
    const refused = await callRoute(mediatorsRoute.action as never, {
      url: `/compliance/mediators?org=${township.id}&year=${Y}`,
      cookie: ids.cookies.county,
      form: { state: "notCompliant" },
    });
    expect(refused.status).toBe(400);
    expect((refused.body as { result: { error: Record<string, string[]> } }).result.error.confirm).toEqual([
      "compliance.list.confirmRequired",
    ]);
    expect(await Notification.count({ where: { kind: "trainingReminder" } })).toBe(before);
  });

  it("reminders from the list page redirect with the count; the report downloads as .xlsx", async () => {
    const sent = await callRoute(mediatorsRoute.action as never, {
      url: `/compliance/mediators?org=${township.id}&year=${Y}`,
      cookie: ids.cookies.county,
      form: { state: "none", confirm: "on" },
    });
    expect(sent.status).toBe(302);
    expect(sent.location).toMatch(/sent=0&skipped=1/);
    const request = new Request(`http://localhost/compliance/report.xlsx?org=${township.id}&year=${Y}`, {
      headers: { Cookie: ids.cookies.county! },
    });
    const response = (await reportRoute.loader({ request, params: {}, context: {} })) as Response;
    expect(response.headers.get("Content-Type")).toContain("spreadsheetml");
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(3000);
  });
});
