import { AuditEvent, Consultation, Expert, ExpertPool, Notification, OrgUnit, User } from "~/.server/db/models";
import { askExpert, consultationFor, myConsultations, replyTo } from "~/.server/experts/consultations";
import { publicDirectory } from "~/.server/experts/directory";
import { createPool, listExperts, moveExpert, proposeExpert } from "~/.server/experts/pools";
import { getOrgScope } from "~/.server/org";
import { getCurrentUser } from "~/.server/web/session";
import type { CurrentUser } from "~/.server/auth/users";
import { addDays, todayInChina } from "~/lib/dates";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { BASE, cookieFor, seedWithPersonas } from "../support/personas";

let db: TestDatabase;
let seeded: Awaited<ReturnType<typeof seedWithPersonas>>;
const today = todayInChina();
const signedIn = async (username: string): Promise<CurrentUser> =>
  (await getCurrentUser(new Request(BASE, { headers: { Cookie: await cookieFor(username) } })))!;
const adminOf = async (username: string, org: string) => ({
  id: (await User.findOne({ where: { username } }))!.id,
  scopes: [(await getOrgScope((await OrgUnit.findOne({ where: { name: org } }))!.id))!],
});

beforeAll(async () => {
  db = await createMigratedDatabase();
  seeded = await seedWithPersonas();
}, 240_000); // migrating and seeding MariaDB on a busy machine can take over a minute
afterAll(() => db.drop());

describe("demo expert pools", () => {
  it("has two pools with about 30 experts, some under notice, one removed, demo_expert listed", async () => {
    expect((await ExpertPool.findAll()).map((p) => p.name).sort()).toEqual(["云溪市人民调解专家库", "青山县人民调解专家库"].sort());
    const experts = await Expert.findAll();
    expect(experts.length).toBeGreaterThanOrEqual(28);
    const count = (state: string) => experts.filter((e) => e.state === state).length;
    expect(count("notice")).toBe(3);
    expect(count("removed")).toBe(1);
    expect(count("listed")).toBeGreaterThan(20);
    const demo = (await User.findOne({ where: { username: "demo_expert" } }))!;
    expect(experts.find((e) => e.userId === demo.id)?.state).toBe("listed");
    const threads = await Consultation.findAll();
    expect(threads.map((t) => t.status).sort()).toEqual(["answered", "open"]);
  });
});

