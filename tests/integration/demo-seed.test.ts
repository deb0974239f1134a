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
