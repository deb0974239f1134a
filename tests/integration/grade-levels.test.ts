import { getSequelize, inTransaction } from "~/.server/db/connection";
import { AuditEvent, Mediator, MediatorLevel, OrgUnit, QuizAttempt, User } from "~/.server/db/models";
import { createOrgUnit, getOrgScope, type OrgScope } from "~/.server/org";
import { criteriaOf, criteriaOfMany } from "~/.server/levels/check";
import { factsOfMany } from "~/.server/levels/facts";
import { setLevel } from "~/.server/levels/history";
import { addSanction, removeSanction, sanctionsOf } from "~/.server/levels/sanctions";
import { applyPreset, clearScheme, saveScheme, schemeAt } from "~/.server/levels/scheme";
import { GUANGDONG_SCHEME, NATIONAL_SCHEME, type LevelScheme, type Period } from "~/lib/levels";
import { createRandom } from "../../db/seeders/names";
import { createMigratedDatabase, type TestDatabase } from "../support/db";

let db: TestDatabase;
const u = {} as Record<"province" | "city" | "county" | "east", OrgUnit>;
let provinceAdmin: { id: number; scopes: OrgScope[]; ip: string };
let countyAdmin: { id: number; scopes: OrgScope[]; ip: string };
const people: Mediator[] = [];
let userId: number;

/** A scheme with an exam criterion, so the attempt engine's source is read too. */
const WITH_EXAM: LevelScheme = {
  ...GUANGDONG_SCHEME,
  levels: GUANGDONG_SCHEME.levels.map((l, i) =>
    i < 2 ? { ...l, criteria: [...l.criteria, { kind: "examScore", threshold: 70, quizId: "grade-exam" }] } : l,
  ),
};

beforeAll(async () => {
  db = await createMigratedDatabase();
  const random = createRandom(2126);
  await inTransaction(async (t) => {
    u.province = await createOrgUnit({ parentId: null, kind: "province", name: "江源省" }, t);
    u.city = await createOrgUnit({ parentId: u.province.id, kind: "city", name: "云溪市" }, t);
    u.county = await createOrgUnit({ parentId: u.city.id, kind: "county", name: "青山县" }, t);
    const town = await createOrgUnit({ parentId: u.county.id, kind: "township", name: "城关镇" }, t);
    u.east = await createOrgUnit(
      { parentId: town.id, kind: "committee", committeeKind: "village_resident", name: "东门社区人民调解委员会" },
      t,
    );
    const user = await User.create(
      { username: "bureau", displayName: "省厅", passwordHash: "x", passwordChangedAt: null },
      { transaction: t },
    );
    userId = user.id;
    for (let i = 0; i < 40; i++) {
      const appointed = random.int(0, 9) === 0 ? null : `${random.int(2012, 2025)}-0${random.int(1, 9)}-1${random.int(0, 9)}`;
      people.push(
        await Mediator.create(
          {
            orgUnitId: u.east.id,
            name: `调解员${i}`,
            gender: "male",
            birthYear: 1970,
            employment: "part_time",
            appointedOn: appointed,
            phone: null,
            education: random.int(0, 1) ? "college" : "senior_high",
          },
          { transaction: t },
        ),
      );
    }
    // Rollup rows as the register and the ledger keep them, random but within their rules.
    const caseRows: Record<string, unknown>[] = [];
    const trainingRows: Record<string, unknown>[] = [];
    for (const p of people)
      for (let year = 2021; year <= 2026; year++) {
        if (random.int(0, 4) === 0) continue;
        const handled = random.int(0, 60);
        const successful = random.int(Math.floor(handled * 0.7), handled);
        const oral = random.int(0, successful);
        caseRows.push({
          mediator_id: p.id,
          year,
          handled,
          successful,
          oral,
          confirmed: random.int(0, successful - oral),
          followed_up: 0,
          assisted: random.int(0, 3),
        });
        trainingRows.push({
          mediator_id: p.id,
          year,
          org_path: u.east.path,
          employment: "part_time",
          active: true,
          records: 3,
          practical: random.int(0, 3),
          hours: random.int(0, 300) / 10,
          compliant: random.int(0, 3) > 0,
          newcomer: false,
          preservice_hours: 0,
          preservice_done: false,
        });
      }
    const qi = getSequelize().getQueryInterface();
    await qi.bulkInsert("mediator_case_years", caseRows, { transaction: t });
    await qi.bulkInsert("mediator_years", trainingRows, { transaction: t });
    let n = 0;
    for (const p of people.filter(() => random.int(0, 2) === 0))
      for (let k = 0; k < random.int(1, 3); k++)
        await QuizAttempt.create(
          {
            quizId: "grade-exam",
            userId,
            mediatorId: p.id,
            orgPath: u.east.path,
            number: ++n,
            state: random.int(0, 4) ? "graded" : "pending",
            settings: {} as never,
            startedAt: new Date(),
            deadlineAt: null,
            maxScore: 100,
            score: 50,
            percent: random.int(40, 100),
            passed: false,
          },
          { transaction: t },
        );
  });
  for (const p of people.filter((_, i) => i % 3 === 0)) {
    await setLevel(userId, p.id, { level: "level4", from: `20${random.int(18, 23)}-0${random.int(1, 9)}-01`, source: "import" });
    if (p.id % 2) await setLevel(userId, p.id, { level: "level3", from: "2025-01-15", source: "import" });
  }
  provinceAdmin = { id: userId, scopes: [(await getOrgScope(u.province.id))!], ip: "test" };
  countyAdmin = { id: userId, scopes: [(await getOrgScope(u.county.id))!], ip: "test" };
  for (const p of people.filter((_, i) => i % 5 === 1))
    await addSanction(countyAdmin, p, {
      on: `202${random.int(2, 6)}-03-0${random.int(1, 9)}`,
      reason: "调解中收受当事人财物，违反人民调解员纪律。",
      documentNo: `青司处〔2025〕${p.id}号`,
    });
});
afterAll(() => db.drop());

