import { inTransaction } from "~/.server/db/connection";
import {
  AuditEvent,
  Certificate,
  EvaluationRound,
  Mediator,
  MediatorLevel,
  Notification,
  OrgUnit,
  RoleGrant,
  RoundApplication,
  RoundObjection,
  RoundScore,
  User,
} from "~/.server/db/models";
import { issueCertificate } from "~/.server/certificates/certificates";
import { setLevel } from "~/.server/levels/history";
import { createOrgUnit, getOrgScope } from "~/.server/org";
import { advanceRound, createRound, type Actor } from "~/.server/rounds/rounds";
import { moveApplication } from "~/.server/rounds/moves";
import { addReviewer, declareRelation, removeReviewer, scoreApplication, scoringQueue, sheetFor } from "~/.server/rounds/panel";
import { decideApplication, reopenApplication } from "~/.server/rounds/decisions";
import { announcementOf, answerObjection, fileObjection } from "~/.server/rounds/objections";
import { finalisePreview, finaliseRound, validUntilOf } from "~/.server/rounds/finalise";
import { OBJECTION_LIMIT } from "~/.server/auth/rate-limit";
import { decisionSchema, scoreItemsOf } from "~/lib/round-panel";
import type { RoundInput, SubmittedFigures } from "~/lib/rounds";
import { addDays, todayInChina } from "~/lib/dates";
import * as announcementPage from "~/routes/announcements.$roundId";
import { callRoute } from "../support/personas";
import { createMigratedDatabase, type TestDatabase } from "../support/db";

let db: TestDatabase;
let admin: Actor;
const u = {} as Record<"city" | "county" | "town" | "east" | "west", OrgUnit>;
const users = {} as Record<"admin" | "zhangUser" | "sameCommittee" | "r1" | "r3" | "r5" | "outsider", User>;
const m = {} as Record<"zhang" | "li" | "wang" | "zhao" | "sun", Mediator>;
const today = todayInChina();

const input = (over: Partial<RoundInput> = {}): RoundInput => ({
  title: "2026年度青山县人民调解员等级评定",
  levels: ["level3", "level4"],
  periodFrom: "2024-01-01",
  periodTo: "2025-12-31",
  applicationsFrom: addDays(today, -3),
  applicationsUntil: addDays(today, 10),
  reviewsUntil: addDays(today, 30),
  announcementDays: 7,
  validityYears: 2,
  combine: "trimmed",
  ...over,
});

/** A snapshot as an applicant would have submitted it: one entered criterion (education), one declaration, one figure. */
const figures = (level: string): SubmittedFigures => ({
  level,
  at: new Date().toISOString(),
  meetsAutomatic: true,
  criteria: [
    { kind: "noCriminal", threshold: null, source: "evidence", figure: null, status: "evidence", evidence: "书面承诺" },
    { kind: "disputes", threshold: 50, source: "automatic", figure: 120, status: "met" },
    { kind: "successRate", threshold: 90, source: "automatic", figure: 80, status: "notMet" },
    { kind: "education", threshold: null, source: "evidence", figure: null, status: "evidence", evidence: "学历证书" },
  ],
});

async function user(username: string, grants: [string, number][] = []) {
  const made = await User.create({ username, displayName: username, passwordHash: "x", passwordChangedAt: null });
  for (const [role, orgUnitId] of grants) await RoleGrant.create({ userId: made.id, role: role as never, orgUnitId });
  return made;
}

async function mediator(name: string, committee: OrgUnit, phone: string, userId: number | null = null) {
  return Mediator.create({
    orgUnitId: committee.id,
    name,
    gender: "male",
    birthYear: 1970,
    employment: "part_time",
    appointedOn: "2015-03-01",
    phone,
    userId,
  });
}

/** An application brought to the panel through every stage. */
async function atPanel(round: EvaluationRound, who: Mediator, level: string, levelBefore: string | null = null) {
  const application = await RoundApplication.create({
    roundId: round.id,
    mediatorId: who.id,
    userId: who.userId,
    committeeId: who.orgUnitId,
    orgPath: who.orgPath,
    level,
    levelBefore,
    figures: figures(level),
  });
  for (const move of ["submit", "committeePass", "townshipPass"] as const) {
    const moved = await moveApplication(admin.id, application.id, move);
    if (!moved.ok) throw new Error(`${move}: ${moved.error}`);
  }
  return (await RoundApplication.findByPk(application.id))!;
}

