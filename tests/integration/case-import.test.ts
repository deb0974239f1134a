import { message } from "~/lib/messages";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import ExcelJS from "exceljs";
import { getSequelize, inTransaction } from "~/.server/db/connection";
import { AuditEvent, CaseFile, CaseFileAssistant, Mediator, OrgUnit, User } from "~/.server/db/models";
import { createOrgUnit, getOrgScope } from "~/.server/org";
import { importCases, keepAnnotatedCopy, readAnnotatedCopy } from "~/.server/cases/import";
import type { Actor } from "~/.server/cases/register";
import { compareCaseRollups } from "~/.server/cases/rollup";
import { mediatorCaseYears } from "~/.server/cases/stats";
import { CASE_COLUMNS, type CaseColumnKey } from "~/.server/cases/sheet";
import { buildCaseTemplate } from "~/.server/cases/template";
import { buildTemplate as buildRosterTemplate } from "~/.server/roster/template";
import { createMigratedDatabase, type TestDatabase } from "../support/db";

process.env.UPLOAD_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "case-import-"));

let db: TestDatabase;
let actor: Actor;
const EAST = "东村人民调解委员会";
const WEST = "西村人民调解委员会";
const RIVER = "河湾村人民调解委员会";
const people = {} as Record<"wang" | "li" | "zhou" | "river", Mediator>;

beforeAll(async () => {
  db = await createMigratedDatabase();
  await inTransaction(async (t) => {
    const city = await createOrgUnit({ parentId: null, kind: "city", name: "云溪市" }, t);
    const county = await createOrgUnit({ parentId: city.id, kind: "county", name: "青山县" }, t);
    const sibling = await createOrgUnit({ parentId: city.id, kind: "county", name: "临河区" }, t);
    const town = await createOrgUnit({ parentId: county.id, kind: "township", name: "东镇" }, t);
    const town2 = await createOrgUnit({ parentId: sibling.id, kind: "township", name: "河镇" }, t);
    const committee = (parentId: number, name: string) =>
      createOrgUnit({ parentId, kind: "committee", committeeKind: "village_resident", name }, t);
    const east = await committee(town.id, EAST);
    const west = await committee(town.id, WEST);
    const river = await committee(town2.id, RIVER);
    const person = (orgUnitId: number, name: string) =>
      Mediator.create(
        { orgUnitId, name, gender: "female", birthYear: 1975, employment: "part_time", appointedOn: "2019-03-01", phone: null },
        { transaction: t },
      );
    people.wang = await person(east.id, "王秀兰");
    people.li = await person(east.id, "李建国");
    people.zhou = await person(west.id, "周德林");
    people.river = await person(river.id, "孙海涛");
  });
  const user = await User.create({ username: "clerk", displayName: "台账员", passwordHash: "x", passwordChangedAt: null });
  actor = { id: user.id, scopes: [(await getOrgScope((await OrgUnit.findOne({ where: { name: "青山县" } }))!.id))!], ip: "test" };
});
afterAll(async () => {
  await db.drop();
  fs.rmSync(process.env.UPLOAD_DIR!, { recursive: true, force: true });
});

