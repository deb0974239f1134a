import { QueryTypes } from "sequelize";
import { getSequelize, inTransaction } from "~/.server/db/connection";
import { AuditEvent, CaseFile, Mediator, OrgUnit, User } from "~/.server/db/models";
import { createOrgUnit, getOrgScope } from "~/.server/org";
import { correctCaseFile, createCaseFile, setCaseVoided, type Actor } from "~/.server/cases/register";
import { compareCaseRollups, shiftCases, type CaseFacts } from "~/.server/cases/rollup";
import { mediatorCaseYears, nodeCaseStats } from "~/.server/cases/stats";
import { caseFileSchema, type CaseFileInput } from "~/lib/case-file";
import { createRandom } from "../../db/seeders/names";
import { createMigratedDatabase, type TestDatabase } from "../support/db";

let db: TestDatabase;
let county: Actor;
let township: Actor;
const u = {} as Record<"county" | "town" | "otherTown" | "east" | "west" | "far", OrgUnit>;
const m = {} as Record<"wang" | "li" | "zhao" | "far", Mediator>;

beforeAll(async () => {
  db = await createMigratedDatabase();
  await inTransaction(async (t) => {
    const city = await createOrgUnit({ parentId: null, kind: "city", name: "云溪市" }, t);
    u.county = await createOrgUnit({ parentId: city.id, kind: "county", name: "青山县" }, t);
    u.town = await createOrgUnit({ parentId: u.county.id, kind: "township", name: "东镇" }, t);
    u.otherTown = await createOrgUnit({ parentId: u.county.id, kind: "township", name: "西镇" }, t);
    u.east = await createOrgUnit(
      { parentId: u.town.id, kind: "committee", committeeKind: "village_resident", name: "东村人民调解委员会" },
      t,
    );
    u.west = await createOrgUnit(
      { parentId: u.otherTown.id, kind: "committee", committeeKind: "village_resident", name: "西村人民调解委员会" },
      t,
    );
    u.far = await createOrgUnit(
      { parentId: city.id, kind: "committee", committeeKind: "industry", name: "云溪市交通事故人民调解委员会" },
      t,
    );
    const person = (orgUnitId: number, name: string) =>
      Mediator.create(
        { orgUnitId, name, gender: "male", birthYear: 1970, employment: "part_time", appointedOn: "2018-03-01", phone: null },
        { transaction: t },
      );
    m.wang = await person(u.east.id, "王建国");
    m.li = await person(u.east.id, "李秀英");
    m.zhao = await person(u.west.id, "赵志强");
    m.far = await person(u.far.id, "钱德林");
  });
  const user = await User.create({ username: "clerk", displayName: "台账员", passwordHash: "x", passwordChangedAt: null });
  county = { id: user.id, scopes: [(await getOrgScope(u.county.id))!], ip: "test" };
  township = { id: user.id, scopes: [(await getOrgScope(u.town.id))!], ip: "test" };
});
afterAll(() => db.drop());

let serial = 0;
const input = (over: Partial<Record<keyof CaseFileInput, unknown>> = {}): CaseFileInput => {
  const parsed = caseFileSchema.safeParse({
    fileNo: `东调〔2025〕${++serial}号`,
    orgUnitId: u.east.id,
    primaryMediatorId: m.wang.id,
    assistantIds: [],
    category: "neighbourhood",
    source: "application",
    receivedOn: "2025-03-01",
    closedOn: "2025-03-10",
    outcome: "success",
    agreementForm: "written",
    confirmation: "none",
    followUp: true,
    performed: "yes",
    parties: 2,
    summary: "张某与李某因排水沟堵塞发生争执，经调解达成疏通协议。",
    ...over,
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
};
const create = async (actor: Actor, over: Partial<Record<keyof CaseFileInput, unknown>> = {}) => {
  const r = await createCaseFile(actor, input(over));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.file;
};

describe("the register form's rules", () => {
  const issues = (over: Record<string, unknown>) => {
    const r = caseFileSchema.safeParse({ ...input(), ...over });
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path[0], i.message]));
  };
  it("refuses a closing date before the receiving date, on the closing date", () => {
    expect(issues({ receivedOn: "2025-03-10", closedOn: "2025-03-01" })).toEqual({ closedOn: "validation.closedBeforeReceived" });
  });
  it("refuses an oral agreement marked as judicially confirmed", () => {
    expect(issues({ agreementForm: "oral", confirmation: "confirmed" })).toEqual({ confirmation: "validation.oralNotConfirmable" });
  });
  it("wants an agreement form for a success and none otherwise", () => {
    expect(issues({ agreementForm: undefined })).toEqual({ agreementForm: "validation.agreementFormRequired" });
    expect(issues({ outcome: "failure" })).toMatchObject({
      agreementForm: "validation.onlyForSuccess",
      performed: "validation.onlyForSuccess",
    });
  });
  it("refuses the primary mediator as an assistant", () => {
    expect(issues({ assistantIds: [m.wang.id] })).toEqual({ assistantIds: "validation.assistantIsPrimary" });
  });
});

