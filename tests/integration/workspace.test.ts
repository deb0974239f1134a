import { Op } from "sequelize";
import { getSequelize, inTransaction } from "~/.server/db/connection";
import { withRequestMemo } from "~/.server/request-memo";
import {
  CourseAssignment,
  EventRegistration,
  Exercise,
  Mediator,
  Notification,
  OrgUnit,
  TrainingEvent,
  TrainingLog,
  User,
} from "~/.server/db/models";
import { nodeDashboard } from "~/.server/compliance/dashboard";
import { assignCourse } from "~/.server/courses/assignments";
import { listCourses } from "~/.server/courses/catalog";
import { cancelEvent, register, cancelRegistration, updateEvent, toChinaLocal } from "~/.server/events/events";
import { saveGrade } from "~/.server/exercises/grading";
import { saveSubmission } from "~/.server/exercises/submissions";
import { notify } from "~/.server/notifications";
import { getOrgScope, type OrgScope } from "~/.server/org";
import { rejectLog, verifyLogs } from "~/.server/training/logs";
import { getCurrentUser } from "~/.server/web/session";
import type { CurrentUser } from "~/.server/auth/users";
import { adminWorkspace } from "~/.server/workspace/admin";
import { workspaceFor } from "~/.server/workspace";
import { visibleGroups } from "~/lib/nav";
import type { RubricGrade } from "~/lib/rubric";
import { headerData } from "~/.server/web/header";
import * as home from "~/routes/_index";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { BASE, callRoute, seedWithPersonas, type Persona } from "../support/personas";

let db: TestDatabase;
let ids: Awaited<ReturnType<typeof seedWithPersonas>>;
const userOf = async (persona: Persona) => (await getCurrentUser(new Request(`${BASE}/`, { headers: { Cookie: ids.cookies[persona]! } })))!;
const messages = (userId: number, kind: string) => Notification.count({ where: { userId, kind } });

beforeAll(async () => {
  db = await createMigratedDatabase();
  ids = await seedWithPersonas();
});
afterAll(async () => {
  await db.drop();
});

type RootData = { user: { nav: Record<string, boolean> | null; unread: number; units: string[] } | null };
const menuOf = async (persona: Persona) => {
  const out = await callRoute(((a: { request: Request }) => headerData(a.request)) as never, { url: "/", cookie: ids.cookies[persona] });
  const data = out.body as RootData;
  return data.user?.nav ? visibleGroups(data.user.nav).flatMap((g) => g.items.map((i) => i.id)) : [];
};

describe("the menu per persona", () => {
  it("a mediator sees study and their own training, nothing to manage", async () => {
    const items = await menuOf("mediator");
    expect(items).toEqual(expect.arrayContaining(["courses", "quizzes", "exercises", "events", "training", "me"]));
    for (const hidden of ["grading", "verify", "roster", "compliance", "users", "audit", "policy", "assignments"])
      expect(items).not.toContain(hidden);
  });

  it("a trainer sees grading and verification but not the roster", async () => {
    const items = await menuOf("trainer");
    expect(items).toEqual(expect.arrayContaining(["grading", "verify", "rubrics", "events"]));
    for (const hidden of ["roster", "compliance", "users", "audit"]) expect(items).not.toContain(hidden);
  });

  it("a county admin without a roster entry sees management, not 测验考试, 我的培训 or 我的档案", async () => {
    const county = await userOf("county");
    expect(await Mediator.count({ where: { userId: county.id } })).toBe(0);
    const items = await menuOf("county");
    expect(items).toEqual(expect.arrayContaining(["compliance", "roster", "assignments", "policy", "users", "audit", "grading", "verify"]));
    for (const hidden of ["training", "me"]) expect(items).not.toContain(hidden);
    // quizzes stays only as the report of the results (quiz-report:read)
  });

  it("the header names the unit; a visitor gets no menu of grants", async () => {
    const out = await callRoute(((a: { request: Request }) => headerData(a.request)) as never, { url: "/", cookie: ids.cookies.county });
    expect((out.body as RootData).user!.units).toContain("青山县");
    expect(await menuOf("anonymous")).toEqual([]);
  });

  it("a user with a one-time password is sent to change it from every page", async () => {
    const county = await userOf("county");
    await User.update({ mustChangePassword: true }, { where: { id: county.id } });
    try {
      expect(
        await callRoute(((a: { request: Request }) => headerData(a.request)) as never, { url: "/courses", cookie: ids.cookies.county }),
      ).toMatchObject({ status: 302, location: "/account/password" });
      expect(
        (
          await callRoute(((a: { request: Request }) => headerData(a.request)) as never, {
            url: "/account/password",
            cookie: ids.cookies.county,
          })
        ).status,
      ).toBe(200);
    } finally {
      await User.update({ mustChangePassword: false }, { where: { id: county.id } });
    }
  });
});

