import { AuditEvent, Mediator, MediatorSpecialty, RoleGrant, User } from "~/.server/db/models";
import { getOrgScope } from "~/.server/org";
import { listRoster } from "~/.server/roster/queries";
import { addMediator, changeMediator } from "~/.server/roster/entries";
import { rosterFilterSchema } from "~/lib/mediator";
import { onceToken } from "~/.server/web/form-once";
import * as rosterDetail from "~/routes/roster.$id._index";
import * as rosterEdit from "~/routes/roster.$id.edit";
import * as rosterNew from "~/routes/roster.new";
import * as rosterImport from "~/routes/roster.import";
import * as rosterImportErrors from "~/routes/roster.import-errors.$token";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { ROSTER_COLUMNS } from "~/.server/roster/sheet";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { callRoute, seedWithPersonas } from "../support/personas";
import { message } from "~/lib/messages";

let db: TestDatabase;
let ids: Awaited<ReturnType<typeof seedWithPersonas>>;
beforeAll(async () => {
  db = await createMigratedDatabase();
  ids = await seedWithPersonas();
});
afterAll(() => db.drop());

const VALID_ID = "11010519491231002X"; // a valid GB 11643 check digit
const valid = () => ({
  name: "赵春梅",
  gender: "female",
  birthYear: "1976",
  phone: "13912345678",
  idCard: VALID_ID,
  education: "college",
  orgUnitId: String(ids.townshipMediator.orgUnitId),
  employment: "full_time",
  appointedOn: "2019-03-01",
  specialties: ["marriage_family", "neighbourhood"],
  isExpert: "on",
});

const fieldErrors = (outcome: { body?: unknown }) => (outcome.body as { result: { error: Record<string, string[]> } }).result.error;

describe("adding a mediator", () => {
  it("turns bad input into field errors and writes nothing", async () => {
    const before = [await Mediator.count(), await AuditEvent.count()];
    const outcome = await callRoute(rosterNew.action as never, {
      url: "/roster/new",
      cookie: ids.cookies.county,
      form: {
        ...valid(),
        name: "",
        phone: "123",
        idCard: "110105194912310021",
        appointedOn: "2031-01-01",
        birthYear: "1850",
        employment: "sometimes",
      },
    });
    expect(outcome.status).toBe(400);
    const errors = fieldErrors(outcome);
    expect(errors.name).toEqual(["validation.required"]);
    expect(errors.phone).toEqual(["validation.phone"]);
    expect(errors.idCard).toEqual(["validation.idCard"]);
    expect(errors.appointedOn).toEqual(["validation.dateFuture"]);
    expect(errors.birthYear).toEqual(["validation.year"]);
    expect(errors.employment).toEqual(["validation.choice"]);
    expect([await Mediator.count(), await AuditEvent.count()]).toEqual(before);
  });

  it("refuses a too-long name and a committee outside the admin's subtree", async () => {
    const outcome = await callRoute(rosterNew.action as never, {
      url: "/roster/new",
      cookie: ids.cookies.county,
      form: { ...valid(), name: "张".repeat(51), orgUnitId: String(ids.county2Mediator.orgUnitId) },
    });
    expect(fieldErrors(outcome).name).toEqual([message("validation.tooLong", { max: 50 })]);
    const outOfScope = await callRoute(rosterNew.action as never, {
      url: "/roster/new",
      cookie: ids.cookies.county,
      form: { ...valid(), orgUnitId: String(ids.county2Mediator.orgUnitId) },
    });
    expect(fieldErrors(outOfScope).orgUnitId).toEqual(["validation.unknownCommittee"]);
  });

  it("creates the profile with specialties and an audit row; the ID number is kept only as HMAC + last four", async () => {
    const outcome = await callRoute(rosterNew.action as never, { url: "/roster/new", cookie: ids.cookies.township, form: valid() });
    expect(outcome.status).toBe(302);
    const id = Number(outcome.location!.split("/").pop());
    const created = (await Mediator.findByPk(id))!;
    expect(created).toMatchObject({
      name: "赵春梅",
      employment: "full_time",
      isExpert: true,
      idCardLast4: "002X",
      appointedOn: "2019-03-01",
    });
    expect(created.idCardHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(created.toJSON())).not.toContain(VALID_ID);
    expect((await MediatorSpecialty.findAll({ where: { mediatorId: id } })).map((s) => s.category).sort()).toEqual([
      "marriage_family",
      "neighbourhood",
    ]);
    const event = (await AuditEvent.findOne({ where: { action: "mediator.created", targetId: String(id) } }))!;
    expect(event.afterSummary).not.toContain(VALID_ID);

    const duplicate = await callRoute(rosterNew.action as never, {
      url: "/roster/new",
      cookie: ids.cookies.county,
      form: { ...valid(), idCard: VALID_ID.toLowerCase(), phone: "13912345679" },
    });
    expect(fieldErrors(duplicate).idCard).toEqual(["validation.idCardTaken"]);
  });
});