describe("entering and correcting", () => {
  it("a township admin cannot enter a file for a committee or a mediator outside the township", async () => {
    const outside = await createCaseFile(township, input({ orgUnitId: u.west.id, primaryMediatorId: m.zhao.id }));
    expect(outside).toEqual({ ok: false, errors: { orgUnitId: ["validation.unknownCommittee"] } });
    const stranger = await createCaseFile(township, input({ primaryMediatorId: m.zhao.id }));
    expect(stranger).toEqual({ ok: false, errors: { primaryMediatorId: ["caseFile.error.mediatorOutside"] } });
    const helper = await createCaseFile(county, input({ assistantIds: [m.far.id] }));
    expect(helper).toEqual({ ok: false, errors: { assistantIds: ["caseFile.error.mediatorOutside"] } });
  });

  it("refuses a file number already used in the committee, and accepts it in another", async () => {
    await create(county, { fileNo: "东调〔2025〕重1号" });
    expect(await createCaseFile(county, input({ fileNo: "东调〔2025〕重1号" }))).toEqual({
      ok: false,
      errors: { fileNo: ["caseFile.error.numberTaken"] },
    });
    await create(county, { fileNo: "东调〔2025〕重1号", orgUnitId: u.west.id, primaryMediatorId: m.zhao.id });
  });

  it("audits a correction with what changed and why", async () => {
    const file = await create(county, { fileNo: "东调〔2025〕改1号" });
    const r = await correctCaseFile(
      county,
      file.id,
      input({ fileNo: "东调〔2025〕改1号", agreementForm: "oral" }),
      "协议实为口头协议，原登记有误",
    );
    expect(r.ok).toBe(true);
    const row = (await AuditEvent.findOne({ where: { action: "case.corrected", targetId: String(file.id) } }))!;
    expect(JSON.parse(row.beforeSummary!)).toEqual({ agreementForm: "written" });
    expect(JSON.parse(row.afterSummary!)).toEqual({ agreementForm: "oral" });
    expect(row.reason).toBe("协议实为口头协议，原登记有误");
    const same = await correctCaseFile(county, file.id, input({ fileNo: "东调〔2025〕改1号", agreementForm: "oral" }), "再次保存");
    expect(same).toEqual({ ok: false, errors: { form: ["caseFile.error.unchanged"] } });
    expect(await compareCaseRollups()).toEqual([]);
  });
});

describe("derived figures", () => {
  it("match a hand-computed fixture, a voided file (与台账不符) counting nowhere", async () => {
    // 李秀英, closing in 2024: 10 files as primary mediator —
    //   7 successful: 4 written (2 confirmed, 1 applied), 3 oral; 5 followed up (3 written, 2 oral);
    //   2 unsuccessful, 1 terminated; plus 1 successful file voided by the review;
    //   and 王建国's 2 files in 2024 where 李秀英 assisted.
    const li = { primaryMediatorId: m.li.id, receivedOn: "2024-05-01", closedOn: "2024-05-20" };
    const written = [
      { confirmation: "confirmed", followUp: true },
      { confirmation: "confirmed", followUp: true },
      { confirmation: "applied", followUp: true },
      { confirmation: "none", followUp: false },
    ];
    for (const w of written) await create(county, { ...li, agreementForm: "written", ...w });
    for (const followUp of [true, true, false]) await create(county, { ...li, agreementForm: "oral", followUp });
    for (const outcome of ["failure", "failure", "terminated"])
      await create(county, { ...li, outcome, agreementForm: undefined, performed: undefined, followUp: false, category: "contract" });
    const voided = await create(county, { ...li, agreementForm: "written", confirmation: "confirmed" });
    expect((await setCaseVoided(county, voided.id, true, "卷宗缺失，与台账不符")).ok).toBe(true);
    for (let i = 0; i < 2; i++) await create(county, { receivedOn: "2024-06-01", closedOn: "2024-06-03", assistantIds: [m.li.id] });

    const years = await mediatorCaseYears(m.li.id);
    expect(years.find((y) => y.year === 2024)).toEqual({
      year: 2024,
      handled: 10,
      successful: 7,
      oral: 3,
      confirmed: 2,
      followedUp: 5,
      assisted: 2,
      successRate: 70,
      oralShare: 42.9,
      followUpRate: 71.4,
    });
    // The committee's 2024: 李秀英's 10 plus 王建国's 2 (written, confirmed none, followed up).
    const stats = await nodeCaseStats({ id: u.east.id, name: u.east.name, path: u.east.path, kind: "committee" }, 2024);
    expect(stats.totals).toMatchObject({ handled: 12, successful: 9, oral: 3, confirmed: 2, followedUp: 7, assisted: 2 });
    expect(stats.byCategory.find((c) => c.category === "contract")).toMatchObject({ handled: 3, successful: 0 });
    // Restored after correction, it counts again.
    expect((await setCaseVoided(county, voided.id, false, "已补齐卷宗")).ok).toBe(true);
    expect((await mediatorCaseYears(m.li.id)).find((y) => y.year === 2024)).toMatchObject({ handled: 11, successful: 8, confirmed: 3 });
    expect(await compareCaseRollups()).toEqual([]);
  });
});

