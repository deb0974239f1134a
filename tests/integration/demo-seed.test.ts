import { Mediator, MediatorSpecialty, OrgUnit, QuizAttempt, User } from "~/.server/db/models";
import { getQuiz } from "~/.server/quizzes/bank";
import { windowState } from "~/.server/quizzes/attempts";
import { getOrgScope, inScope } from "~/.server/org";
import { DISPUTE_CATEGORIES } from "~/lib/categories";
import { Op } from "sequelize";
import { seedDemo } from "../../db/seeders/demo";
import { createMigratedDatabase, type TestDatabase } from "../support/db";

let db: TestDatabase;
beforeAll(async () => {
  db = await createMigratedDatabase();
});
afterAll(() => db.drop());

describe("the demo seed", () => {
  it("builds a city with 2 counties, 3 townships each, 3–5 committees per township, about 150 mediators", async () => {
    const summary = await seedDemo();
    expect(summary.created).toBe(true);

    const cities = await OrgUnit.findAll({ where: { kind: "city" } });
    expect(cities).toHaveLength(1);
    const counties = await OrgUnit.findAll({ where: { kind: "county", parentId: cities[0].id } });
    expect(counties).toHaveLength(2);
    for (const county of counties) {
      const townships = await OrgUnit.findAll({ where: { kind: "township", parentId: county.id } });
      expect(townships).toHaveLength(3);
      for (const township of townships) {
        const committees = await OrgUnit.findAll({ where: { parentId: township.id } });
        expect(committees.length).toBeGreaterThanOrEqual(3);
        expect(committees.length).toBeLessThanOrEqual(5);
        expect(new Set(committees.map((c) => c.committeeKind)).size).toBeGreaterThanOrEqual(2);
      }
    }
    const total = await Mediator.count();
    expect(total).toBeGreaterThanOrEqual(140);
    expect(total).toBeLessThanOrEqual(160);
    expect(summary.mediators).toBe(total);
  });

  it("mixes full- and part-time mediators with unique Chinese names and valid specialties", async () => {
    const all = await Mediator.findAll();
    const fullTime = all.filter((m) => m.employment === "full_time").length;
    expect(fullTime / all.length).toBeGreaterThan(0.15);
    expect(fullTime / all.length).toBeLessThan(0.6);
    expect(new Set(all.map((m) => m.name)).size).toBe(all.length);
    for (const m of all) expect(m.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    const specialties = await MediatorSpecialty.findAll();
    expect(new Set(specialties.map((s) => s.mediatorId)).size).toBe(all.length);
    for (const s of specialties) expect(DISPUTE_CATEGORIES).toContain(s.category);
  });

  it("places every mediator in a committee, inside its county's subtree", async () => {
    const counties = await OrgUnit.findAll({ where: { kind: "county" } });
    let counted = 0;
    for (const county of counties) {
      counted += await Mediator.count({ where: { orgUnitId: { [Op.in]: inScope((await getOrgScope(county.id))!) } } });
    }
    expect(counted).toBe(await Mediator.count());
    const committeeIds = new Set((await OrgUnit.findAll({ where: { kind: "committee" } })).map((c) => c.id));
    for (const m of await Mediator.findAll()) expect(committeeIds.has(m.orgUnitId)).toBe(true);
  });

  it("gives demo_mediator a passed practice paper and, while the annual test is open, an attempt awaiting a trainer", async () => {
    const user = (await User.findOne({ where: { username: "demo_mediator" } }))!;
    const practice = await QuizAttempt.findAll({ where: { userId: user.id, quizId: "practice-mixed" } });
    expect(practice).toHaveLength(1);
    expect(practice[0]).toMatchObject({ state: "graded", passed: true, gradings: 1 });
    expect(practice[0].percent).toBeLessThan(100);
    const annual = await QuizAttempt.findAll({ where: { userId: user.id, quizId: "annual-knowledge-2026" } });
    const open = windowState(getQuiz("annual-knowledge-2026")!, new Date(Date.now() - 86_400_000)) === "open";
    expect(annual.map((a) => a.state)).toEqual(open ? ["pending"] : []);
  });

  it("is idempotent: a second run changes nothing", async () => {
    const before = [await OrgUnit.count(), await Mediator.count()];
    expect((await seedDemo()).created).toBe(false);
    expect([await OrgUnit.count(), await Mediator.count()]).toEqual(before);
  });
});

describe("the demo case registers", () => {
  it("cover every committee for three years with the reported mix, and the rollups agree with the register", async () => {
    const { CaseFile } = await import("~/.server/db/models");
    const { compareCaseRollups } = await import("~/.server/cases/rollup");
    const thisYear = (await import("~/lib/dates")).currentYearInChina();
    const files = await CaseFile.findAll({ attributes: ["orgUnitId", "category", "outcome", "agreementForm", "confirmation", "closedOn"] });
    const committees = await OrgUnit.findAll({ where: { kind: "committee" } });
    for (const c of committees)
      expect(files.some((f) => f.orgUnitId === c.id && String(f.closedOn).startsWith(String(thisYear - 2)))).toBe(true);
    const success = files.filter((f) => f.outcome === "success");
    expect(success.length / files.length).toBeGreaterThan(0.93);
    const oral = success.filter((f) => f.agreementForm === "oral").length / success.length;
    expect(oral).toBeGreaterThan(0.2);
    expect(oral).toBeLessThan(0.4);
    expect(files.some((f) => f.confirmation === "confirmed")).toBe(true);
    const byCategory = new Map<string, number>();
    for (const f of files) byCategory.set(f.category, (byCategory.get(f.category) ?? 0) + 1);
    const top = [...byCategory.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([c]) => c);
    expect(top).toEqual(expect.arrayContaining(["traffic", "labour"]));
    expect(top.some((c) => c === "forest_land" || c === "housing_homestead")).toBe(true);
    expect(await compareCaseRollups()).toEqual([]);
  });

  it("give demo_mediator figures that meet 四级 and miss 三级", async () => {
    const { mediatorCaseSummary } = await import("~/.server/cases/stats");
    const { yearsOfService } = await import("~/lib/mediator");
    const user = (await User.findOne({ where: { username: "demo_mediator" } }))!;
    const mediator = (await Mediator.findOne({ where: { userId: user.id } }))!;
    const { total } = await mediatorCaseSummary(mediator.id, (await import("~/lib/dates")).currentYearInChina());
    // 四级 (Guangdong's rule): ≥ 2 years of service, ≥ 50 disputes, oral ≤ 30 %, success ≥ 85 %.
    expect(yearsOfService(mediator.appointedOn)).toBeGreaterThanOrEqual(2);
    expect(total!.handled).toBeGreaterThanOrEqual(50);
    expect(total!.oralShare!).toBeLessThanOrEqual(30);
    expect(total!.successRate!).toBeGreaterThanOrEqual(85);
    // …but not the higher level's bar (100 disputes, success ≥ 90 %, oral ≤ 20 %).
    expect(total!.handled).toBeLessThan(100);
    expect(total!.successRate!).toBeLessThan(90);
    expect(total!.oralShare!).toBeGreaterThan(20);
  });

  it("seed 江源省 with Guangdong's rule and earlier levels; the criteria check puts demo_mediator's computed figures at 四级", async () => {
    const { schemeAt } = await import("~/.server/levels/scheme");
    const { criteriaOf } = await import("~/.server/levels/check");
    const { GUANGDONG_SCHEME, periodOfYears } = await import("~/lib/levels");
    const { todayInChina } = await import("~/lib/dates");
    const { MediatorLevel } = await import("~/.server/db/models");
    const user = (await User.findOne({ where: { username: "demo_mediator" } }))!;
    const mediator = (await Mediator.findOne({ where: { userId: user.id } }))!;
    const { scheme, own } = await schemeAt(mediator.orgPath);
    expect(own).toBe(true);
    expect(scheme).toEqual(GUANGDONG_SCHEME);
    const checks = (await criteriaOf(mediator.id, scheme, periodOfYears(todayInChina())))!;
    const figures = (level: string) =>
      checks
        .find((c) => c.level === level)!
        .criteria.filter((r) => ["serviceYears", "disputes", "successRate", "oralShare"].includes(r.kind));
    expect(figures("level4").map((r) => r.status)).toEqual(["met", "met", "met", "met"]);
    expect(figures("level3").some((r) => r.status === "notMet")).toBe(true);
    const held = await MediatorLevel.findAll({ where: { until: null } });
    expect(held.filter((l) => l.level === "level4").length).toBeGreaterThan(held.filter((l) => l.level === "level3").length);
    expect(held.some((l) => l.mediatorId === mediator.id)).toBe(false);
  });
});

describe("the demo case-file reviews", () => {
  it("hold one finished review with every file scored and one open review with files at every stage, some for demo_reviewer", async () => {
    const { CaseReview, CaseReviewItem, CaseFile } = await import("~/.server/db/models");
    const { compareCaseRollups } = await import("~/.server/cases/rollup");
    const { recheckSample } = await import("~/.server/reviews/reviews");
    const reviews = await CaseReview.findAll({ order: [["id", "ASC"]] });
    expect(reviews.map((r) => r.state)).toEqual(["closed", "open"]);
    const stages = async (reviewId: number) => new Set((await CaseReviewItem.findAll({ where: { reviewId } })).map((i) => i.stage));
    expect([...(await stages(reviews[0].id))]).toEqual(["passed"]);
    expect([...(await stages(reviews[1].id))].sort()).toEqual(["awaiting_score", "awaiting_upload", "mismatch", "passed", "returned"]);
    const reviewer = (await User.findOne({ where: { username: "demo_reviewer" } }))!;
    expect(
      await CaseReviewItem.count({ where: { reviewId: reviews[1].id, reviewerUserId: reviewer.id, stage: "awaiting_score" } }),
    ).toBeGreaterThan(0);
    const mismatched = (await CaseReviewItem.findOne({ where: { reviewId: reviews[1].id, stage: "mismatch" } }))!;
    expect((await CaseFile.findByPk(mismatched.caseFileId))!.voided).toBe(true);
    expect(await compareCaseRollups()).toEqual([]);
    for (const r of reviews) expect(await recheckSample(r)).toMatchObject({ sameSample: true, samePopulation: true });
  });

  it("hold certificates for the mediators with a level: every status, a superseded chain, nothing for demo_mediator", async () => {
    const { Certificate } = await import("~/.server/db/models");
    const { certificatesOf } = await import("~/.server/certificates/certificates");
    const all = await Certificate.findAll();
    expect(all.length).toBeGreaterThanOrEqual(10);
    const statuses = new Set<string>();
    for (const mediatorId of new Set(all.map((c) => c.mediatorId)))
      for (const c of await certificatesOf(mediatorId)) statuses.add(c.status);
    expect([...statuses].sort()).toEqual(["downgraded", "expired", "revoked", "superseded", "valid"]);
    const superseded = all.find((c) => c.status === "superseded")!;
    expect(all.some((c) => c.id === superseded.supersededById)).toBe(true);
    expect(new Set(all.map((c) => c.levelName))).toEqual(new Set(["一级人民调解员", "二级人民调解员", "三级人民调解员", "四级人民调解员"]));
    const demo = (await Mediator.findOne({ where: { userId: (await User.findOne({ where: { username: "demo_mediator" } }))!.id } }))!;
    expect(all.some((c) => c.mediatorId === demo.id)).toBe(false);
  });
});

describe("the demo evaluation rounds", () => {
  it("hold a finished city round whose results form the pyramid, and an open county round with applications at every stage", async () => {
    const { EvaluationRound, RoundApplication, RoundObjection, Certificate } = await import("~/.server/db/models");
    const { roundDistribution, UNGRADED } = await import("~/.server/rounds/report");
    const { scoringQueue } = await import("~/.server/rounds/panel");
    const [finished, open] = await EvaluationRound.findAll({ order: [["id", "ASC"]] });
    expect([finished.state, open.state]).toEqual(["final", "applications"]);
    const { whole } = (await roundDistribution(finished))!;
    const c = whole.counts;
    expect(c.level4).toBeGreaterThan(c[UNGRADED]);
    expect(c[UNGRADED]).toBeGreaterThan(c.level3);
    expect(c.level3).toBeGreaterThan(c.level2);
    expect(c.level2).toBeGreaterThanOrEqual(c.level1);
    expect(c.level1).toBeGreaterThan(0);
    expect(await RoundObjection.count({ where: { roundId: finished.id, state: "open" } })).toBe(0);
    const awarded = await RoundApplication.count({ where: { roundId: finished.id, outcome: "awarded" } });
    expect(await Certificate.count({ where: { roundId: finished.id } })).toBe(awarded);
    const stages = new Set((await RoundApplication.findAll({ where: { roundId: open.id } })).map((a) => a.stage));
    expect([...stages].sort()).toEqual(["committee_passed", "draft", "panel", "returned", "submitted", "withdrawn"]);
    const reviewer = (await User.findOne({ where: { username: "demo_reviewer" } }))!;
    const queue = await scoringQueue(reviewer.id, open.id);
    expect(queue.rows.filter((r) => r.myTotal === null).length).toBeGreaterThan(2);
    const demo = (await Mediator.findOne({ where: { userId: (await User.findOne({ where: { username: "demo_mediator" } }))!.id } }))!;
    expect(await RoundApplication.count({ where: { roundId: open.id, mediatorId: demo.id } })).toBe(0);
  });
});
