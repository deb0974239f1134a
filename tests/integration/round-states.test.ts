import { inTransaction } from "~/.server/db/connection";
import { AuditEvent, EvaluationRound, Mediator, OrgUnit, RoundApplication, RoundObjection, User } from "~/.server/db/models";
import { createOrgUnit, getOrgScope } from "~/.server/org";
import { advanceRound, createRound, roundsOpenTo, type Actor } from "~/.server/rounds/rounds";
import { moveApplication } from "~/.server/rounds/moves";
import { APPLICATION_MOVES, combineScores, roundSchema, type RoundInput } from "~/lib/rounds";
import { addDays, todayInChina } from "~/lib/dates";
import { createMigratedDatabase, type TestDatabase } from "../support/db";

let db: TestDatabase;
let county: Actor;
let other: Actor;
const u = {} as Record<"city" | "county" | "other" | "town" | "committee", OrgUnit>;
let zhang: Mediator;
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
  combine: "mean",
  ...over,
});

beforeAll(async () => {
  db = await createMigratedDatabase();
  await inTransaction(async (t) => {
    u.city = await createOrgUnit({ parentId: null, kind: "city", name: "云溪市" }, t);
    u.county = await createOrgUnit({ parentId: u.city.id, kind: "county", name: "青山县司法局" }, t);
    u.other = await createOrgUnit({ parentId: u.city.id, kind: "county", name: "临河区司法局" }, t);
    u.town = await createOrgUnit({ parentId: u.county.id, kind: "township", name: "城关镇" }, t);
    u.committee = await createOrgUnit(
      { parentId: u.town.id, kind: "committee", committeeKind: "village_resident", name: "东门社区人民调解委员会" },
      t,
    );
    zhang = await Mediator.create(
      {
        orgUnitId: u.committee.id,
        name: "张振胜",
        gender: "male",
        birthYear: 1970,
        employment: "part_time",
        appointedOn: "2015-03-01",
        phone: "13900001111",
      },
      { transaction: t },
    );
  });
  const user = await User.create({ username: "county_admin", displayName: "陈某", passwordHash: "x", passwordChangedAt: null });
  county = { id: user.id, scopes: [(await getOrgScope(u.county.id))!] };
  other = { id: user.id, scopes: [(await getOrgScope(u.other.id))!] };
});
afterAll(() => db.drop());

describe("the round form", () => {
  it("refuses dates out of order and impossible dates", () => {
    const bad = roundSchema.safeParse({ ...input(), applicationsUntil: addDays(today, -10), periodTo: "2025-02-30" });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["periodTo", "applicationsUntil"]));
    expect(roundSchema.safeParse({ ...input(), announcementDays: 3 }).success).toBe(false);
    expect(roundSchema.safeParse(input()).success).toBe(true);
  });
});