const sheet = (c3: number, overall: number) => ({ points: { c3, overall }, comment: "材料齐全" });
const as = (who: User): Actor => ({ id: who.id, scopes: [] });

beforeAll(async () => {
  db = await createMigratedDatabase();
  await inTransaction(async (t) => {
    u.city = await createOrgUnit({ parentId: null, kind: "city", name: "云溪市" }, t);
    u.county = await createOrgUnit({ parentId: u.city.id, kind: "county", name: "青山县" }, t);
    u.town = await createOrgUnit({ parentId: u.county.id, kind: "township", name: "城关镇" }, t);
    u.east = await createOrgUnit(
      { parentId: u.town.id, kind: "committee", committeeKind: "village_resident", name: "东门社区人民调解委员会" },
      t,
    );
    u.west = await createOrgUnit(
      { parentId: u.town.id, kind: "committee", committeeKind: "village_resident", name: "西关村人民调解委员会" },
      t,
    );
  });
  users.admin = await user("county_admin", [["bureau_admin", u.county.id]]);
  admin = { id: users.admin.id, scopes: [(await getOrgScope(u.county.id))!] };
  users.zhangUser = await user("zhang_reviewer", [
    ["mediator", u.east.id],
    ["reviewer", u.county.id],
  ]);
  users.sameCommittee = await user("east_reviewer", [["reviewer", u.east.id]]);
  users.r1 = await user("reviewer_one", [["reviewer", u.county.id]]);
  users.r3 = await user("trainer_three", [["trainer", u.county.id]]);
  users.r5 = await user("reviewer_city", [["reviewer", u.city.id]]);
  users.outsider = await user("reviewer_not_named", [["reviewer", u.county.id]]);
  m.zhang = await mediator("张振胜", u.east, "13900001111", users.zhangUser.id);
  m.li = await mediator("李明华", u.west, "13900002222");
  m.wang = await mediator("王建国", u.west, "13900003333");
  m.zhao = await mediator("赵志强", u.west, "13900004444");
  m.sun = await mediator("孙立新", u.west, "13900005555");
  // 李明华 and 赵志强 hold 三级 with a valid certificate from an earlier round.
  for (const who of [m.li, m.zhao]) {
    await setLevel(admin.id, who.id, { level: "level3", from: "2024-06-01", source: "import" });
    await issueCertificate(admin, {
      mediatorId: who.id,
      level: "level3",
      levelName: "三级人民调解员",
      issuerOrgUnitId: u.county.id,
      issuedOn: "2024-06-01",
      validUntil: "2026-05-31",
    });
  }
});
afterAll(() => db.drop());

describe("the score sheet's items", () => {
  it("one per entered criterion that is no declaration, then 综合评价", () => {
    expect(scoreItemsOf(figures("level3").criteria).map((i) => i.key)).toEqual(["c3", "overall"]);
  });
  it("a certificate runs validityYears years less a day", () => {
    expect(validUntilOf("2026-12-02", 2)).toBe("2028-12-01");
    expect(validUntilOf("2028-02-29", 1)).toBe("2029-02-28");
  });
});