describe("editing and status", () => {
  it("edits a profile, auditing only the fields that changed", async () => {
    const m = ids.townshipMediator;
    const outcome = await callRoute(rosterEdit.action as never, {
      url: `/roster/${m.id}/edit`,
      params: { id: String(m.id) },
      cookie: ids.cookies.county,
      form: { ...valid(), name: m.name, idCard: "", phone: "13700001111", orgUnitId: String(m.orgUnitId), specialties: ["labour"] },
    });
    expect(outcome.status).toBe(302);
    const event = (await AuditEvent.findOne({ where: { action: "mediator.updated", targetId: String(m.id) } }))!;
    expect(JSON.parse(event.afterSummary!)).toMatchObject({ phone: "13700001111", specialties: ["labour"] });
    expect(JSON.parse(event.afterSummary!)).not.toHaveProperty("name");
  });

  it("suspends with a date and reason, audited; a missing reason is a field error", async () => {
    const m = ids.county1Mediator;
    const missing = await callRoute(rosterDetail.action as never, {
      url: `/roster/${m.id}`,
      params: { id: String(m.id) },
      cookie: ids.cookies.county,
      form: { intent: "status", status: "suspended", date: "2026-10-08", reason: "" },
    });
    expect(fieldErrors(missing).reason).toEqual(["validation.required"]);
    const ok = await callRoute(rosterDetail.action as never, {
      url: `/roster/${m.id}`,
      params: { id: String(m.id) },
      cookie: ids.cookies.county,
      form: { intent: "status", status: "dismissed", date: "2026-10-08", reason: "本人申请辞去调解员职务" },
    });
    expect(ok.status).toBe(302);
    expect(await Mediator.findByPk(m.id)).toMatchObject({
      status: "dismissed",
      statusChangedOn: "2026-10-08",
      statusReason: "本人申请辞去调解员职务",
    });
    const event = (await AuditEvent.findOne({ where: { action: "mediator.status_changed", targetId: String(m.id) } }))!;
    expect(event.reason).toBe("本人申请辞去调解员职务");
  });

  it("opens an account for a roster entry and shows the one-time password once", async () => {
    const m = (await Mediator.findOne({ where: { orgUnitId: ids.county1Mediator.orgUnitId, userId: null }, order: [["id", "DESC"]] }))!;
    const outcome = await callRoute(rosterDetail.action as never, {
      url: `/roster/${m.id}`,
      params: { id: String(m.id) },
      cookie: ids.cookies.county,
      form: { intent: "account" },
    });
    const body = outcome.body as { username: string; password: string };
    expect(body.username).toBe(m.phone);
    const user = (await User.findOne({ where: { username: body.username } }))!;
    expect(user.mustChangePassword).toBe(true);
    expect(user.passwordHash).not.toContain(body.password);
    expect(await RoleGrant.findOne({ where: { userId: user.id } })).toMatchObject({ role: "mediator", orgUnitId: m.orgUnitId });
    expect((await Mediator.findByPk(m.id))!.userId).toBe(user.id);
    const again = await callRoute(rosterDetail.action as never, {
      url: `/roster/${m.id}`,
      params: { id: String(m.id) },
      cookie: ids.cookies.county,
      form: { intent: "account" },
    });
    expect(again.status).toBe(400);
    expect(fieldErrors(again)).toEqual({ "": ["account.error.hasAccount"] });
  });

  it("two taps on 开通账号 at once open one account; with the page's token the repeat leads to it", async () => {
    const free = await Mediator.findAll({
      where: { orgUnitId: ids.county1Mediator.orgUnitId, userId: null },
      order: [["id", "ASC"]],
      limit: 2,
    });
    const tap = (m: Mediator, form: Record<string, string>) =>
      callRoute(rosterDetail.action as never, {
        url: `/roster/${m.id}`,
        params: { id: String(m.id) },
        cookie: ids.cookies.county,
        form: { intent: "account", ...form },
      });
    const users = await User.count();
    // An old page without the token: the second request finds the account made by the first.
    const plain = await Promise.all([tap(free[0], {}), tap(free[0], {})]);
    expect(plain.map((o) => o.status).sort()).toEqual([200, 400]);
    expect(await User.count()).toBe(users + 1);
    // The page's one-time token: the repeat is sent to the account, where the password can be reset.
    const once = onceToken();
    const sent = await Promise.all([tap(free[1], { once }), tap(free[1], { once })]);
    expect(await User.count()).toBe(users + 2);
    const userId = (await Mediator.findByPk(free[1].id))!.userId;
    expect(sent.find((o) => o.status === 200)!.body).toMatchObject({ userId, password: expect.any(String) });
    expect(sent.find((o) => o.status === 302)).toEqual({ status: 302, location: `/admin/users/${userId}?again=1` });
  });
});