describe("notifications follow the work, once per change", () => {
  it("a verified log tells its author once; a second verify writes nothing", async () => {
    const trainer = await userOf("trainer");
    const log = (await TrainingLog.findOne({ where: { status: "submitted", supervisorUserId: trainer.id } }))!;
    expect(await verifyLogs(trainer, [log.id], "127.0.0.1")).toBe(1);
    expect(await verifyLogs(trainer, [log.id], "127.0.0.1")).toBe(0);
    expect(await Notification.count({ where: { userId: log.authorUserId, kind: "logVerified", subjectId: String(log.id) } })).toBe(1);
    // Returned afterwards, with the reason in the message.
    expect(await rejectLog(trainer, (await TrainingLog.findByPk(log.id))!, "时长与签到记录不符。", "127.0.0.1")).toBe(true);
    const returned = await Notification.findAll({ where: { userId: log.authorUserId, kind: "logReturned", subjectId: String(log.id) } });
    expect(returned).toHaveLength(1);
    expect(returned[0].params.reason).toBe("时长与签到记录不符。");
  });

  it("a released grade tells the mediator once; a second release is refused and writes nothing", async () => {
    const exercise = (await Exercise.findOne())!;
    const mediator = ids.mediatorUser;
    const submitted = await saveSubmission(
      mediator.id,
      exercise,
      { body: "先分别听取双方意见，再组织面对面协商，最后就赔偿数额和履行期限形成书面协议。", intent: "submit" },
      [],
      new Date(exercise.dueAt.getTime() - 60_000),
    );
    expect(submitted.ok).toBe(true);
    const id = (submitted as { submission: { id: number } }).submission.id;
    const scope = (await getOrgScope(ids.county1.id))!;
    const grader = { id: (await userOf("county")).id, scopes: [scope] as OrgScope[] };
    const grade: RubricGrade = Object.fromEntries(exercise.rubric.criteria.map((c) => [c.id, { levelId: c.levels[0].id, comment: "" }]));
    const before = await messages(mediator.id, "exerciseReleased");
    expect(await saveGrade(grader, id, { grade, overallComment: "", version: 0, intent: "release", reason: "" })).toMatchObject({
      ok: true,
      state: "released",
    });
    expect(await saveGrade(grader, id, { grade, overallComment: "", version: 1, intent: "release", reason: "" })).toEqual({
      ok: false,
      error: "alreadyReleased",
    });
    expect(await messages(mediator.id, "exerciseReleased")).toBe(before + 1);
  });

  it("a change that rolls back leaves no message", async () => {
    const before = await Notification.count();
    await expect(
      inTransaction(async (t) => {
        await notify(ids.mediatorUser.id, "courseAssigned", { title: "测试", dueOn: "2026-12-31" }, { type: "course", id: "x" }, t);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await Notification.count()).toBe(before);
  });

  it("an assigned course tells each active mediator with an account under the node, once", async () => {
    const admin = await userOf("county");
    const township = ids.township;
    const course = listCourses()[0];
    const people = await Mediator.findAll({
      where: { status: "active", userId: { [Op.ne]: null }, orgPath: { [Op.startsWith]: township.path } },
    });
    const input = { courseSlug: course.slug, orgUnitId: township.id, year: 2026, dueOn: "2026-12-31" };
    const actor = { id: admin.id, scopes: [(await getOrgScope(ids.county1.id))!], ip: "127.0.0.1" };
    expect((await assignCourse(actor, input)).ok).toBe(true);
    expect((await assignCourse(actor, input)).ok).toBe(false);
    expect(await Notification.count({ where: { kind: "courseAssigned", subjectId: course.slug } })).toBe(people.length);
    expect(people.length).toBeGreaterThan(0);
    await CourseAssignment.destroy({ where: { courseSlug: course.slug, orgUnitId: township.id } });
  });

  it("a waitlisted registrant hears of the seat; registrants hear of a change and a cancellation once", async () => {
    const admin = await userOf("county");
    const start = new Date(Date.now() + 10 * 86_400_000);
    const event = await TrainingEvent.create({
      orgUnitId: ids.county1.id,
      audienceOrgUnitId: ids.county1.id,
      title: "人民调解业务培训（测试）",
      form: "lecture",
      kind: "regular",
      startsAt: start,
      endsAt: new Date(start.getTime() + 3 * 3600_000),
      hours: 3,
      place: "县司法局三楼会议室",
      capacity: 1,
      description: null,
      createdBy: admin.id,
    });
    const [a, b] = await User.findAll({
      where: { username: { [Op.like]: "demo_%" }, id: { [Op.ne]: admin.id } },
      limit: 2,
      order: [["id", "ASC"]],
    });
    await register(a.id, event.id);
    expect((await register(b.id, event.id))!.status).toBe("waitlisted");
    await cancelRegistration(a.id, event.id);
    expect(await Notification.count({ where: { userId: b.id, kind: "registrationConfirmed", subjectId: String(event.id) } })).toBe(1);

    const input = {
      audienceOrgUnitId: ids.county1.id,
      title: event.title,
      form: "lecture",
      kind: "regular",
      startsAt: toChinaLocal(event.startsAt),
      endsAt: toChinaLocal(event.endsAt),
      hours: 3,
      place: "县司法局一楼报告厅",
      capacity: 2,
      description: null,
      specialties: [],
      trainerIds: [],
    } as never;
    expect((await updateEvent(admin, event, input, "127.0.0.1")).ok).toBe(true);
    // Saved again unchanged: nothing new to tell.
    expect((await updateEvent(admin, (await TrainingEvent.findByPk(event.id))!, input, "127.0.0.1")).ok).toBe(true);
    expect(await Notification.count({ where: { userId: b.id, kind: "eventChanged", subjectId: String(event.id) } })).toBe(1);

    await cancelEvent(admin, (await TrainingEvent.findByPk(event.id))!, "场地临时检修。", "127.0.0.1");
    await cancelEvent(admin, (await TrainingEvent.findByPk(event.id))!, "场地临时检修。", "127.0.0.1");
    expect(await Notification.count({ where: { userId: b.id, kind: "eventCancelled", subjectId: String(event.id) } })).toBe(1);
    expect(await Notification.count({ where: { userId: a.id, kind: "eventCancelled", subjectId: String(event.id) } })).toBe(0);
  });

  it("the messages page lists one's own messages only, read and unread", async () => {
    const { allNotifications, markRead } = await import("~/.server/notifications");
    const mine = await allNotifications(ids.mediatorUser.id);
    expect(mine.length).toBeGreaterThan(0);
    await markRead(ids.mediatorUser.id, mine[0].id);
    const again = await allNotifications(ids.mediatorUser.id);
    expect(again.map((n) => n.id)).toEqual(mine.map((n) => n.id));
    expect(again[0].read).toBe(true);
    expect(await Notification.count({ where: { id: again.map((n) => n.id), userId: { [Op.ne]: ids.mediatorUser.id } } })).toBe(0);
  });

  it("the header counts unread messages", async () => {
    const out = await callRoute(((a: { request: Request }) => headerData(a.request)) as never, { url: "/", cookie: ids.cookies.mediator });
    expect((out.body as RootData).user!.unread).toBe(await Notification.count({ where: { userId: ids.mediatorUser.id, readAt: null } }));
  });
});

describe("workspaces", () => {
  it("a visitor gets the brochure, a signed-in person their workspace", async () => {
    const visitor = (await callRoute(home.loader as never, { url: "/" })).body as { workspace: unknown; overview: unknown };
    expect(visitor.workspace).toBeNull();
    expect(visitor.overview).not.toBeNull();
    const mine = (await callRoute(home.loader as never, { url: "/", cookie: ids.cookies.mediator })).body as {
      workspace: { mediator: unknown; admin: unknown };
    };
    expect(mine.workspace.mediator).not.toBeNull();
    expect(mine.workspace.admin).toBeNull();
  });

  it("the mediator's: an assigned course, a registration with check-in open, a returned log", async () => {
    const user = await userOf("mediator");
    const mediator = (await Mediator.findOne({ where: { userId: user.id } }))!;
    const course = listCourses()[1];
    await CourseAssignment.create({
      courseSlug: course.slug,
      orgUnitId: mediator.orgUnitId,
      year: 2026,
      dueOn: "2026-12-20",
      createdBy: null,
    });
    const start = new Date("2026-12-02T02:00:00Z");
    const event = await TrainingEvent.create({
      orgUnitId: mediator.orgUnitId,
      audienceOrgUnitId: mediator.orgUnitId,
      title: "调解文书写作（测试）",
      form: "lecture",
      kind: "regular",
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * 3600_000),
      hours: 2,
      place: "村委会会议室",
      capacity: 10,
      description: null,
      createdBy: null,
    });
    await EventRegistration.create({ eventId: event.id, userId: user.id, status: "confirmed", registeredAt: new Date() });
    const returned = await TrainingLog.count({ where: { authorUserId: user.id, status: "rejected" } });
    const w = (await workspaceFor(user, new Date("2026-12-02T01:45:00Z"))).mediator!;
    expect(w.courses).toContainEqual(expect.objectContaining({ slug: course.slug, dueOn: "2026-12-20", read: 0, completed: false }));
    expect(w.events).toContainEqual(expect.objectContaining({ id: event.id, checkinOpen: true, status: "confirmed" }));
    expect(w.returnedLogs).toHaveLength(returned);
    expect(returned).toBeGreaterThan(0); // returned in the test above
    expect(w.returnedLogs[0].reason).toBe("时长与签到记录不符。");
    expect(w.releasedGrades).toHaveLength(1);
    // Forty minutes before the start, check-in is not open yet.
    const early = (await workspaceFor(user, new Date("2026-12-02T01:20:00Z"))).mediator!;
    expect(early.events.find((e) => e.id === event.id)!.checkinOpen).toBe(false);
  });

  it("the trainer's: the logs waiting, with the first to start, and the events they run this week", async () => {
    const trainer = await userOf("trainer");
    const waiting = await TrainingLog.findAll({
      where: { status: "submitted", supervisorUserId: trainer.id },
      order: [
        ["submittedAt", "ASC"],
        ["id", "ASC"],
      ],
    });
    const start = new Date(Date.now() + 2 * 86_400_000);
    const event = await TrainingEvent.create({
      orgUnitId: ids.township.id,
      audienceOrgUnitId: ids.township.id,
      title: "矛盾纠纷排查实务（测试）",
      form: "lecture",
      kind: "regular",
      startsAt: start,
      endsAt: new Date(start.getTime() + 3600_000),
      hours: 1,
      place: "镇综治中心",
      capacity: 30,
      description: null,
      createdBy: trainer.id,
    });
    const w = (await workspaceFor(trainer, new Date())).trainer!;
    expect(w.logs.count).toBe(waiting.filter((l) => l.supervisorUserId === trainer.id).length);
    expect(w.logs.first).toBe(waiting[0]?.id ?? null);
    expect(w.events.map((e) => e.id)).toContain(event.id);
    expect(w.events.find((e) => e.id === event.id)!.today).toBe(false);
  });

  it("the admin's headline matches the compliance dashboard of the same node", async () => {
    const county = ids.county1;
    const node = { id: county.id, name: county.name, path: county.path, kind: county.kind };
    const at = new Date();
    const scope = (await getOrgScope(county.id))!;
    const w = await adminWorkspace(node, [scope], at);
    const d = await nodeDashboard(node, w.year, at);
    expect(w).toMatchObject({
      active: d.totals.active,
      coverage: d.totals.coverage,
      perCapita: d.totals.perCapita,
      hours: d.totals.hours,
      behind: d.totals.active - d.totals.compliant,
    });
    const worst = d.children
      .map((c) => c.active - c.compliant)
      .filter((n) => n > 0)
      .sort((a, b) => b - a)
      .slice(0, 5);
    expect(w.children.map((c) => c.behind)).toEqual(worst);
    const units = await OrgUnit.findAll({ where: { path: { [Op.startsWith]: county.path } }, attributes: ["path"] });
    expect(units.length).toBeGreaterThan(1);
    expect(w.pendingLogs).toBe(await TrainingLog.count({ where: { status: "submitted", orgPath: { [Op.startsWith]: county.path } } }));
    const user: CurrentUser = await userOf("county");
    expect((await workspaceFor(user, at)).admin).toMatchObject({ node: { id: county.id }, active: w.active });
  });
});

describe("one read of the roster entry per page", () => {
  it("the menu, the workspace and its sections share the account's roster entry within a GET", async () => {
    const sequelize = getSequelize() as unknown as { options: { logging: unknown } };
    const seen: string[] = [];
    const logging = sequelize.options.logging;
    const request = new Request(`${BASE}/`, { headers: { Cookie: ids.cookies.mediator! } });
    const page = async () => {
      const user = (await getCurrentUser(request))!;
      sequelize.options.logging = (sql: string) => void seen.push(sql);
      try {
        await Promise.all([headerData(request), workspaceFor(user, new Date())]);
      } finally {
        sequelize.options.logging = logging;
      }
      const reads = seen.filter((sql) => /FROM `mediators` AS `Mediator` WHERE `Mediator`.`user_id` = /.test(sql)).length;
      seen.length = 0;
      return reads;
    };
    // Outside a request's memo every section reads it; inside, once.
    expect(await page()).toBeGreaterThan(2);
    expect(await withRequestMemo(page)).toBe(1);
  });
});
