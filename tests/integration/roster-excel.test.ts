import ExcelJS from "exceljs";
import { Op } from "sequelize";
import { getSequelize, inTransaction } from "~/.server/db/connection";
import { AuditEvent, Mediator, MediatorSpecialty, OrgUnit, User } from "~/.server/db/models";
import { createOrgUnit, getOrgScope } from "~/.server/org";
import { rosterToCsv, rosterToXlsx } from "~/.server/roster/export";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { MAX_UNCOMPRESSED_BYTES } from "~/.server/excel/workbook";
import { MAX_IMPORT_BYTES, importRoster, keepAnnotatedRoster, readAnnotatedRoster } from "~/.server/roster/import";
import { orgOptions } from "~/.server/roster/scope";
import { isValidIdCard } from "~/lib/validation";
import { ROSTER_COLUMNS, type RosterColumnKey } from "~/.server/roster/sheet";
import { EXAMPLE_ID_CARD, buildTemplate } from "~/.server/roster/template";
import { createMediator, idCardHash, type Actor } from "~/.server/roster/mutations";
import { exportRoster } from "~/.server/roster/queries";
import { rosterFilterSchema } from "~/lib/mediator";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { addMediator } from "~/.server/roster/entries";
import { message } from "~/lib/messages";

process.env.APP_SECRET = "roster-excel-test-secret";
process.env.UPLOAD_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "roster-import-"));
process.env.BCRYPT_ROUNDS = "4";

let db: TestDatabase;
let actor: Actor;
const units: Record<"east" | "west" | "south" | "north" | "csv" | "same1" | "same2" | "river" | "eastElsewhere", OrgUnit> = {} as never;

const EAST = "东村人民调解委员会";
const WEST = "西村人民调解委员会";
const SOUTH = "南村人民调解委员会";
const NORTH = "北村人民调解委员会";
const SAME = "同名人民调解委员会";
const RIVER = "河湾村人民调解委员会";