describe("the roster list", () => {
  const list = async (query: Record<string, string>) =>
    (await listRoster([(await getOrgScope(ids.county1.id))!], rosterFilterSchema.parse(query)))!;

  it("filters by status, employment, specialty, org and name/phone, on the server", async () => {
    const all = await list({});
    const fullTime = await list({ employment: "full_time" });
    expect(fullTime.total).toBeGreaterThan(0);
    expect(fullTime.total).toBeLessThan(all.total);
    for (const r of fullTime.rows) expect(r.employment).toBe("full_time");
    const medical = await list({ specialty: "medical" });
    expect(medical.total).toBeGreaterThan(0);
    for (const r of medical.rows) expect(r.committee).toMatch(/医疗/);
    const township = await list({ org: String(ids.township.id) });
    expect(township.total).toBeLessThan(all.total);
    const byName = await list({ q: ids.county1Mediator.name.slice(1) });
    expect(byName.rows.map((r) => r.name)).toContain(ids.county1Mediator.name);
    const byPhone = await list({ q: ids.county1Mediator.phone!.slice(0, 7) });
    expect(byPhone.rows.map((r) => r.name)).toContain(ids.county1Mediator.name);
    expect((await list({ q: "%" })).total).toBe(all.total);
    expect((await list({ status: "dismissed" })).rows.every((r) => r.status === "dismissed")).toBe(true);
  });

  it("sorts and pages", async () => {
    const first = await list({ sort: "appointedOn", dir: "desc" });
    const dates = first.rows.map((r) => r.appointedOn!);
    expect([...dates].sort().reverse()).toEqual(dates);
    const paged = (await listRoster([(await getOrgScope(ids.county1.id))!], rosterFilterSchema.parse({ page: "2" }), 10))!;
    expect(paged.rows).toHaveLength(10);
    expect(paged.pageCount).toBe(Math.ceil(paged.total / 10));
  });

  it("sorts names by pinyin (何, 侯, 刘, 任), not by character code, and keeps the key when a name changes", async () => {
    const committee = ids.townshipMediator.orgUnitId;
    const made = [];
    for (const name of ["任大海", "何小燕", "侯建国", "刘芳"])
      made.push(await addMediator({ orgUnitId: committee, name: `拼序${name}`, gender: "female", employment: "part_time" }));
    const names = async (dir: string) => (await list({ q: "拼序", sort: "name", dir })).rows.map((r) => r.name.replace("拼序", ""));
    expect(await names("asc")).toEqual(["何小燕", "侯建国", "刘芳", "任大海"]);
    expect(await names("desc")).toEqual(["任大海", "刘芳", "侯建国", "何小燕"]);
    await changeMediator(made[0], { name: "拼序安然" });
    expect(await names("asc")).toEqual(["安然", "何小燕", "侯建国", "刘芳"]);
  });

  it("ignores nonsense in the query string instead of failing", () => {
    expect(rosterFilterSchema.parse({ page: "-3", sort: "drop table", status: "x", org: "abc" })).toMatchObject({
      page: 1,
      sort: "name",
      status: undefined,
      org: undefined,
    });
  });
});