describe("the batch equals the single computation", () => {
  it("for every mediator, level and random period (property)", async () => {
    const random = createRandom(7);
    const seen = new Set<string>();
    for (let round = 0; round < 12; round++) {
      const scheme = [NATIONAL_SCHEME, GUANGDONG_SCHEME, WITH_EXAM][round % 3];
      const fromYear = random.int(2020, 2026);
      const period: Period = {
        from: `${fromYear}-01-01`,
        to: `${random.int(fromYear, 2026)}-${["03-31", "06-30", "12-31"][random.int(0, 2)]}`,
      };
      const sample = people.filter(() => random.int(0, 1) === 1);
      const applicants = sample.map((p) => ({ mediatorId: p.id, level: scheme.levels[random.int(0, scheme.levels.length - 1)].key }));
      const batch = await criteriaOfMany(applicants, scheme, period);
      expect(batch.map((b) => b.mediatorId)).toEqual(applicants.map((a) => a.mediatorId));
      for (const [i, a] of applicants.entries()) {
        const [single] = (await criteriaOf(a.mediatorId, scheme, period, [a.level]))!;
        expect(batch[i].check).toEqual(single);
        for (const r of single.criteria) seen.add(`${r.kind}:${r.status}`);
      }
    }
    // The random data reaches both sides of every computed criterion's threshold.
    for (const kind of [
      "serviceYears",
      "disputes",
      "successRate",
      "oralShare",
      "confirmed",
      "trainingHours",
      "trainingDone",
      "examScore",
      "levelHeld",
      "noSanction",
    ])
      for (const status of ["met", "notMet"]) expect(seen).toContain(`${kind}:${status}`);
  });

  it("reads each source once for the whole batch", async () => {
    const spy = jest.spyOn(getSequelize(), "query");
    try {
      await factsOfMany(
        people.map((p) => p.id),
        { from: "2024-01-01", to: "2026-06-30" },
        ["grade-exam"],
      );
      expect(spy).toHaveBeenCalledTimes(6); // roster, register rollup, training rollup, attempts, levels, sanctions
    } finally {
      spy.mockRestore();
    }
  });

  it("leaves unknown mediators out", async () => {
    expect(
      await criteriaOfMany([{ mediatorId: 99999999, level: "level4" }], NATIONAL_SCHEME, { from: "2024-01-01", to: "2026-06-30" }),
    ).toEqual([]);
    expect(await criteriaOf(99999999, NATIONAL_SCHEME, { from: "2024-01-01", to: "2026-06-30" })).toBeNull();
  });
});