describe("opening a round", () => {
  it("refuses a node outside the admin's scope, a committee, and levels the node does not evaluate", async () => {
    expect(await createRound(other, u.county.id, input())).toEqual({ ok: false, errors: { orgUnitId: ["round.error.node"] } });
    expect(await createRound(county, u.committee.id, input())).toEqual({ ok: false, errors: { orgUnitId: ["round.error.nodeKind"] } });
    expect(await createRound(county, u.county.id, input({ levels: ["level1"] }))).toEqual({
      ok: false,
      errors: { levels: ["round.error.levels"] },
    });
  });

  it("opens one with its levels in the scheme's order, audited, and offers it to mediators of the subtree", async () => {
    const result = await createRound(county, u.county.id, input({ levels: ["level4", "level3"] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.round.levels).toEqual(["level3", "level4"]);
    expect(await AuditEvent.count({ where: { action: "round.open", targetId: result.round.id } })).toBe(1);
    expect((await roundsOpenTo(u.committee.path)).map((r) => r.id)).toContain(result.round.id);
    const elsewhere = await OrgUnit.findByPk(u.other.id);
    expect((await roundsOpenTo(elsewhere!.path)).map((r) => r.id)).not.toContain(result.round.id);
  });
});

describe("the state machines", () => {
  let round: EvaluationRound;
  let application: RoundApplication;
  beforeAll(async () => {
    const r = await createRound(county, u.county.id, input({ title: "状态机测试批次" }));
    if (!r.ok) throw new Error("round");
    round = r.round;
    application = await RoundApplication.create({
      roundId: round.id,
      mediatorId: zhang.id,
      userId: null,
      committeeId: u.committee.id,
      orgPath: zhang.orgPath,
      level: "level4",
      levelBefore: null,
    });
  });

  it("never skips a stage", async () => {
    expect(await moveApplication(county.id, application.id, "townshipPass")).toEqual({ ok: false, error: "stage" });
    expect(await moveApplication(county.id, application.id, "decide")).toEqual({ ok: false, error: "stage" });
    expect((await moveApplication(county.id, application.id, "submit")).ok).toBe(true);
    expect(await moveApplication(county.id, application.id, "submit")).toEqual({ ok: false, error: "stage" });
    expect((await moveApplication(county.id, application.id, "committeeReturn", { returnedReason: "缺少证明材料" })).ok).toBe(true);
    expect((await moveApplication(county.id, application.id, "submit")).ok).toBe(true);
    expect((await moveApplication(county.id, application.id, "committeePass")).ok).toBe(true);
    expect((await moveApplication(county.id, application.id, "townshipPass")).ok).toBe(true);
    // The panel decides only once applications are closed.
    expect(await moveApplication(county.id, application.id, "decide")).toEqual({ ok: false, error: "roundState" });
    const moves = await AuditEvent.count({ where: { targetType: "round_application", targetId: application.id } });
    expect(moves).toBe(5);
  });

  it("announces only when no application waits, finalises only after the period with every objection answered", async () => {
    expect(await advanceRound(county, round.id, "announcing")).toEqual({ ok: false, error: "state" });
    expect((await advanceRound(county, round.id, "reviewing")).ok).toBe(true);
    expect(await advanceRound(county, round.id, "announcing")).toEqual({ ok: false, error: "undecided" });
    const decided = await moveApplication(county.id, application.id, "decide", {
      outcome: "awarded",
      awardedLevel: "level4",
      decisionReason: "符合条件",
    });
    expect(decided.ok).toBe(true);
    expect((await advanceRound(county, round.id, "announcing", today)).ok).toBe(true);
    const fresh = await EvaluationRound.findByPk(round.id);
    expect(fresh!.objectionsUntil).toBe(addDays(today, 6));
    expect(await advanceRound(county, round.id, "final", today)).toEqual({ ok: false, error: "announcementRunning" });
    const objection = await RoundObjection.create({
      roundId: round.id,
      applicationId: application.id,
      objector: "王某",
      contact: "13800000000",
      text: "该调解员案件数量不实",
    });
    const after = addDays(today, 7);
    expect(await advanceRound(county, round.id, "final", after)).toEqual({ ok: false, error: "openObjections" });
    await objection.update({ state: "answered", answer: "经核查，案件数量属实。" });
    expect(await advanceRound(other, round.id, "final", after)).toEqual({ ok: false, error: "scope" });
    let ran = 0;
    expect((await advanceRound(county, round.id, "final", after, async () => void ran++)).ok).toBe(true);
    expect(ran).toBe(1);
    expect(await advanceRound(county, round.id, "final", after)).toEqual({ ok: false, error: "state" });
  });

  it("lists every move with the stages it starts from", () => {
    expect(Object.keys(APPLICATION_MOVES).sort()).toEqual(
      ["committeePass", "committeeReturn", "decide", "reopen", "submit", "townshipPass", "townshipReturn", "withdraw"].sort(),
    );
  });
});

describe("combined scores", () => {
  it("takes the mean, or drops the highest and lowest of three or more", () => {
    expect(combineScores([], "mean")).toBeNull();
    expect(combineScores([80, 90], "trimmed")).toBe(85);
    expect(combineScores([60, 80, 82, 84, 100], "trimmed")).toBe(82);
    expect(combineScores([60, 80, 82, 84, 100], "mean")).toBe(81.2);
  });
});