describe("the rollups", () => {
  it("equal a GROUP BY over the register after random entries, corrections and voids", async () => {
    const random = createRandom(1818);
    const people = [m.wang, m.li, m.zhao];
    const committees = [u.east, u.west];
    const made: CaseFile[] = [];
    for (let round = 0; round < 60; round++) {
      const r = random.next();
      const outcome = random.pick(["success", "success", "success", "failure", "terminated"] as const);
      const form = random.pick(["written", "oral"] as const);
      const primary = random.pick(people);
      const over = {
        fileNo: `随机〔${round}〕号`,
        orgUnitId: random.pick(committees).id,
        primaryMediatorId: primary.id,
        assistantIds: people.filter((p) => p.id !== primary.id && random.next() < 0.3).map((p) => p.id),
        category: random.pick(["traffic", "labour", "forest_land", "neighbourhood"] as const),
        receivedOn: `${random.int(2023, 2025)}-0${random.int(1, 6)}-1${random.int(0, 9)}`,
        closedOn: "",
        outcome,
        agreementForm: outcome === "success" ? form : undefined,
        confirmation:
          outcome === "success" && form === "written" ? random.pick(["none", "applied", "confirmed", "refused"] as const) : "none",
        performed: outcome === "success" ? random.pick(["yes", "partly", "no"] as const) : undefined,
        followUp: random.next() < 0.5,
      };
      over.closedOn = `${over.receivedOn.slice(0, 4)}-0${random.int(7, 9)}-01`;
      if (r < 0.6 || made.length === 0) {
        made.push(await create(county, over));
      } else if (r < 0.85) {
        const target = random.pick(made);
        const result = await correctCaseFile(
          county,
          target.id,
          input({ ...over, fileNo: target.fileNo, orgUnitId: target.orgUnitId }),
          "更正",
        );
        if (!result.ok) expect(result.errors).toEqual({ form: ["caseFile.error.unchanged"] });
      } else {
        const target = random.pick(made);
        const fresh = (await CaseFile.findByPk(target.id))!;
        await setCaseVoided(county, target.id, !fresh.voided, "评查");
      }
    }
    expect(await compareCaseRollups()).toEqual([]);
  });

  it("a write that fails leaves the rollups untouched (same transaction)", async () => {
    const before = await getSequelize().query("SELECT SUM(handled) AS n FROM org_case_years", { type: QueryTypes.SELECT });
    const facts: CaseFacts = {
      orgPath: u.east.path,
      category: "traffic",
      closedOn: "2025-01-01",
      outcome: "success",
      agreementForm: "oral",
      confirmation: "none",
      followUp: false,
      voided: false,
      primaryMediatorId: m.wang.id,
      assistantIds: [],
    };
    await expect(
      inTransaction(async (t) => {
        await shiftCases([], [facts], t);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await getSequelize().query("SELECT SUM(handled) AS n FROM org_case_years", { type: QueryTypes.SELECT })).toEqual(before);
    expect(await compareCaseRollups()).toEqual([]);
  });
});

describe("the node page and its export", () => {
  it("drills down county → township → committee → mediator, and exports the same figures", async () => {
    const node = (o: OrgUnit) => ({ id: o.id, name: o.name, path: o.path, kind: o.kind });
    const county2024 = await nodeCaseStats(node(u.county), 2024);
    const townships = county2024.children.map((c) => c.name);
    expect(townships).toEqual(["东镇", "西镇"]);
    const east = county2024.children.find((c) => c.name === "东镇")!;
    const town = await nodeCaseStats(node(u.town), 2024);
    expect(east).toMatchObject(town.totals);
    expect(town.totals.handled).toBeGreaterThan(0);
    expect(town.children.map((c) => c.name)).toEqual(["东村人民调解委员会"]);
    const committee = await nodeCaseStats(node(u.east), 2024);
    expect(committee.mediators.map((m) => m.name)).toEqual(["王建国", "李秀英"]);
    expect(committee.mediators[1].handled).toBe((await mediatorCaseYears(m.li.id)).find((y) => y.year === 2024)!.handled);

    const { caseReportXlsx } = await import("~/.server/cases/report");
    const ExcelJS = (await import("exceljs")).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await caseReportXlsx(node(u.county), county2024, "2026-12-01")) as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(["汇总", "下级单位", "调解员"]);
    expect(book.getWorksheet("汇总")!.getRow(4).getCell(2).value).toBe(county2024.totals.handled);
    const people = book.getWorksheet("调解员")!;
    expect(people.getRow(1).getCell(1).value).toBe("姓名");
    expect(people.actualRowCount).toBeGreaterThan(1);
  });
});