describe("a round from the panel to its final results", () => {
  let round: EvaluationRound;
  const apps = {} as Record<"zhang" | "li" | "wang" | "zhao" | "sun", RoundApplication>;

  beforeAll(async () => {
    const r = await createRound(admin, u.county.id, input());
    if (!r.ok) throw new Error("round");
    round = r.round;
    apps.zhang = await atPanel(round, m.zhang, "level3");
    apps.li = await atPanel(round, m.li, "level3", "level3");
    apps.zhao = await atPanel(round, m.zhao, "level3", "level3");
    apps.sun = await atPanel(round, m.sun, "level4");
    // 王建国's application is still with the township.
    apps.wang = await RoundApplication.create({
      roundId: round.id,
      mediatorId: m.wang.id,
      userId: null,
      committeeId: u.west.id,
      orgPath: m.wang.orgPath,
      level: "level4",
      levelBefore: null,
      figures: figures("level4"),
    });
    await moveApplication(admin.id, apps.wang.id, "submit");
    await moveApplication(admin.id, apps.wang.id, "committeePass");
  });

  it("names panel members only among the reviewer and trainer accounts in or above the round's node", async () => {
    for (const who of [users.zhangUser, users.sameCommittee, users.r1, users.r3, users.r5])
      expect(await addReviewer(admin, round.id, who.id)).toEqual({ ok: true });
    expect(await addReviewer(admin, round.id, users.admin.id)).toEqual({ ok: false, error: "candidate" });
    expect(await addReviewer(admin, round.id, users.r1.id)).toEqual({ ok: true });
    expect(await Notification.count({ where: { userId: users.r1.id, kind: "roundPanelAssigned" } })).toBe(1);
    expect(await addReviewer({ id: users.admin.id, scopes: [(await getOrgScope(u.town.id))!] }, round.id, users.outsider.id)).toEqual({
      ok: false,
      error: "notFound",
    });
  });

  it("lets a member declare a relation, and an admin record one", async () => {
    expect(await declareRelation(as(users.r3), round.id, { userId: users.r3.id, mediatorId: m.li.id, relation: "亲属" }, false)).toEqual({
      ok: true,
    });
    expect(
      await declareRelation(as(users.outsider), round.id, { userId: users.outsider.id, mediatorId: m.li.id, relation: "同事" }, false),
    ).toEqual({
      ok: false,
      error: "notOnPanel",
    });
    expect(await declareRelation(as(users.r3), round.id, { userId: users.r1.id, mediatorId: m.li.id, relation: "同事" }, false)).toEqual({
      ok: false,
      error: "notOnPanel",
    });
    expect(await declareRelation(admin, round.id, { userId: users.r5.id, mediatorId: m.sun.id, relation: "师徒" }, true)).toEqual({
      ok: true,
    });
  });

  it("refuses every conflict: own application, own committee, a declared relation, not on the panel, wrong stage", async () => {
    expect(await scoreApplication(as(users.zhangUser), apps.zhang.id, sheet(80, 80))).toEqual({ ok: false, error: "own" });
    expect(await scoreApplication(as(users.sameCommittee), apps.zhang.id, sheet(80, 80))).toEqual({ ok: false, error: "ownCommittee" });
    expect(await scoreApplication(as(users.r3), apps.li.id, sheet(80, 80))).toEqual({ ok: false, error: "relation" });
    expect(await scoreApplication(as(users.outsider), apps.zhang.id, sheet(80, 80))).toEqual({ ok: false, error: "notOnPanel" });
    expect(await scoreApplication(as(users.r1), apps.wang.id, sheet(80, 80))).toEqual({ ok: false, error: "stage" });
    expect(await scoreApplication(as(users.r1), apps.zhang.id, { points: { overall: 80 } })).toEqual({ ok: false, error: "items" });
    expect(await scoreApplication(as(users.r1), apps.zhang.id, { points: { c3: 80, overall: 101 } })).toEqual({
      ok: false,
      error: "items",
    });
    expect(await RoundScore.count()).toBe(0);
    // The queue leaves out what the member may not score; the sheet page says why.
    const queue = await scoringQueue(users.r3.id, round.id);
    expect(queue.rows.map((r) => r.id).sort()).toEqual([apps.zhang.id, apps.zhao.id, apps.sun.id].sort());
    expect(queue.withheld).toBe(1);
    expect((await sheetFor(users.sameCommittee.id, apps.zhang.id))!.refusal).toBe("ownCommittee");
    expect((await sheetFor(users.r1.id, apps.zhang.id))!.refusal).toBeNull();
  });

  it("keeps each member's sheet, changes only their own on a second try, and combines them (trimmed)", async () => {
    expect(await scoreApplication(as(users.r1), apps.zhang.id, sheet(70, 90))).toMatchObject({ ok: true, total: 80, score: 80 });
    expect(await scoreApplication(as(users.r3), apps.zhang.id, sheet(90, 91))).toMatchObject({ ok: true, total: 90.5, score: 85.25 });
    // Three sheets: the highest and the lowest are dropped.
    expect(await scoreApplication(as(users.r5), apps.zhang.id, sheet(60, 61))).toMatchObject({ ok: true, total: 60.5, score: 80 });
    const first = await RoundScore.findOne({ where: { applicationId: apps.zhang.id, reviewerId: users.r1.id } });
    expect(await scoreApplication(as(users.r1), apps.zhang.id, sheet(70, 71))).toMatchObject({ ok: true, total: 70.5, score: 70.5 });
    const again = await RoundScore.findAll({ where: { applicationId: apps.zhang.id, reviewerId: users.r1.id } });
    expect(again).toHaveLength(1);
    expect(again[0].id).toBe(first!.id);
    expect(await RoundScore.count({ where: { applicationId: apps.zhang.id } })).toBe(3);
    expect(Number((await RoundApplication.findByPk(apps.zhang.id))!.score)).toBe(70.5);
    expect(await AuditEvent.count({ where: { action: "application.score", targetId: apps.zhang.id } })).toBe(4);
    // A member taken off the panel scores no more; their sheet stays.
    expect(await removeReviewer(admin, round.id, users.r5.id)).toEqual({ ok: true });
    expect(await scoreApplication(as(users.r5), apps.zhang.id, sheet(60, 60))).toEqual({ ok: false, error: "notOnPanel" });
    expect(await RoundScore.count({ where: { applicationId: apps.zhang.id } })).toBe(3);
  });

  it("decides only with a reason, within the range, and downgrades only below the level held", async () => {
    expect((await moveApplication(admin.id, apps.wang.id, "townshipReturn", { returnedReason: "材料不全" })).ok).toBe(true);
    expect((await advanceRound(admin, round.id, "reviewing")).ok).toBe(true);
    expect(decisionSchema.safeParse({ outcome: "awarded", level: "level3", reason: " " }).success).toBe(false);
    expect(await decideApplication(admin, apps.zhang.id, { outcome: "awarded", level: "level3", reason: "" })).toEqual({
      ok: false,
      error: "reason",
    });
    // Above the level applied for, or outside the round's range.
    expect(await decideApplication(admin, apps.sun.id, { outcome: "awarded", level: "level3", reason: "优秀" })).toEqual({
      ok: false,
      error: "level",
    });
    expect(await decideApplication(admin, apps.zhang.id, { outcome: "awarded", level: "level2", reason: "优秀" })).toEqual({
      ok: false,
      error: "level",
    });
    // Nothing to downgrade from; not below the level held.
    expect(await decideApplication(admin, apps.sun.id, { outcome: "downgraded", level: "", reason: "x" })).toEqual({
      ok: false,
      error: "downgrade",
    });
    expect(await decideApplication(admin, apps.li.id, { outcome: "downgraded", level: "level3", reason: "x" })).toEqual({
      ok: false,
      error: "downgrade",
    });
    const town = { id: users.admin.id, scopes: [(await getOrgScope(u.town.id))!] };
    expect(await decideApplication(town, apps.zhang.id, { outcome: "awarded", level: "level3", reason: "符合条件" })).toEqual({
      ok: false,
      error: "scope",
    });
    expect((await decideApplication(admin, apps.zhang.id, { outcome: "awarded", level: "level4", reason: "综合评分一般" })).ok).toBe(true);
    // Reopened before the announcement, then decided again.
    expect((await reopenApplication(admin, apps.zhang.id)).ok).toBe(true);
    expect((await RoundApplication.findByPk(apps.zhang.id))!.stage).toBe("panel");
    expect((await decideApplication(admin, apps.zhang.id, { outcome: "awarded", level: "level3", reason: "各项条件均符合" })).ok).toBe(
      true,
    );
    expect((await decideApplication(admin, apps.li.id, { outcome: "downgraded", level: "level4", reason: "期内调解成功率下降" })).ok).toBe(
      true,
    );
    expect((await decideApplication(admin, apps.zhao.id, { outcome: "downgraded", level: "", reason: "期内受到处分" })).ok).toBe(true);
    expect((await decideApplication(admin, apps.sun.id, { outcome: "notAwarded", level: "", reason: "案件数量不足" })).ok).toBe(true);
  });

  it("announces publicly with masked names and nothing private", async () => {
    expect(await announcementOf(round.id)).toBeNull();
    expect(
      (await callRoute(announcementPage.loader as never, { url: `/announcements/${round.id}`, params: { roundId: String(round.id) } }))
        .status,
    ).toBe(404);
    expect((await advanceRound(admin, round.id, "announcing", today)).ok).toBe(true);
    expect((await reopenApplication(admin, apps.zhang.id)).ok).toBe(false);
    const page = await callRoute(announcementPage.loader as never, {
      url: `/announcements/${round.id}`,
      params: { roundId: String(round.id) },
    });
    expect(page.status).toBe(200);
    const text = JSON.stringify(page.body);
    expect(text).toContain("张*胜");
    expect(text).toContain("东门社区人民调解委员会");
    for (const secret of ["张振胜", "李明华", "13900001111", "综合评分", "期内受到处分", "70.5"]) expect(text).not.toContain(secret);
    const view = (await announcementOf(round.id))!;
    expect(view.open).toBe(true);
    const byName = new Map(view.rows.map((r) => [r.name, r.result]));
    expect(byName.get("张*胜")).toEqual({ kind: "level", name: "三级人民调解员" });
    expect(byName.get("李*华")).toEqual({ kind: "level", name: "四级人民调解员" });
    expect(byName.get("赵*强")).toEqual({ kind: "ungraded", name: "未定级" });
    expect(byName.get("孙*新")).toEqual({ kind: "ungraded", name: "未定级" });
    expect(view.rows.map((r) => r.name)).not.toContain("王*国");
  });

  it("pages, searches by committee or area name, filters by result, and points the objection form at one row", async () => {
    const q = (query: string) =>
      callRoute(announcementPage.loader as never, { url: `/announcements/${round.id}?${query}`, params: { roundId: String(round.id) } });
    type Page = { total: number; page: number; pages: number; rows: { id: number; name: string }[]; object: { name: string } | null };
    const body = async (query: string) => (await q(query)).body as Page & { objectMissing: boolean };
    const all = await body("");
    expect(all).toMatchObject({ total: 4, page: 1, pages: 1 });
    // By committee name, by the township above it (城关镇 holds both), by nothing that exists.
    expect((await body(`q=${encodeURIComponent("东门")}`)).rows.map((r) => r.name)).toEqual(["张*胜"]);
    expect((await body(`q=${encodeURIComponent("西关村")}`)).total).toBe(3);
    expect((await body(`q=${encodeURIComponent("城关镇")}`)).total).toBe(4);
    expect((await body("q=%25")).total).toBe(4); // a bare % is no wildcard: ignored
    expect((await body(`q=${encodeURIComponent("白石村")}`)).rows).toEqual([]);
    // By result: 三级 (张 awarded), 未定级 (赵 downgraded to none, 孙 not awarded without a level).
    expect((await body("level=level3")).rows.map((r) => r.name)).toEqual(["张*胜"]);
    expect((await body("level=ungraded")).rows.map((r) => r.name).sort()).toEqual(["孙*新", "赵*强"].sort());
    expect((await body("level=nonsense")).total).toBe(4);
    // Out-of-range pages land on the last one; the page size is 50, so 4 rows make one page.
    expect((await body("page=999")).page).toBe(1);
    expect((await body("page=-1&q=")).page).toBe(1);
    // The objection form names the chosen application, masked; one not on the notice is reported.
    const chosen = await body(`object=${apps.li.id}`);
    expect(chosen.object).toMatchObject({ name: "李*华" });
    expect(JSON.stringify(chosen)).not.toContain("李明华");
    expect(await body(`object=${apps.wang.id}`)).toMatchObject({ object: null, objectMissing: true });
    expect(await body("object=99999999")).toMatchObject({ object: null, objectMissing: true });
    // Paging at scale: 120 more decided applications in 东门 make three pages of 50.
    const extra: number[] = [];
    for (let i = 0; i < 120; i++) {
      const who = await mediator(`钱${"一二三四五六七八九十"[i % 10]}${i}`, u.east, `1370000${String(i).padStart(4, "0")}`);
      const a = await RoundApplication.create({
        roundId: round.id,
        mediatorId: who.id,
        committeeId: u.east.id,
        orgPath: who.orgPath,
        level: "level4",
        stage: "decided",
        outcome: "awarded",
        awardedLevel: "level4",
        decisionReason: "符合条件",
      });
      extra.push(a.id);
    }
    try {
      const first = await body("");
      expect(first).toMatchObject({ total: 124, pages: 3 });
      expect(first.rows).toHaveLength(50);
      const third = await body("page=3");
      expect(third.rows).toHaveLength(24);
      const seen = new Set([...first.rows, ...(await body("page=2")).rows, ...third.rows].map((r) => r.id));
      expect(seen.size).toBe(124);
      expect((await body(`level=level4&q=${encodeURIComponent("东门")}`)).total).toBe(120);
    } finally {
      await RoundApplication.destroy({ where: { id: extra } });
    }
  });

  it("takes objections only during the period, ignores the honeypot, and limits each address", async () => {
    const objection = { objector: "王某", contact: "13800000000", applicationId: apps.li.id, text: "该调解员期内案件数量不实，请核查。" };
    expect(await fileObjection(round.id, objection, "10.0.0.9", addDays(today, 7))).toEqual({ ok: false, error: "closed" });
    expect(await fileObjection(round.id, { ...objection, applicationId: apps.wang.id }, "10.0.0.8")).toEqual({
      ok: false,
      error: "application",
    });
    const honey = await callRoute(announcementPage.action as never, {
      url: `/announcements/${round.id}`,
      params: { roundId: String(round.id) },
      form: { ...objection, applicationId: String(apps.li.id), website: "http://spam.example" },
    });
    expect(honey.status).toBe(400);
    expect(await RoundObjection.count({ where: { roundId: round.id } })).toBe(0);
    const notAnnounced = await callRoute(announcementPage.action as never, {
      url: `/announcements/${round.id}`,
      params: { roundId: String(round.id) },
      form: { ...objection, applicationId: String(apps.wang.id) },
    });
    expect(notAnnounced.status).toBe(400);
    expect(JSON.stringify(notAnnounced.body)).toContain("roundPanel.error.application");
    expect(await RoundObjection.count({ where: { roundId: round.id } })).toBe(0);
    const filed = await callRoute(announcementPage.action as never, {
      url: `/announcements/${round.id}`,
      params: { roundId: String(round.id) },
      form: { ...objection, applicationId: String(apps.li.id) },
    });
    expect(filed.status).toBe(302);
    expect(await RoundObjection.count({ where: { roundId: round.id } })).toBe(1);
    for (let i = 0; i < OBJECTION_LIMIT; i++) await fileObjection(round.id, objection, "10.0.0.7");
    expect(await fileObjection(round.id, objection, "10.0.0.7")).toMatchObject({ ok: false, error: "limited" });
    expect(await fileObjection(round.id, objection, "10.0.0.6")).toMatchObject({ ok: true });
    // The contact never appears on the public page.
    const page = await callRoute(announcementPage.loader as never, {
      url: `/announcements/${round.id}`,
      params: { roundId: String(round.id) },
    });
    expect(JSON.stringify(page.body)).not.toContain("13800000000");
  });

  it("finalises only after the period with every objection answered (a refused re-decision leaves it open)", async () => {
    const after = addDays(today, 7);
    expect(await finaliseRound(admin, round.id, today)).toEqual({ ok: false, error: "announcementRunning" });
    expect(await finaliseRound(admin, round.id, after)).toEqual({ ok: false, error: "openObjections" });
    const open = await RoundObjection.findAll({ where: { roundId: round.id, state: "open" }, order: [["id", "ASC"]] });
    expect(
      await answerObjection(admin, open[0].id, {
        answer: "经核查，维持降级。",
        redecide: true,
        outcome: "awarded",
        level: "level2",
        reason: "x",
      }),
    ).toEqual({ ok: false, error: "level" });
    expect((await RoundObjection.findByPk(open[0].id))!.state).toBe("open");
    expect(
      (
        await answerObjection(admin, open[0].id, {
          answer: "经复核，维持原等级。",
          redecide: true,
          outcome: "notAwarded",
          level: "",
          reason: "复核后维持",
        })
      ).ok,
    ).toBe(true);
    expect((await RoundApplication.findByPk(apps.li.id))!.outcome).toBe("notAwarded");
    expect(await answerObjection(admin, open[0].id, { answer: "再答一次", redecide: false })).toEqual({ ok: false, error: "answered" });
    // Put 李明华 back to the downgrade, answering the next objection.
    expect(
      (
        await answerObjection(admin, open[1].id, {
          answer: "经再次复核，降为四级。",
          redecide: true,
          outcome: "downgraded",
          level: "level4",
          reason: "成功率下降",
        })
      ).ok,
    ).toBe(true);
    for (const o of open.slice(2)) expect((await answerObjection(admin, o.id, { answer: "已核查。", redecide: false })).ok).toBe(true);
    expect(await finalisePreview((await EvaluationRound.findByPk(round.id))!, after)).toMatchObject({
      awarded: 1,
      downgradedTo: 1,
      downgradedNone: 1,
      notAwarded: 1,
      openObjections: 0,
      announcementRunning: false,
    });
  });

  it("sets the levels, issues and supersedes or downgrades certificates, and tells the applicants", async () => {
    const after = addDays(today, 7);
    const [liOld, zhaoOld] = await Promise.all([m.li, m.zhao].map((who) => Certificate.findOne({ where: { mediatorId: who.id } })));
    const result = await finaliseRound(admin, round.id, after);
    expect(result.ok).toBe(true);
    const grade = async (who: Mediator) => (await Mediator.findByPk(who.id))!.gradeLevel;
    expect(await grade(m.zhang)).toBe("level3");
    expect(await grade(m.li)).toBe("level4");
    expect(await grade(m.zhao)).toBeNull();
    expect(await grade(m.sun)).toBeNull();
    const zhangCert = await Certificate.findOne({ where: { mediatorId: m.zhang.id } });
    expect(zhangCert).toMatchObject({ level: "level3", levelName: "三级人民调解员", status: "valid", roundId: round.id });
    expect(String(zhangCert!.validUntil).slice(0, 10)).toBe(validUntilOf(after, 2));
    expect((await RoundApplication.findByPk(apps.zhang.id))!.certificateId).toBe(zhangCert!.id);
    const liNew = await Certificate.findOne({ where: { mediatorId: m.li.id, roundId: round.id } });
    expect(liNew).toMatchObject({ level: "level4", status: "valid" });
    expect(await Certificate.findByPk(liOld!.id)).toMatchObject({ status: "downgraded", supersededById: liNew!.id });
    expect(await Certificate.findByPk(zhaoOld!.id)).toMatchObject({ status: "downgraded" });
    expect(await Certificate.count({ where: { mediatorId: m.sun.id } })).toBe(0);
    expect(await MediatorLevel.count({ where: { mediatorId: m.zhao.id, until: null } })).toBe(0);
    expect(await Notification.findOne({ where: { userId: users.zhangUser.id, kind: "roundResult.level" } })).not.toBeNull();
    expect((await EvaluationRound.findByPk(round.id))!.state).toBe("final");
    expect(await finaliseRound(admin, round.id, after)).toEqual({ ok: false, error: "state" });
  });
});