describe("the import page", () => {
  const post = (form: FormData | URLSearchParams) =>
    rosterImport.action({
      request: new Request("http://localhost/roster/import", { method: "POST", body: form, headers: { Cookie: ids.cookies.county! } }),
      params: {},
      context: {},
    } as never) as unknown as Promise<{
      data: { result: { error: Record<string, string[]> } | null; report: unknown[]; created: number; copy: string | null };
      init: { status: number };
    }>;

  it("puts what is wrong with the file as a whole on the file field, and the rows in the report", async () => {
    const notMultipart = await post(new URLSearchParams({ file: "x" }));
    expect(notMultipart.init.status).toBe(400);
    expect(notMultipart.data).toEqual({
      result: expect.objectContaining({ status: "error", error: { file: ["import.notXlsx"] } }),
      report: [],
      created: 0,
      copy: null,
    });
    const noFile = new FormData();
    noFile.append("file", new Blob([]), "空.xlsx");
    expect((await post(noFile)).data.result!.error).toEqual({ file: ["import.noFile"] });
    const notXlsx = new FormData();
    notXlsx.append("file", new Blob([new TextEncoder().encode("姓名,性别")]), "名册.xlsx");
    const refused = await post(notXlsx);
    expect(refused.init.status).toBe(400);
    expect(refused.data.result!.error.file).toHaveLength(1);
    expect(refused.data.report).toEqual([]);
    expect(refused.data.copy).toBeNull();
  });

  it("offers the sheet with its errors marked, to the uploader only", async () => {
    const previous = process.env.UPLOAD_DIR;
    process.env.UPLOAD_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "roster-copy-"));
    try {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet("花名册");
      sheet.addRow(ROSTER_COLUMNS.map((c) => c.header));
      sheet.addRow(["钱多多", "男", 1980, "13700000001", null, null, "不存在的调委会", "兼职", "2020-01-01", null, "否"]);
      const upload = new FormData();
      upload.append("file", new Blob([(await workbook.xlsx.writeBuffer()) as ArrayBuffer]), "名册.xlsx");
      const refused = await post(upload);
      expect(refused.init.status).toBe(400);
      const token = refused.data.copy!;
      expect(token).toMatch(/^[0-9a-f]{32}$/);
      const open = (cookie: string | null) =>
        callRoute(rosterImportErrors.loader as never, { url: `/roster/import-errors/${token}`, params: { token }, cookie });
      const mine = await open(ids.cookies.county);
      expect(mine.status).toBe(200);
      expect((await open(ids.cookies.township)).status).toBe(404);
      const copy = new ExcelJS.Workbook();
      const request = new Request(`http://localhost/roster/import-errors/${token}`, { headers: { Cookie: ids.cookies.county! } });
      const response = (await rosterImportErrors.loader({ request, params: { token }, context: {} } as never)) as Response;
      await copy.xlsx.load((await response.arrayBuffer()) as never);
      const marked = copy
        .getWorksheet("花名册")!
        .getRow(2)
        .getCell(ROSTER_COLUMNS.length + 1).value;
      expect(String(marked)).toContain("【所属调委会】");
    } finally {
      fs.rmSync(process.env.UPLOAD_DIR!, { recursive: true, force: true });
      process.env.UPLOAD_DIR = previous;
    }
  });
});

describe("an account's page", () => {
  it("answers a missing reason and a grant outside the admin's subtree on their fields", async () => {
    const { action } = await import("~/routes/admin.users.$id");
    const id = String(ids.mediatorUser.id);
    const post = (form: Record<string, string>) =>
      callRoute(action as never, { url: `/admin/users/${id}`, params: { id }, cookie: ids.cookies.county, form });
    const noReason = await post({ intent: "disable", reason: " " });
    expect(noReason.status).toBe(400);
    expect((noReason.body as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } }).result).toMatchObject({
      error: { reason: ["validation.required"] },
      initialValue: { intent: "disable" },
    });
    const outside = await post({ intent: "addGrant", role: "trainer", orgUnitId: String(ids.county2.id) });
    expect(outside.status).toBe(400);
    expect(fieldErrors(outside)).toEqual({ orgUnitId: ["account.error.outOfScope"] });
    const noRole = await post({ intent: "addGrant", role: "king", orgUnitId: String(ids.county1.id) });
    expect(fieldErrors(noRole)).toEqual({ role: ["validation.choice"] });
    const unknown = await post({ intent: "promote" });
    expect(unknown.status).toBe(400);
    expect(fieldErrors(unknown)).toEqual({ "": ["validation.choice"] });
    expect((await User.findByPk(ids.mediatorUser.id))!.status).toBe("active");
  });
});