beforeAll(async () => {
  db = await createMigratedDatabase();
  await inTransaction(async (t) => {
    const city = await createOrgUnit({ parentId: null, kind: "city", name: "云溪市" }, t);
    const county = await createOrgUnit({ parentId: city.id, kind: "county", name: "青山县" }, t);
    const sibling = await createOrgUnit({ parentId: city.id, kind: "county", name: "临河区" }, t);
    const town1 = await createOrgUnit({ parentId: county.id, kind: "township", name: "东镇" }, t);
    const town2 = await createOrgUnit({ parentId: county.id, kind: "township", name: "西镇" }, t);
    const town3 = await createOrgUnit({ parentId: sibling.id, kind: "township", name: "河镇" }, t);
    const committee = (parentId: number, name: string) =>
      createOrgUnit({ parentId, kind: "committee", committeeKind: "village_resident", name }, t);
    units.east = await committee(town1.id, EAST);
    units.west = await committee(town1.id, WEST);
    units.south = await committee(town1.id, SOUTH);
    units.north = await committee(town2.id, NORTH);
    units.csv = await committee(town2.id, "导出测试人民调解委员会");
    units.same1 = await committee(town1.id, SAME);
    units.same2 = await committee(town2.id, SAME);
    units.river = await committee(town3.id, RIVER);
    // Same name as a committee in scope, but in the sibling county: must not make EAST ambiguous.
    units.eastElsewhere = await committee(town3.id, EAST);
    const user = await User.create(
      { username: "importer", displayName: "导入员", passwordHash: "not-a-hash", passwordChangedAt: null },
      { transaction: t },
    );
    actor = { id: user.id, scopes: [], ip: "127.0.0.1" };
  });
  actor.scopes = [(await getOrgScope((await OrgUnit.findOne({ where: { name: "青山县" } }))!.id))!];
});
afterAll(async () => {
  await db.drop();
  fs.rmSync(process.env.UPLOAD_DIR!, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Helpers

type Row = Record<RosterColumnKey, ExcelJS.CellValue>;
const HEADERS = ROSTER_COLUMNS.map((c) => c.header);

let seq = 0;
/** A valid row with a fresh name and phone; every test's rows differ from every other's. */
function validRow(over: Partial<Row> = {}): Row {
  seq += 1;
  return {
    name: `调解员${seq}`,
    gender: "男",
    birthYear: 1975,
    phone: `138${String(seq).padStart(8, "0")}`,
    idCard: null,
    education: "高中",
    committee: EAST,
    employment: "兼职",
    appointedOn: "2019-03-01",
    specialties: "婚姻家庭、邻里",
    isExpert: "否",
    ...over,
  };
}

/** An 18-character ID number with a valid check digit. */
function idCard(n: number): string {
  const body = `4401${String(n).padStart(13, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + "10X98765432"[sum % 11];
}

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

async function xlsx(rows: Row[], headers: string[] = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("花名册");
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(ROSTER_COLUMNS.map((c) => r[c.key]));
  return toBuffer(workbook);
}

/** A zip written by hand, so an entry can claim any unpacked size (CRCs are left 0: never checked before exceljs). */
function zipOf(entries: { name: string; data: Buffer; stored?: boolean; claimed?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const method = e.stored ? 0 : 8;
    const claimed = e.claimed ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(claimed, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(claimed, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

async function load(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as never);
  return workbook;
}

const counts = async () => ({
  mediators: await Mediator.count(),
  specialties: await MediatorSpecialty.count(),
  audits: await AuditEvent.count({ where: { action: "mediator.imported" } }),
});

const byPhone = (phone: string) => Mediator.findOne({ where: { phone }, include: [{ model: MediatorSpecialty, as: "specialties" }] });
const categoriesOf = (m: Mediator) => ((m.get("specialties") as MediatorSpecialty[]) ?? []).map((s) => s.category).sort();

// ---------------------------------------------------------------------------------------------

describe("the template", () => {
  it("has the header row, a 填写说明 sheet, drop-downs and a frozen header", async () => {
    const workbook = await load(await buildTemplate());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["花名册", "填写说明"]);
    const sheet = workbook.getWorksheet("花名册")!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(sheet.actualRowCount).toBe(1);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    for (let col = 1; col <= HEADERS.length; col++) expect(sheet.getColumn(col).width).toBeGreaterThanOrEqual(8);
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    expect(validations.B2).toMatchObject({ type: "list", formulae: ['"男,女"'] });
    expect(validations.H500).toMatchObject({ type: "list", formulae: ['"专职,兼职"'] });
    expect(validations.F2.formulae[0]).toContain("本科");
    expect(validations.K2).toMatchObject({ type: "list", formulae: ['"是,否"'] });
    expect(validations.C2).toMatchObject({ type: "whole" });

    const help = workbook.getWorksheet("填写说明")!;
    const texts: string[] = [];
    help.eachRow((row) => texts.push((row.values as unknown[]).filter(Boolean).join(" ")));
    const all = texts.join("\n");
    for (const header of HEADERS) expect(all).toContain(header);
    expect(all).toContain("婚姻家庭、邻里、房屋宅基地");
    expect(all).toContain("硕士研究生");
  });

  it("for an admin: 所属调委会 drops down the admin's committees (from a hidden sheet), and the example row imports as it is", async () => {
    const committees = (await orgOptions(actor.scopes, { committeesOnly: true })).map((c) => c.name);
    const workbook = await load(await buildTemplate(committees));
    const options = workbook.getWorksheet("选项")!;
    expect(options.state).toBe("veryHidden");
    const listed: string[] = [];
    options.eachRow((row, n) => n > 1 && listed.push(String(row.getCell(1).value)));
    expect(listed).toEqual([...new Set(committees)]);
    expect(listed).toContain(EAST);
    expect(listed).not.toContain(RIVER);
    const sheet = workbook.getWorksheet("花名册")!;
    const letter = sheet.getColumn(ROSTER_COLUMNS.findIndex((c) => c.key === "committee") + 1).letter;
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    expect(validations[`${letter}2`]).toMatchObject({ type: "list", formulae: [`选项!$A$2:$A$${listed.length + 1}`] });

    // The example row of 填写说明, copied into 花名册 as it stands, imports.
    const help = workbook.getWorksheet("填写说明")!;
    const exampleRow = (help.getRow(help.rowCount).values as ExcelJS.CellValue[]).slice(1);
    expect((help.getRow(help.rowCount - 1).values as unknown[]).slice(1)).toEqual(HEADERS);
    const example = Object.fromEntries(ROSTER_COLUMNS.map((c, i) => [c.key, exampleRow[i] ?? null])) as Row;
    expect(example.idCard).toBe(EXAMPLE_ID_CARD);
    expect(isValidIdCard(EXAMPLE_ID_CARD)).toBe(true);
    expect(String(example.idCard).slice(6, 10)).toBe(String(example.birthYear));
    expect(listed).toContain(example.committee);
    const before = await counts();
    expect(await importRoster(actor, await xlsx([example]))).toEqual({ ok: true, created: 1 });
    expect((await counts()).mediators).toBe(before.mediators + 1);
  });

  it("marks the errors in a copy of the uploaded sheet, kept for the uploader only", async () => {
    const rows = [validRow(), validRow({ gender: "未知", committee: RIVER }), validRow({ phone: "123" })];
    const buffer = await xlsx(rows);
    const result = await importRoster(actor, buffer);
    if (result.ok) throw new Error("expected the import to be refused");
    const token = (await keepAnnotatedRoster(actor.id, buffer, result.errors))!;
    expect(readAnnotatedRoster(actor.id + 1, token)).toBeNull();
    expect(readAnnotatedRoster(actor.id, "../../etc/passwd")).toBeNull();
    const copy = await load(readAnnotatedRoster(actor.id, token)!);
    const sheet = copy.getWorksheet("花名册")!;
    const errorColumn = HEADERS.length + 1;
    expect(sheet.getRow(1).getCell(errorColumn).value).toBe("错误说明");
    expect(sheet.getRow(2).getCell(errorColumn).value).toBeNull();
    expect(String(sheet.getRow(3).getCell(errorColumn).value)).toContain("【性别】");
    expect(String(sheet.getRow(3).getCell(errorColumn).value)).toContain("【所属调委会】");
    expect(String(sheet.getRow(4).getCell(errorColumn).value)).toContain("【手机号码】");
  });

  it("imports as empty when nothing was filled in", async () => {
    expect(await importRoster(actor, await buildTemplate())).toEqual({
      ok: false,
      errors: [{ row: 0, column: null, message: "import.empty" }],
    });
  });

  it("filled with 3 rows, imports exactly those 3 with specialties and one audit row", async () => {
    const before = await counts();
    const workbook = await load(await buildTemplate());
    const sheet = workbook.getWorksheet("花名册")!;
    const rows = [
      // A real date cell, a number phone cell, an ID card with a lower-case x.
      validRow({ appointedOn: new Date(Date.UTC(2019, 2, 1)), phone: 13900000001, idCard: "11010519491231002x", isExpert: "是" }),
      // Text dates in two spellings, a text year, no education, one specialty, blank expert column.
      validRow({ appointedOn: "2019/3/1", birthYear: "1980", education: null, specialties: "医疗", isExpert: null, gender: "女" }),
      validRow({ appointedOn: "2019-03-01", committee: WEST, employment: "专职", specialties: "劳动争议，合同; 其他" }),
    ];
    rows.forEach((r, i) => {
      const row = sheet.getRow(i + 2);
      ROSTER_COLUMNS.forEach((c, j) => (row.getCell(j + 1).value = r[c.key]));
      row.commit();
    });
    const result = await importRoster(actor, await toBuffer(workbook));
    expect(result).toEqual({ ok: true, created: 3 });

    const after = await counts();
    expect(after.mediators - before.mediators).toBe(3);
    expect(after.specialties - before.specialties).toBe(2 + 1 + 3);
    expect(after.audits - before.audits).toBe(1);

    const first = (await byPhone("13900000001"))!;
    expect(first).toMatchObject({
      name: rows[0].name,
      gender: "male",
      birthYear: 1975,
      education: "senior_high",
      orgUnitId: units.east.id,
      employment: "part_time",
      appointedOn: "2019-03-01",
      isExpert: true,
      status: "active",
      idCardLast4: "002X",
      idCardHash: idCardHash("11010519491231002X"),
    });
    expect(categoriesOf(first)).toEqual(["marriage_family", "neighbourhood"]);
    const second = (await byPhone(String(rows[1].phone)))!;
    expect(second).toMatchObject({
      gender: "female",
      birthYear: 1980,
      education: null,
      appointedOn: "2019-03-01",
      isExpert: false,
      idCardHash: null,
    });
    expect(categoriesOf(second)).toEqual(["medical"]);
    const third = (await byPhone(String(rows[2].phone)))!;
    expect(third).toMatchObject({ orgUnitId: units.west.id, employment: "full_time", appointedOn: "2019-03-01" });
    expect(categoriesOf(third)).toEqual(["contract", "labour", "other"]);

    const event = (await AuditEvent.findOne({ where: { action: "mediator.imported" }, order: [["id", "DESC"]] }))!;
    expect(event).toMatchObject({ actorUserId: actor.id, targetType: "import", ip: "127.0.0.1" });
    const summary = JSON.parse(event.afterSummary!);
    expect(summary.count).toBe(3);
    expect(summary.committees).toEqual([
      { id: units.east.id, name: EAST, count: 2 },
      { id: units.west.id, name: WEST, count: 1 },
    ]);
    // Both committees sit under 东镇: the event belongs to it.
    expect(event.orgUnitId).toBe(units.east.parentId);
  });
});

describe("refusing a file", () => {
  it("refuses more than 10,000 data rows, even when one of them is bad", async () => {
    const before = await counts();
    const rows = Array.from({ length: 10_001 }, (_, i) => validRow(i === 5000 ? { gender: "未知" } : {}));
    const result = await importRoster(actor, await xlsx(rows));
    expect(result).toEqual({ ok: false, errors: [{ row: 0, column: null, message: "import.tooManyRows" }] });
    expect(await counts()).toEqual(before);
  }, 120_000);

  it("reports the one bad row of 200 by row number and column, and writes nothing", async () => {
    const before = await counts();
    const rows = Array.from({ length: 200 }, (_, i) => validRow(i === 99 ? { phone: "12345" } : {}));
    const result = await importRoster(actor, await xlsx(rows));
    // Data row 100 sits on Excel row 101, under the header.
    expect(result).toEqual({ ok: false, errors: [{ row: 101, column: "手机号码", message: "validation.phone" }] });
    expect(await counts()).toEqual(before);
  });

  it("reports every error of every row, in row and column order", async () => {
    const rows = [
      validRow({ name: null, gender: "男性", birthYear: 1890 }),
      validRow(),
      validRow({ appointedOn: "2999-01-01", education: "小学毕业", specialties: "婚姻家庭、吵架", isExpert: "也许", idCard: "123" }),
      validRow({ appointedOn: "去年", employment: null, name: "很".repeat(51) }),
    ];
    const result = await importRoster(actor, await xlsx(rows));
    expect(result).toEqual({
      ok: false,
      errors: [
        { row: 2, column: "姓名", message: "validation.required" },
        { row: 2, column: "性别", message: "import.invalidChoice" },
        { row: 2, column: "出生年份", message: "validation.year" },
        { row: 4, column: "身份证号", message: "validation.idCard" },
        { row: 4, column: "文化程度", message: "import.invalidChoice" },
        { row: 4, column: "聘任日期", message: "validation.dateFuture" },
        { row: 4, column: "擅长领域", message: "import.invalidChoice" },
        { row: 4, column: "是否专家库成员", message: "import.invalidChoice" },
        { row: 5, column: "姓名", message: message("validation.tooLong", { max: 50 }) },
        { row: 5, column: "专兼职", message: "validation.required" },
        { row: 5, column: "聘任日期", message: "validation.date" },
      ],
    });
  });

  it("refuses what is not an xlsx", async () => {
    const png = Buffer.from(
      "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
      "hex",
    );
    const text = Buffer.from("姓名,性别,出生年份\r\n张三,男,1970\r\n", "utf8");
    const real = await xlsx([validRow()]);
    const truncated = real.subarray(0, Math.floor(real.length / 2));
    for (const buffer of [png, text, truncated, Buffer.alloc(0)]) {
      expect(await importRoster(actor, buffer)).toEqual({
        ok: false,
        errors: [{ row: 0, column: null, message: "import.notXlsx" }],
      });
    }
  });

  it("refuses a file over 10 MB", async () => {
    const big = Buffer.alloc(MAX_IMPORT_BYTES + 1);
    big.write("PK\u0003\u0004", "latin1");
    expect(await importRoster(actor, big)).toEqual({
      ok: false,
      errors: [{ row: 0, column: null, message: "import.tooLarge" }],
    });
  });

  it("refuses a zip bomb whose directory understates what an entry inflates to, without expanding it", async () => {
    // A small file claiming 1 KB for sheet1.xml, which really inflates to more than the limit.
    const bomb = zlib.deflateRawSync(Buffer.alloc(MAX_UNCOMPRESSED_BYTES + 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(MAX_IMPORT_BYTES);
    const file = zipOf([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>"), stored: true },
      { name: "xl/workbook.xml", data: Buffer.from("<workbook/>"), stored: true },
      { name: "xl/worksheets/sheet1.xml", data: bomb, claimed: 1024 },
    ]);
    const before = process.memoryUsage().arrayBuffers + process.memoryUsage().heapUsed;
    const load = jest.spyOn(ExcelJS.Workbook.prototype, "xlsx", "get");
    try {
      expect(await importRoster(actor, file)).toEqual({ ok: false, errors: [{ row: 0, column: null, message: "import.tooLarge" }] });
      expect(load).not.toHaveBeenCalled();
    } finally {
      load.mockRestore();
    }
    const after = process.memoryUsage().arrayBuffers + process.memoryUsage().heapUsed;
    expect(after - before).toBeLessThan(60 * 1024 * 1024);
  });

  it("refuses an entry whose deflate data is broken", async () => {
    const file = zipOf([
      { name: "xl/workbook.xml", data: Buffer.from("<workbook/>"), stored: true },
      { name: "xl/worksheets/sheet1.xml", data: Buffer.from("not deflate at all, just bytes"), claimed: 40 },
    ]);
    expect(await importRoster(actor, file)).toEqual({ ok: false, errors: [{ row: 0, column: null, message: "import.notXlsx" }] });
  });

  it("refuses wrong headers, naming the missing and the unexpected ones", async () => {
    const headers: string[] = HEADERS.map((h) => (h === "性别" ? "性別" : h));
    headers.push("备注");
    const result = await importRoster(actor, await xlsx([validRow()], headers));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      { row: 1, column: "性別", message: "import.wrongHeaders" },
      { row: 1, column: "备注", message: "import.wrongHeaders" },
      { row: 1, column: "性别", message: "import.wrongHeaders" },
    ]);
  });

  it("accepts the columns in another order", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("花名册");
    const reversed = [...ROSTER_COLUMNS].reverse();
    sheet.addRow(reversed.map((c) => c.header));
    const row = validRow();
    sheet.addRow(reversed.map((c) => row[c.key]));
    expect(await importRoster(actor, await toBuffer(workbook))).toEqual({ ok: true, created: 1 });
  });

  it("refuses an empty sheet and a header-only sheet", async () => {
    const blank = new ExcelJS.Workbook();
    blank.addWorksheet("花名册");
    for (const buffer of [await toBuffer(blank), await xlsx([])]) {
      expect(await importRoster(actor, buffer)).toEqual({
        ok: false,
        errors: [{ row: 0, column: null, message: "import.empty" }],
      });
    }
  });
});

describe("duplicates", () => {
  it("finds the same ID card or phone twice in the file", async () => {
    const before = await counts();
    const first = validRow({ idCard: idCard(1) });
    const rows = [
      first,
      validRow({ idCard: idCard(1) }),
      validRow({ phone: first.phone }),
      validRow(),
      // A row with another error still has its duplicate reported in the same pass.
      validRow({ phone: first.phone, gender: "未知" }),
    ];
    const result = await importRoster(actor, await xlsx(rows));
    expect(result).toEqual({
      ok: false,
      errors: [
        { row: 3, column: "身份证号", message: message("import.duplicateInFile", { row: 2 }) },
        { row: 4, column: "手机号码", message: message("import.duplicateInFile", { row: 2 }) },
        { row: 6, column: "性别", message: "import.invalidChoice" },
        { row: 6, column: "手机号码", message: message("import.duplicateInFile", { row: 2 }) },
      ],
    });
    expect(await counts()).toEqual(before);
  });

  it("finds ID cards and name + phone already on the roster", async () => {
    const existing = validRow();
    const created = await createMediator(actor, {
      name: String(existing.name),
      gender: "male",
      birthYear: 1970,
      phone: String(existing.phone),
      idCard: idCard(2),
      orgUnitId: units.west.id,
      employment: "part_time",
      appointedOn: "2018-01-01",
      specialties: [],
      isExpert: false,
    });
    expect(created.ok).toBe(true);
    const before = await counts();
    const rows = [validRow({ idCard: idCard(2) }), validRow({ name: existing.name, phone: existing.phone }), validRow()];
    const result = await importRoster(actor, await xlsx(rows));
    expect(result).toEqual({
      ok: false,
      errors: [
        { row: 2, column: "身份证号", message: "validation.idCardTaken" },
        { row: 3, column: "姓名", message: "import.alreadyOnRoster" },
      ],
    });
    expect(await counts()).toEqual(before);

    // Same phone under another name: a different person sharing a phone is allowed.
    expect(await importRoster(actor, await xlsx([validRow({ phone: existing.phone })]))).toEqual({ ok: true, created: 1 });
  });

  it("treats a masked ID card from our export as blank", async () => {
    const row = validRow({ idCard: "**************1234" });
    expect(await importRoster(actor, await xlsx([row]))).toEqual({ ok: true, created: 1 });
    expect((await byPhone(String(row.phone)))!).toMatchObject({ idCardHash: null, idCardLast4: null });
  });
});

describe("committees", () => {
  it("knows only committees inside the admin's scopes, and refuses an ambiguous name", async () => {
    const before = await counts();
    const rows = [
      validRow({ committee: "不存在的人民调解委员会" }),
      validRow({ committee: RIVER }),
      validRow({ committee: SAME }),
      validRow({ committee: null }),
    ];
    const result = await importRoster(actor, await xlsx(rows));
    expect(result).toEqual({
      ok: false,
      errors: [
        { row: 2, column: "所属调委会", message: "validation.unknownCommittee" },
        { row: 3, column: "所属调委会", message: "validation.unknownCommittee" },
        { row: 4, column: "所属调委会", message: "import.ambiguousCommittee" },
        { row: 5, column: "所属调委会", message: "validation.required" },
      ],
    });
    expect(await counts()).toEqual(before);
  });

  it("resolves a name shared with a committee outside the scopes to the one inside", async () => {
    const row = validRow({ committee: EAST });
    expect(await importRoster(actor, await xlsx([row]))).toEqual({ ok: true, created: 1 });
    expect((await byPhone(String(row.phone)))!.orgUnitId).toBe(units.east.id);
  });
});

describe("writing", () => {
  it("rolls everything back when a write fails mid-way", async () => {
    const before = await counts();
    const spy = jest.spyOn(MediatorSpecialty, "bulkCreate").mockRejectedValueOnce(new Error("disk full"));
    try {
      await expect(importRoster(actor, await xlsx([validRow(), validRow()]))).rejects.toThrow("disk full");
    } finally {
      spy.mockRestore();
    }
    expect(await counts()).toEqual(before);
  });
});

describe("export", () => {
  it("round-trips: a committee's export imports into another committee unchanged", async () => {
    const people = [
      {
        name: "李桂芳",
        gender: "female",
        birthYear: 1968,
        phone: "13711110001",
        idCard: idCard(3),
        education: "college",
        employment: "full_time",
        appointedOn: "2015-06-30",
        specialties: ["marriage_family", "housing_homestead"],
        isExpert: true,
      },
      {
        name: "赵建国",
        gender: "male",
        birthYear: 1959,
        phone: "0551-6543210",
        education: undefined,
        employment: "part_time",
        appointedOn: "2021-12-01",
        specialties: [],
        isExpert: false,
      },
      {
        name: "钱多多",
        gender: "male",
        birthYear: 1990,
        phone: "13711110003",
        education: "bachelor",
        employment: "part_time",
        appointedOn: "2023-02-28",
        specialties: ["traffic", "medical", "labour"],
        isExpert: false,
      },
    ] as const;
    for (const p of people) {
      const result = await createMediator(actor, { ...p, specialties: [...p.specialties], orgUnitId: units.north.id });
      expect(result.ok).toBe(true);
    }
    const exported = await exportRoster(actor.scopes, rosterFilterSchema.parse({ org: String(units.north.id) }));
    expect(exported?.count).toBe(3);
    const workbook = await load(await rosterToXlsx(exported!));
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...HEADERS, "状态", "任职年限"]);
    expect(sheet.getRow(2).getCell(5).value).toBe(`${"*".repeat(14)}${idCard(3).slice(-4)}`);
    // Appointment dates are real date cells shown as yyyy-mm-dd; 任职年限 is a number.
    const dateCell = sheet.getRow(2).getCell(HEADERS.indexOf("聘任日期") + 1);
    expect(dateCell.value).toBeInstanceOf(Date);
    expect(dateCell.numFmt).toBe("yyyy-mm-dd");
    expect(typeof sheet.getRow(2).getCell(13).value).toBe("number");

    // Re-importing people who are still on the roster is refused, row by row.
    const committeeColumn = HEADERS.indexOf("所属调委会") + 1;
    sheet.eachRow((row, n) => {
      if (n > 1) row.getCell(committeeColumn).value = SOUTH;
    });
    const again = await importRoster(actor, await toBuffer(workbook));
    expect(again).toEqual({
      ok: false,
      errors: [2, 3, 4].map((row) => ({ row, column: "姓名", message: "import.alreadyOnRoster" })),
    });

    // Once they have left the old committee, the same file moves them to the new one.
    await Mediator.destroy({ where: { orgUnitId: units.north.id } });
    expect(await importRoster(actor, await toBuffer(workbook))).toEqual({ ok: true, created: 3 });
    const imported = await Mediator.findAll({
      where: { orgUnitId: units.south.id },
      include: [{ model: MediatorSpecialty, as: "specialties" }],
    });
    const view = (m: Mediator) => ({
      name: m.name,
      gender: m.gender,
      birthYear: m.birthYear,
      phone: m.phone,
      education: m.education ?? undefined,
      employment: m.employment,
      appointedOn: m.appointedOn,
      specialties: categoriesOf(m),
      isExpert: m.isExpert,
    });
    const expected = people.map((p) => ({
      name: p.name,
      gender: p.gender,
      birthYear: p.birthYear,
      phone: p.phone,
      education: p.education,
      employment: p.employment,
      appointedOn: p.appointedOn,
      specialties: [...p.specialties].sort(),
      isExpert: p.isExpert,
    }));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(imported.map(view).sort(byName)).toEqual(expected.sort(byName));
  });

  it("writes CSV with a BOM and CRLF, quoted per RFC 4180 and safe from formula injection", async () => {
    const dangerous = '=HYPERLINK("http://evil.example/?x=1","点我")';
    await addMediator({
      orgUnitId: units.csv.id,
      name: dangerous,
      gender: "male",
      birthYear: 1980,
      employment: "part_time",
      appointedOn: "2020-01-02",
      phone: "13722220001",
      idCardLast4: "1234",
    });
    await addMediator({
      orgUnitId: units.csv.id,
      name: "@SUM(1+1)",
      gender: "female",
      birthYear: 1985,
      employment: "full_time",
      appointedOn: null,
      phone: "13722220002",
    });
    const rows = (await exportRoster(actor.scopes, rosterFilterSchema.parse({ org: String(units.csv.id), sort: "name" })))!;
    const csv = await rosterToCsv(rows);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.subarray(3).toString("utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe([...HEADERS, "状态", "任职年限"].join(","));
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?x=1"",""点我"")"`);
    expect(text).toContain(",**************1234,");
    expect(text).toContain("'@SUM(1+1)");
    // No cell anywhere begins with a formula character.
    for (const line of lines.slice(1, -1)) {
      for (const cell of line.split(",")) expect(cell.replace(/^"/, "")).not.toMatch(/^[=+\-@]/);
    }

    const sheet = (await load(await rosterToXlsx(rows))).worksheets[0];
    const names: unknown[] = [sheet.getRow(2).getCell(1).value, sheet.getRow(3).getCell(1).value];
    expect(names).toEqual(expect.arrayContaining([`'${dangerous}`, "'@SUM(1+1)"]));
    await Mediator.destroy({ where: { orgUnitId: units.csv.id } });
  });
});

describe("a large import", () => {
  it("imports 10,000 valid rows in one go", async () => {
    const before = await counts();
    const start = seq;
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      validRow({
        committee: i % 3 === 0 ? WEST : EAST,
        idCard: i % 2 === 0 ? idCard(100_000 + i) : null,
        specialties: ["婚姻家庭", "邻里、合同", "", "医疗、道路交通事故、物业"][i % 4],
        appointedOn: i % 5 === 0 ? new Date(Date.UTC(2010 + (i % 10), i % 12, 1 + (i % 28))) : "2020/1/15",
      }),
    );
    const buffer = await xlsx(rows);
    const started = Date.now();
    const result = await importRoster(actor, buffer);
    const elapsed = Date.now() - started;
    console.log(`roster import of 10,000 rows on ${getSequelize().getDialect()}: ${elapsed} ms`);
    expect(result).toEqual({ ok: true, created: 10_000 });

    const after = await counts();
    expect(after.mediators - before.mediators).toBe(10_000);
    expect(after.specialties - before.specialties).toBe(2500 * (1 + 2 + 0 + 3));
    expect(after.audits - before.audits).toBe(1);
    const phones = rows.map((r) => String(r.phone));
    expect(await Mediator.count({ where: { phone: { [Op.in]: phones.slice(0, 900) } } })).toBe(900);
    // Specialties landed on the right people.
    for (const i of [0, 1, 2, 3, 4997, 9999]) {
      const m = (await byPhone(phones[i]))!;
      expect(m.name).toBe(`调解员${start + i + 1}`);
      expect(categoriesOf(m)).toEqual(
        [["marriage_family"], ["contract", "neighbourhood"], [], ["medical", "property_management", "traffic"]][i % 4],
      );
      expect(m.idCardHash).toBe(i % 2 === 0 ? idCardHash(idCard(100_000 + i)) : null);
    }
  }, 120_000);
});