type Row = Record<CaseColumnKey, ExcelJS.CellValue>;
const HEADERS = CASE_COLUMNS.map((c) => c.header);
let seq = 0;
function validRow(over: Partial<Row> = {}): Row {
  seq += 1;
  return {
    fileNo: `东调〔2025〕${seq}号`,
    committee: EAST,
    primary: "王秀兰",
    assistants: null,
    category: "道路交通事故",
    source: "当事人申请",
    receivedOn: "2025-03-02",
    closedOn: "2025/3/9",
    outcome: "调解成功",
    agreementForm: "书面协议",
    confirmation: "未申请",
    followUp: "是",
    performed: "已履行",
    parties: 2,
    amount: 8600,
    summary: "张某驾驶电动车与李某的轿车刮擦，经调解张某赔偿修车费。",
    ...over,
  };
}
async function xlsx(rows: Row[], headers: string[] = HEADERS, sheetName = "台账"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(CASE_COLUMNS.map((c) => r[c.key]));
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
const counts = async () => ({
  files: await CaseFile.count(),
  assistants: await CaseFileAssistant.count(),
  audits: await AuditEvent.count({ where: { action: "case.imported" } }),
});

describe("the template", () => {
  it("has the Chinese headers, drop-downs of the admin's committees and the vocabularies, and instructions", async () => {
    const buffer = await buildCaseTemplate([EAST, WEST]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as never);
    const sheet = workbook.getWorksheet("台账")!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(workbook.getWorksheet("填写说明")).toBeDefined();
    const options = workbook.getWorksheet("选项")!;
    expect([options.getCell("A2").value, options.getCell("A3").value]).toEqual([EAST, WEST]);
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } })
      .dataValidations.model;
    const lists = Object.values(validations)
      .filter((v) => v.type === "list")
      .map((v) => v.formulae[0]);
    expect(lists).toEqual(
      expect.arrayContaining(["选项!$A$2:$A$3", expect.stringContaining("道路交通事故"), expect.stringContaining("调解成功")]),
    );
    // Filled in with nothing, it imports as empty.
    expect(await importCases(actor, buffer)).toEqual({ ok: false, errors: [{ row: 0, column: null, message: "import.empty" }] });
  });
});

describe("a clean file", () => {
  it("imports every row with its assistants, one audit row, and the rollups agree", async () => {
    const before = await counts();
    const rows = [
      validRow({ assistants: "李建国" }),
      validRow({ outcome: "调解不成功", agreementForm: null, confirmation: null, performed: null, followUp: "否" }),
      // A township mediator of the same county assisting on another committee's file.
      validRow({
        committee: WEST,
        primary: "周德林",
        assistants: "王秀兰、李建国",
        agreementForm: "口头",
        confirmation: null,
        category: "劳动争议",
        source: "委派",
      }),
    ];
    expect(await importCases(actor, await xlsx(rows))).toEqual({ ok: true, created: 3 });
    expect(await counts()).toEqual({ files: before.files + 3, assistants: before.assistants + 3, audits: before.audits + 1 });
    const oral = (await CaseFile.findOne({ where: { fileNo: rows[2].fileNo as string } }))!;
    expect(oral).toMatchObject({
      agreementForm: "oral",
      confirmation: "none",
      source: "assigned",
      category: "labour",
      closedOn: "2025-03-09",
    });
    expect((await mediatorCaseYears(people.wang.id))[0]).toMatchObject({ year: 2025, handled: 2, successful: 1, assisted: 1 });
    expect(await compareCaseRollups()).toEqual([]);
  });
});