describe("finalising is all or nothing", () => {
  it("a failure midway (an unknown level) leaves no level, certificate or state change behind", async () => {
    const r = await createRound(admin, u.county.id, input({ title: "回滚测试批次" }));
    if (!r.ok) throw new Error("round");
    const round = r.round;
    const first = await mediator("周文斌", u.west, "13900006666");
    const second = await mediator("吴海峰", u.west, "13900007777");
    const a1 = await atPanel(round, first, "level4");
    const a2 = await atPanel(round, second, "level4");
    await advanceRound(admin, round.id, "reviewing");
    expect((await decideApplication(admin, a1.id, { outcome: "awarded", level: "level4", reason: "符合条件" })).ok).toBe(true);
    expect((await decideApplication(admin, a2.id, { outcome: "awarded", level: "level4", reason: "符合条件" })).ok).toBe(true);
    // The second decision's level is gone from the scheme by the time the round is finalised.
    await RoundApplication.update({ awardedLevel: "levelX" }, { where: { id: a2.id } });
    expect((await advanceRound(admin, round.id, "announcing", today)).ok).toBe(true);
    const levels = await MediatorLevel.count();
    const certificates = await Certificate.count();
    expect(await finaliseRound(admin, round.id, addDays(today, 7))).toEqual({ ok: false, error: "certificate" });
    expect((await Mediator.findByPk(first.id))!.gradeLevel).toBeNull();
    expect(await MediatorLevel.count()).toBe(levels);
    expect(await Certificate.count()).toBe(certificates);
    expect((await RoundApplication.findByPk(a1.id))!.certificateId).toBeNull();
    expect((await EvaluationRound.findByPk(round.id))!.state).toBe("announcing");
  });
});
