import ExcelJS from "exceljs";
import { inTransaction } from "~/.server/db/connection";
import { Mediator, OrgUnit, RoundApplication, User, type EvaluationRound } from "~/.server/db/models";
import { createOrgUnit, getOrgScope } from "~/.server/org";
import { createRound, type Actor } from "~/.server/rounds/rounds";
import { criterionRates, resultLevel, roundDistribution, stageCounts, UNGRADED } from "~/.server/rounds/report";
import { roundResultsXlsx } from "~/.server/rounds/results-xlsx";
import { addDays, todayInChina } from "~/lib/dates";
import type { SubmittedFigures } from "~/lib/rounds";
import { createMigratedDatabase, type TestDatabase } from "../support/db";

let db: TestDatabase;
let round: EvaluationRound;
const u = {} as Record<"city" | "county" | "east" | "west" | "c1" | "c2" | "c3", OrgUnit>;
const today = todayInChina();

const figures = (level: string, statuses: ("met" | "notMet" | "evidence")[]): SubmittedFigures => ({
  level,
  at: "2026-11-20T02:00:00.000Z",
  meetsAutomatic: statuses.every((s) => s !== "notMet"),
  criteria: statuses.map((status, i) => ({
    kind: (["disputes", "successRate", "honours"] as const)[i],
    threshold: 1,
    source: i === 2 ? "evidence" : "automatic",
    figure: null,
    status,
  })),
});

beforeAll(async () => {
  db = await createMigratedDatabase();
  const people: [keyof typeof u, string][] = [];
  await inTransaction(async (t) => {
    u.city = await createOrgUnit({ parentId: null, kind: "city", name: "云溪市" }, t);
    u.county = await createOrgUnit({ parentId: u.city.id, kind: "county", name: "青山县" }, t);
    u.east = await createOrgUnit({ parentId: u.county.id, kind: "township", name: "城关镇" }, t);
    u.west = await createOrgUnit({ parentId: u.county.id, kind: "township", name: "石桥镇" }, t);
    const committee = (parentId: number, name: string) =>
      createOrgUnit({ parentId, kind: "committee", committeeKind: "village_resident", name }, t);
    u.c1 = await committee(u.east.id, "东门社区人民调解委员会");
    u.c2 = await committee(u.east.id, "西街社区人民调解委员会");
    u.c3 = await committee(u.west.id, "石桥村人民调解委员会");
    people.push(["c1", "甲"], ["c1", "乙"], ["c2", "丙"], ["c3", "丁"], ["c3", "戊"], ["c3", "己"]);
  });
  const user = await User.create({ username: "county_admin", displayName: "陈某", passwordHash: "x", passwordChangedAt: null });
  const actor: Actor = { id: user.id, scopes: [(await getOrgScope(u.county.id))!] };
  const opened = await createRound(actor, u.county.id, {
    title: "2026年度青山县等级评定",
    levels: ["level3", "level4"],
    periodFrom: "2024-01-01",
    periodTo: "2025-12-31",
    applicationsFrom: addDays(today, -20),
    applicationsUntil: addDays(today, -5),
    reviewsUntil: addDays(today, 10),
    announcementDays: 7,
    validityYears: 2,
    combine: "mean",
  });
  if (!opened.ok) throw new Error("round");
  round = opened.round;
  // 甲 awarded 四级; 乙 not awarded, keeps 四级; 丙 awarded 三级; 丁 not awarded, no level (未定级);
  // 戊 downgraded 三级 → 四级; 己 still with the panel (not counted).
  const rows: [string | null, string, string, string | null, string | null, string][] = [
    ["awarded", "level4", null as never, "level4", null, "decided"],
    ["notAwarded", "level3", "level4", null, "level4", "decided"],
    ["awarded", "level3", "level4", "level3", "level4", "decided"],
    ["notAwarded", "level4", null as never, null, null, "decided"],
    ["downgraded", "level3", "level3", "level4", "level3", "decided"],
    [null, "level4", null as never, null, null, "panel"],
  ].map(([outcome, level, , awarded, before, stage]) => [outcome, level as string, stage as string, awarded, before, stage as string]);
  for (const [i, [org, name]] of people.entries()) {
    const m = await Mediator.create({
      orgUnitId: u[org].id,
      name: `张${name}胜`,
      gender: "male",
      birthYear: 1975,
      employment: "part_time",
      appointedOn: "2015-01-01",
      phone: "13900001111",
    });
    const [outcome, level, , awarded, before, stage] = rows[i];
    await RoundApplication.create({
      roundId: round.id,
      mediatorId: m.id,
      userId: null,
      committeeId: m.orgUnitId,
      orgPath: m.orgPath,
      level,
      levelBefore: before,
      stage: stage as "decided",
      outcome: outcome as "awarded" | null,
      awardedLevel: awarded,
      decisionReason: outcome ? "经评审委员会评审" : null,
      submittedAt: new Date(),
      figures: figures(level, i % 2 ? ["met", "notMet", "evidence"] : ["met", "met", "evidence"]),
      score: 80 + i,
    });
  }
});
afterAll(() => db.drop());