describe("level schemes per province", () => {
  it("the national scheme applies until a province sets its own; only admins over the province may", async () => {
    expect((await schemeAt(u.east.path)).own).toBe(false);
    expect(await applyPreset(countyAdmin, u.province.id, "guangdong")).toEqual({ ok: false, error: "notFound" });
    expect(await saveScheme(provinceAdmin, u.city.id, NATIONAL_SCHEME)).toEqual({ ok: false, error: "notProvince" });
    expect(await applyPreset(provinceAdmin, u.province.id, "guangdong")).toEqual({ ok: true });
    const inForce = await schemeAt(u.east.path);
    expect(inForce.own).toBe(true);
    expect(inForce.scheme).toEqual(GUANGDONG_SCHEME);
    const renamed = structuredClone(GUANGDONG_SCHEME);
    renamed.levels[0].name = "一级调解员";
    renamed.honorary = ["金牌调解员", "首席调解员"];
    expect(await saveScheme(provinceAdmin, u.province.id, renamed)).toEqual({ ok: true });
    expect((await schemeAt(u.east.path)).scheme.levels[0].name).toBe("一级调解员");
    const audits = await AuditEvent.findAll({ where: { action: "level_scheme.set" } });
    expect(audits).toHaveLength(2);
    expect(await clearScheme(provinceAdmin, u.province.id)).toEqual({ ok: true });
    expect((await schemeAt(u.east.path)).scheme).toEqual(NATIONAL_SCHEME);
    expect(await AuditEvent.count({ where: { action: "level_scheme.cleared" } })).toBe(1);
  });
});

describe("sanctions and the level history", () => {
  it("a sanction entered by the bureau fails 无违纪; removing it (with a reason) restores it; both audited", async () => {
    const p = people[2];
    const period: Period = { from: "2024-01-01", to: "2026-06-30" };
    const noSanction = async () =>
      (await criteriaOf(p.id, NATIONAL_SCHEME, period, ["level4"]))![0].criteria.find((c) => c.kind === "noSanction")!;
    expect((await noSanction()).status).toBe("met");
    const outside = { id: userId, scopes: [(await getOrgScope(u.city.id))!].map((s) => ({ ...s, contains: () => false })), ip: "test" };
    expect(await addSanction(outside, p, { on: "2025-05-06", reason: "x", documentNo: "x" })).toEqual({ ok: false, error: "notFound" });
    const added = await addSanction(countyAdmin, p, {
      on: "2025-05-06",
      reason: "调解中偏袒一方当事人，经查属实。",
      documentNo: "青司处〔2025〕9号",
    });
    expect(added.ok).toBe(true);
    expect(await noSanction()).toMatchObject({ status: "notMet", figure: 1 });
    expect((await sanctionsOf(p.id))[0]).toMatchObject({ on: "2025-05-06", documentNo: "青司处〔2025〕9号" });
    await removeSanction(countyAdmin, p, added.ok ? added.id : 0, "文号录错，应为他人处分。");
    expect((await noSanction()).status).toBe("met");
    const trail = await AuditEvent.findAll({ where: { targetType: "mediator", targetId: String(p.id) }, order: [["id", "ASC"]] });
    expect(trail.map((a) => a.action).filter((a) => a.startsWith("mediator.sanction"))).toEqual([
      "mediator.sanction_added",
      "mediator.sanction_removed",
    ]);
    expect(trail.at(-1)!.reason).toBe("文号录错，应为他人处分。");
  });

  it("a new level closes the open one on its first day, and the roster shows the current level", async () => {
    const p = people[4];
    await setLevel(userId, p.id, { level: "level4", from: "2022-07-01", source: "entry" });
    await setLevel(userId, p.id, { level: "level3", from: "2026-01-10", source: "entry" });
    const rows = await MediatorLevel.findAll({ where: { mediatorId: p.id }, order: [["from", "ASC"]] });
    expect(rows.map((r) => [r.level, String(r.from), r.until && String(r.until)])).toEqual([
      ["level4", "2022-07-01", "2026-01-10"],
      ["level3", "2026-01-10", null],
    ]);
    expect((await Mediator.findByPk(p.id))!.gradeLevel).toBe("level3");
    const held = async (to: string) =>
      (await criteriaOf(p.id, NATIONAL_SCHEME, { from: "2024-01-01", to }, ["level3"]))![0].criteria.find((c) => c.kind === "levelHeld")!;
    // Before the promotion, 四级 was held 3 years by 2025-12-31; after it, 三级 (higher) counts from 2026-01-10.
    expect(await held("2025-12-31")).toMatchObject({ figure: 3, status: "met" });
    expect(await held("2026-06-30")).toMatchObject({ figure: 0, status: "notMet" });
  });
});