describe("admission", () => {
  it("goes through vetting and a public notice before the expert is listed, each move audited", async () => {
    const county = await adminOf("demo_county", "青山县");
    const pool = (await ExpertPool.findOne({ where: { name: "青山县人民调解专家库" } }))!;
    const made = await proposeExpert(county, {
      poolId: pool.id,
      name: "何书涵",
      field: "psychology",
      title: "心理咨询师",
      organisation: "青山县心理健康服务站",
      termFrom: today,
      phone: "13700001234",
      availability: "available",
    });
    if (!made.ok) throw new Error(made.error);
    const id = made.expert.id;
    expect((await Expert.findByPk(id))!.termUntil).toBe(addDays(`${Number(today.slice(0, 4)) + 5}${today.slice(4)}`, -1));
    expect(await moveExpert(county, id, { intent: "list" })).toEqual({ ok: false, error: "state" });
    expect(await moveExpert(county, id, { intent: "publish", noticeFrom: today })).toEqual({ ok: false, error: "state" });
    expect((await moveExpert(county, id, { intent: "vet" })).ok).toBe(true);
    expect(await moveExpert(county, id, { intent: "publish", noticeFrom: addDays(today, -1) })).toEqual({
      ok: false,
      error: "noticeStart",
    });
    expect((await moveExpert(county, id, { intent: "publish", noticeFrom: today })).ok).toBe(true);
    expect((await Expert.findByPk(id))!.noticeUntil).toBe(addDays(today, 6));
    // Still under notice: not listed yet, shown in the public notice section.
    expect(await moveExpert(county, id, { intent: "list" })).toEqual({ ok: false, error: "noticeRunning" });
    expect((await publicDirectory({})).notices.map((n) => n.name)).toContain("何书涵");
    expect((await moveExpert(county, id, { intent: "list" }, { asOf: addDays(today, 7) })).ok).toBe(true);
    const actions = (await AuditEvent.findAll({ where: { targetType: "expert", targetId: String(id) }, order: [["id", "ASC"]] })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(["expert.propose", "expert.vet", "expert.publish", "expert.list"]);
  });

  it("refuses a pool, a roster entry or an expert outside the admin's subtree, and a duplicate", async () => {
    const county2 = await adminOf("demo_county2", "临河区");
    const pool = (await ExpertPool.findOne({ where: { name: "青山县人民调解专家库" } }))!;
    const input = {
      poolId: pool.id,
      name: "某专家",
      field: "law" as const,
      organisation: "某所",
      termFrom: today,
      phone: "13700001234",
      availability: "available" as const,
    };
    expect(await proposeExpert(county2, input)).toEqual({ ok: false, error: "pool" });
    const lin = (await Expert.findOne({ where: { name: "林文远" } }))!;
    expect(await moveExpert(county2, lin.id, { intent: "remove", reason: "试图越权" })).toEqual({ ok: false, error: "notFound" });
    const county = await adminOf("demo_county", "青山县");
    expect(await proposeExpert(county, { ...input, mediatorId: seeded.county2Mediator.id })).toEqual({ ok: false, error: "mediator" });
    const existing = (await Expert.findOne({ where: { poolId: pool.id, state: "listed" } }))!;
    expect(await proposeExpert(county, { ...input, name: existing.name, organisation: existing.organisation })).toEqual({
      ok: false,
      error: "duplicate",
    });
    expect(await createPool(county, { orgUnitId: pool.orgUnitId, name: pool.name, termYears: 5 })).toEqual({
      ok: false,
      error: "duplicate",
    });
    expect(await createPool(county, { orgUnitId: seeded.township.id, name: "城关镇专家库", termYears: 5 })).toEqual({
      ok: false,
      error: "node",
    });
  });

  it("invites from the roster, linking the entry and its account", async () => {
    const county = await adminOf("demo_county", "青山县");
    const pool = (await ExpertPool.findOne({ where: { name: "青山县人民调解专家库" } }))!;
    const entry = seeded.townshipMediator;
    const made = await proposeExpert(county, {
      poolId: pool.id,
      name: entry.name,
      field: "senior_mediator",
      organisation: "东门社区人民调解委员会",
      termFrom: today,
      phone: "13700004321",
      availability: "limited",
      mediatorId: entry.id,
    });
    if (!made.ok) throw new Error(made.error);
    expect(made.expert.mediatorId).toBe(entry.id);
    expect(made.expert.userId).toBe(entry.userId);
    expect((await AuditEvent.findOne({ where: { targetType: "expert", targetId: String(made.expert.id) } }))!.action).toBe("expert.invite");
  });

  it("searches by field and region: a county admin sees its pool only, the city admin both", async () => {
    const county = await adminOf("demo_county", "青山县");
    const city = await adminOf("demo_city", "云溪市");
    const mine = (await listExperts(county.scopes, {}))!;
    expect(new Set(mine.rows.map((r) => r.pool))).toEqual(new Set(["青山县人民调解专家库"]));
    const all = (await listExperts(city.scopes, { field: "law" }))!;
    expect(new Set(all.rows.map((r) => r.pool)).size).toBe(2);
    expect(all.rows.every((r) => r.field === "law")).toBe(true);
    const qingshan = (await OrgUnit.findOne({ where: { name: "青山县" } }))!;
    const inRegion = (await listExperts(city.scopes, { org: qingshan.id }))!;
    expect(new Set(inRegion.rows.map((r) => r.pool))).toEqual(new Set(["青山县人民调解专家库"]));
    expect(await listExperts(county.scopes, { org: seeded.county2.id })).toBeNull();
  });
});

describe("public list", () => {
  it("lists only listed experts, filters by pool and field, pages, and carries no contact", async () => {
    const all = await publicDirectory({});
    const listed = await Expert.count({ where: { state: "listed" } });
    expect(all.total).toBe(listed);
    expect(all.rows.length).toBeLessThanOrEqual(20);
    const json = JSON.stringify(all);
    for (const e of await Expert.findAll()) {
      if (e.phone) expect(json).not.toContain(e.phone);
    }
    expect(json).not.toContain("removed");
    const removed = (await Expert.findOne({ where: { state: "removed" } }))!;
    expect(all.rows.map((r) => r.name)).not.toContain(removed.name);
    const pool = (await ExpertPool.findOne({ where: { name: "青山县人民调解专家库" } }))!;
    const byPool = await publicDirectory({ poolId: pool.id, field: "law" });
    expect(byPool.rows.length).toBeGreaterThan(0);
    expect(byPool.rows.every((r) => r.pool === pool.name && r.field === "law")).toBe(true);
    const page2 = await publicDirectory({ page: 2 });
    expect(page2.rows.map((r) => r.id)).not.toContain(all.rows[0].id);
  });
});

describe("consultations", () => {
  it("a mediator asks a listed expert of a pool above their committee; the expert sees only their own threads", async () => {
    const mediator = await signedIn("demo_mediator");
    const expertUser = await signedIn("demo_expert");
    const lin = (await Expert.findOne({ where: { userId: expertUser.id } }))!;
    const asked = await askExpert(mediator, { expertId: lin.id, subject: "相邻通行纠纷", description: "甲乙两户共用一条通道……" });
    if (!asked.ok) throw new Error(asked.error);
    const note = await Notification.findOne({ where: { userId: expertUser.id, subjectId: String(asked.consultation.id) } });
    expect(note?.kind).toBe("expertQuestion");
    const answered = await replyTo(expertUser, asked.consultation.id, { intent: "reply", body: "可依《民法典》相邻关系规定处理。" });
    expect(answered.ok).toBe(true);
    expect((await Consultation.findByPk(asked.consultation.id))!.status).toBe("answered");
    expect(
      await Notification.count({ where: { userId: mediator.id, kind: "expertAnswered", subjectId: String(asked.consultation.id) } }),
    ).toBe(1);
    // The expert's list holds only threads addressed to them.
    const theirs = await myConsultations(expertUser.id);
    expect(theirs.length).toBeGreaterThanOrEqual(3);
    expect(theirs.every((t) => t.asExpert)).toBe(true);
    // Another expert's account would not be the thread's audience.
    const other = await signedIn("demo_reviewer");
    const found = (await consultationFor(other, asked.consultation.id))!;
    expect(found.audience).toBe(false);
    expect(found.ownerId).not.toBe(other.id);
    expect(await replyTo(other, asked.consultation.id, { intent: "reply", body: "插话" })).toEqual({ ok: false, error: "notFound" });
    expect((await replyTo(mediator, asked.consultation.id, { intent: "close" })).ok).toBe(true);
    expect(await replyTo(expertUser, asked.consultation.id, { intent: "reply", body: "补充" })).toEqual({ ok: false, error: "closed" });
  });

  it("refuses an expert outside the mediator's pools, not listed, unavailable, or a case file not theirs — writing nothing", async () => {
    const mediator = await signedIn("demo_mediator");
    const city = await adminOf("demo_city", "云溪市");
    const before = await Consultation.count();
    // A pool at 临河区 is not above 东门社区 (青山县).
    const linhe = (await OrgUnit.findOne({ where: { name: "临河区" } }))!;
    const made = await createPool(city, { orgUnitId: linhe.id, name: "临河区人民调解专家库", termYears: 5 });
    if (!made.ok) throw new Error(made.error);
    const outsider = await proposeExpert(city, {
      poolId: made.pool.id,
      name: "池海宁",
      field: "law",
      organisation: "临河律师事务所",
      termFrom: today,
      phone: "13700007777",
      availability: "available",
    });
    if (!outsider.ok) throw new Error(outsider.error);
    const id = outsider.expert.id;
    await moveExpert(city, id, { intent: "vet" });
    await moveExpert(city, id, { intent: "publish", noticeFrom: today });
    await moveExpert(city, id, { intent: "list" }, { asOf: addDays(today, 8) });
    const ask = (expertId: number, caseFileId?: number) =>
      askExpert(mediator, { expertId, subject: "咨询", description: "说明", ...(caseFileId ? { caseFileId } : {}) });
    expect(await ask(id)).toEqual({ ok: false, error: "outsidePool" });
    const notice = (await Expert.findOne({ where: { state: "notice" } }))!;
    expect(await ask(notice.id)).toEqual({ ok: false, error: "notListed" });
    const removed = (await Expert.findOne({ where: { state: "removed" } }))!;
    expect(await ask(removed.id)).toEqual({ ok: false, error: "notListed" });
    const busy = (await Expert.findOne({ where: { availability: "unavailable", state: "listed" } }))!;
    expect(await ask(busy.id)).toEqual({ ok: false, error: "unavailable" });
    const lin = (await Expert.findOne({ where: { name: "林文远" } }))!;
    expect(await ask(lin.id, 99999999)).toEqual({ ok: false, error: "caseFile" });
    expect(await ask(99999999)).toEqual({ ok: false, error: "expert" });
    expect(await Consultation.count()).toBe(before);
  });
});