describe("a round's report", () => {
  it("reads the level each outcome leaves", () => {
    expect(resultLevel("awarded", "level3", "level4")).toBe("level3");
    expect(resultLevel("notAwarded", null, "level4")).toBe("level4");
    expect(resultLevel("notAwarded", null, null)).toBeNull();
    expect(resultLevel("downgraded", null, "level4")).toBeNull();
  });

  it("counts decided applications by resulting level, with one row per child node and drill-down", async () => {
    const d = (await roundDistribution(round))!;
    expect(d.whole.total).toBe(5);
    expect(d.whole.counts).toMatchObject({ level3: 1, level4: 3, [UNGRADED]: 1, level1: 0 });
    expect(d.whole.levels.at(-1)!.key).toBe(UNGRADED);
    expect(d.rows.map((r) => [r.name, r.distribution.total])).toEqual([
      ["城关镇", 3],
      ["石桥镇", 2],
    ]);
    const east = (await roundDistribution(round, u.east.id))!;
    expect(east.trail.map((n) => n.name)).toEqual(["青山县", "城关镇"]);
    expect(east.rows.map((r) => [r.name, r.distribution.counts.level4, r.distribution.counts.level3])).toEqual([
      ["东门社区人民调解委员会", 2, 0],
      ["西街社区人民调解委员会", 0, 1],
    ]);
    expect(await roundDistribution(round, u.city.id)).toBeNull();
  });

  it("keeps a node's distribution under the round's results version, and counts again when a move changes it", async () => {
    const before = (await roundDistribution(round))!;
    const one = await RoundApplication.findOne({
      where: { roundId: round.id, stage: "decided", outcome: "awarded", awardedLevel: "level4" },
    });
    // Written behind the moves' back, the cache does not see it (same version) …
    await one!.update({ awardedLevel: "level3" });
    expect((await roundDistribution(round))!.whole.counts.level3).toBe(before.whole.counts.level3);
    // … a move into or out of "decided" bumps the version (moves.ts), and the next look counts again.
    await round.increment("resultsVersion");
    await round.reload();
    expect((await roundDistribution(round))!.whole.counts.level3).toBe(before.whole.counts.level3 + 1);
    // And a minute later it counts again in any case.
    await one!.update({ awardedLevel: "level4" });
    expect((await roundDistribution(round, null, Date.now() + 61_000))!.whole.counts.level3).toBe(before.whole.counts.level3);
  });

  it("counts stages and each criterion's pass rate among submitted applications", async () => {
    expect(await stageCounts(round.id)).toEqual({ decided: 5, panel: 1 });
    const rates = await criterionRates(round.id, Date.now() + 120_000);
    const success4 = rates.find((r) => r.level === "level4" && r.kind === "successRate")!;
    expect(success4.counts).toMatchObject({ met: 1, notMet: 2 });
    expect(success4.rate).toBe(33.3);
    expect(rates.find((r) => r.kind === "honours")!.rate).toBeNull();
  });

  it("exports the results with full names, outcomes and the distribution", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await roundResultsXlsx(round)) as never);
    const results = workbook.getWorksheet("评定结果")!;
    expect(results.rowCount).toBe(6);
    const names = results.getColumn(1).values.slice(2);
    expect(names).toContain("张甲胜");
    expect(names).not.toContain("张己胜");
    const dist = workbook.getWorksheet("等级分布")!;
    expect(dist.getRow(dist.rowCount).getCell(2).value).toBe(5);
  });
});