describe("bad input: row-numbered errors, nothing written", () => {
  const refused = async (buffer: Buffer) => {
    const before = await counts();
    const result = await importCases(actor, buffer);
    expect(await counts()).toEqual(before);
    if (result.ok) throw new Error("imported a bad file");
    return result.errors;
  };

  it("refuses a wrong template, an empty file, what is not an xlsx, and a file over 10 MB", async () => {
    const roster = await buildRosterTemplate();
    const wrong = await refused(roster);
    expect(wrong.every((e) => e.row === 1 && e.message === "import.wrongHeaders")).toBe(true);
    expect(wrong.map((e) => e.column)).toEqual(expect.arrayContaining(["姓名", "卷宗号"]));
    expect(await refused(await xlsx([]))).toEqual([{ row: 0, column: null, message: "import.empty" }]);
    expect(await refused(Buffer.from("卷宗号,调委会\n1,2\n"))).toEqual([{ row: 0, column: null, message: "import.notXlsx" }]);
    expect(await refused(Buffer.alloc(10 * 1024 * 1024 + 1, 0x50))).toEqual([{ row: 0, column: null, message: "import.tooLarge" }]);
  });

  it("reports each bad row and column in order, and keeps a copy of the sheet with an error column", async () => {
    const existing = validRow();
    expect((await importCases(actor, await xlsx([existing]))).ok).toBe(true);
    const rows = [
      validRow(), // row 2: fine
      validRow({ receivedOn: "2025-03-09", closedOn: "2025-03-01" }), // 3
      validRow({ committee: "不存在人民调解委员会" }), // 4
      validRow({ committee: RIVER, primary: "孙海涛" }), // 5: a committee outside the county
      validRow({ primary: "孙海涛" }), // 6: a mediator outside the county
      validRow({ primary: "查无此人" }), // 7
      validRow({ fileNo: "东调〔2025〕重号" }), // 8
      validRow({ fileNo: "东调〔2025〕重号" }), // 9: same number as row 8
      validRow({ fileNo: existing.fileNo }), // 10: already in the register
      validRow({ agreementForm: "口头协议", confirmation: "已确认" }), // 11
      validRow({ outcome: "调成了", parties: 1, summary: null }), // 12
    ];
    const errors = await refused(await xlsx(rows));
    expect(errors).toEqual([
      { row: 3, column: "结案日期", message: "validation.closedBeforeReceived" },
      { row: 4, column: "调委会", message: "validation.unknownCommittee" },
      { row: 5, column: "调委会", message: "validation.unknownCommittee" },
      { row: 5, column: "主办调解员", message: "caseFile.error.mediatorOutside" },
      { row: 6, column: "主办调解员", message: "caseFile.error.mediatorOutside" },
      { row: 7, column: "主办调解员", message: "caseFile.error.unknownMediator" },
      { row: 9, column: "卷宗号", message: message("caseFile.error.duplicateNumberInFile", { row: 8 }) },
      { row: 10, column: "卷宗号", message: "caseFile.error.numberTaken" },
      { row: 11, column: "司法确认", message: "validation.oralNotConfirmable" },
      { row: 12, column: "调解结果", message: "import.invalidChoice" },
      { row: 12, column: "当事人数", message: "validation.parties" },
      { row: 12, column: "简要案情", message: "validation.required" },
    ]);

    const token = (await keepAnnotatedCopy(actor.id, await xlsx(rows), errors))!;
    expect(readAnnotatedCopy(actor.id + 1, token)).toBeNull();
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.load(readAnnotatedCopy(actor.id, token) as never);
    const sheet = copy.getWorksheet("台账")!;
    const errorColumn = HEADERS.length + 1;
    expect(sheet.getRow(1).getCell(errorColumn).value).toBe("错误说明");
    expect(sheet.getRow(2).getCell(errorColumn).value).toBeNull();
    expect(sheet.getRow(3).getCell(errorColumn).value).toBe("【结案日期】结案日期不能早于受理日期");
    expect(sheet.getRow(9).getCell(errorColumn).value).toBe("【卷宗号】卷宗号与第 8 行重复（同一调委会）");
    expect(String(sheet.getRow(12).getCell(errorColumn).value).split("；")).toHaveLength(3);
  });

  it("rolls everything back, rollups included, when a write fails mid-way", async () => {
    const before = await counts();
    const spy = jest.spyOn(CaseFileAssistant, "bulkCreate").mockRejectedValueOnce(new Error("disk full"));
    try {
      await expect(importCases(actor, await xlsx([validRow({ assistants: "李建国" }), validRow()]))).rejects.toThrow("disk full");
    } finally {
      spy.mockRestore();
    }
    expect(await counts()).toEqual(before);
    expect(await compareCaseRollups()).toEqual([]);
  });
});

describe("a large import", () => {
  it("imports 5,000 rows in one go", async () => {
    const rows = Array.from({ length: 5000 }, (_, i) =>
      validRow({ fileNo: `批量〔2024〕${i + 1}号`, receivedOn: "2024-05-01", closedOn: "2024-05-20", assistants: i % 4 ? null : "李建国" }),
    );
    const started = Date.now();
    expect(await importCases(actor, await xlsx(rows))).toEqual({ ok: true, created: 5000 });
    console.log(`case import of 5,000 rows on ${getSequelize().getDialect()}: ${Date.now() - started} ms`);
    expect((await mediatorCaseYears(people.li.id)).find((y) => y.year === 2024)).toMatchObject({ assisted: 1250, handled: 0 });
    expect(await compareCaseRollups()).toEqual([]);
  });
});
