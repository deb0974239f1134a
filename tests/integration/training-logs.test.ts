import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Attachment, AuditEvent, Mediator, OrgUnit, TrainingLog, TrainingRecord, User } from "~/.server/db/models";
import { listAttachments } from "~/.server/attachments";
import { verifyLogs } from "~/.server/training/logs";
import { getCurrentUser } from "~/.server/web/session";
import * as newLog from "~/routes/training.logs.new";
import * as logDetail from "~/routes/training.logs.$id";
import * as logFile from "~/routes/training.logs.$id.files.$fileId";
import * as myTraining from "~/routes/training._index";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { BASE, callRoute, seedWithPersonas } from "../support/personas";
import { message } from "~/lib/messages";

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const PDF = new TextEncoder().encode("%PDF-1.4\n% test\n");
const EXE = Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]);

let db: TestDatabase;
let ids: Awaited<ReturnType<typeof seedWithPersonas>>;
let uploads: string;
let seededLogs = 0;
let seededPractical = 0;
/** Files the demo seed stored (scans of its case-file reviews). */
let seededFiles: string[] = [];
/** The log these tests create (the seed has demo logs of its own). */
const theLog = async () => (await TrainingLog.findOne({ where: { place: "青山县人民法院第二法庭", reflection: REFLECTION } }))!;
beforeAll(async () => {
  uploads = fs.mkdtempSync(path.join(os.tmpdir(), "academy-uploads-"));
  process.env.UPLOAD_DIR = uploads;
  db = await createMigratedDatabase();
  ids = await seedWithPersonas();
  seededLogs = await TrainingLog.count();
  seededFiles = fs.readdirSync(uploads);
  const page = await callRoute(myTraining.loader as never, { url: "/training", cookie: ids.cookies.mediator });
  seededPractical = (page.body as { summary: { practical: number } }).summary.practical;
});
afterAll(async () => {
  await db.drop();
  fs.rmSync(uploads, { recursive: true, force: true });
});

const REFLECTION =
  "旁听了一起民间借贷纠纷的庭审，看到法官如何围绕借条、转账记录和证人证言组织举证质证，体会到调解时先帮当事人把证据理清楚的重要性，今后调解借款纠纷要先核对书面凭证。";

async function trainerId() {
  return (await User.findOne({ where: { username: "demo_trainer" } }))!.id;
}

async function postLog(
  url: string,
  cookie: string | null,
  fields: Record<string, string>,
  files: { name: string; bytes: Uint8Array; type?: string }[] = [],
  params: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append("files", new Blob([f.bytes as BlobPart], { type: f.type ?? "application/octet-stream" }), f.name);
  const request = new Request(`${BASE}${url}`, { method: "POST", body: form, headers: cookie ? { Cookie: cookie } : {} });
  const fn = url.endsWith("/new") ? newLog.action : logDetail.action;
  try {
    const result = (await fn({ request, params, context: {} } as never)) as unknown;
    if (result instanceof Response) return { status: result.status, location: result.headers.get("Location") };
    const wrapped = result as { data?: { result?: { error?: Record<string, string[]> } }; init?: { status?: number } };
    return { status: wrapped.init?.status ?? 200, errors: wrapped.data?.result?.error };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
    throw thrown;
  }
}

const good = async () => ({
  type: "court_hearing",
  occurredOn: "2026-10-12",
  hours: "3",
  place: "青山县人民法院第二法庭",
  supervisorUserId: String(await trainerId()),
  reflection: REFLECTION,
});

describe("practical-training logs", () => {
  it("refuses bad input with field errors and writes nothing", async () => {
    const outcome = await postLog("/training/logs/new", ids.cookies.mediator, {
      type: "court_hearing",
      occurredOn: "2099-01-01",
      hours: "13",
      place: "",
      reflection: "太短了",
    });
    expect(outcome.status).toBe(400);
    expect(outcome.errors).toMatchObject({
      occurredOn: ["validation.dateFuture"],
      hours: ["training.hoursRange"],
      place: ["validation.required"],
      reflection: [message("validation.tooShort", { min: 50 })],
    });
    const { supervisorUserId: _none, ...withoutSupervisor } = await good();
    const missing = await postLog("/training/logs/new", ids.cookies.mediator, withoutSupervisor);
    expect(missing.errors).toEqual({ supervisorName: ["training.supervisorRequired"] });
    const foreignTrainer = await postLog("/training/logs/new", ids.cookies.mediator, {
      ...withoutSupervisor,
      supervisorUserId: String((await User.findOne({ where: { username: "demo_county2" } }))!.id),
    });
    expect(foreignTrainer.errors).toEqual({ supervisorUserId: ["validation.choice"] });
    expect(await TrainingLog.count()).toBe(seededLogs);
  });

  it("checks files by content, size and count; nothing is written on refusal", async () => {
    const fields = await good();
    const disguised = await postLog("/training/logs/new", ids.cookies.mediator, fields, [
      { name: "照片.jpg", bytes: EXE, type: "image/jpeg" },
    ]);
    expect(disguised.errors).toEqual({ files: ["training.fileType"] });
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `p${i}.png`, bytes: PNG }));
    expect((await postLog("/training/logs/new", ids.cookies.mediator, fields, six)).errors).toEqual({
      files: [message("training.tooManyFiles", { max: 5 })],
    });
    const big = new Uint8Array(11 * 1024 * 1024);
    big.set(PNG);
    expect((await postLog("/training/logs/new", ids.cookies.mediator, fields, [{ name: "big.png", bytes: big }])).errors).toEqual({
      files: ["training.fileTooLarge"],
    });
    expect(await TrainingLog.count()).toBe(seededLogs);
    expect(fs.readdirSync(uploads)).toEqual(seededFiles);
  });

  it("a mediator submits a log with evidence; only the author, the named trainer and admins over the mediator may open its files", async () => {
    const outcome = await postLog("/training/logs/new", ids.cookies.mediator, { ...(await good()), intent: "submit" }, [
      { name: "庭审照片.png", bytes: PNG },
      { name: "旁听证明.pdf", bytes: PDF },
    ]);
    expect(outcome.status).toBe(302);
    const log = await theLog();
    expect(log.status).toBe("submitted");
    const files = await listAttachments("log", log.id);
    expect(files.map((f) => f.mime).sort()).toEqual(["application/pdf", "image/png"]);
    expect(fs.readdirSync(uploads)).toHaveLength(seededFiles.length + 2);
    for (const f of files) expect(f.storedName).not.toContain("庭审");

    const get = (cookie: string | null) =>
      callRoute(logFile.loader as never, {
        url: `/training/logs/${log.id}/files/${files[0].id}`,
        params: { id: String(log.id), fileId: String(files[0].id) },
        cookie,
      });
    expect((await get(ids.cookies.mediator)).status).toBe(200);
    expect((await get(ids.cookies.trainer)).status).toBe(200);
    expect((await get(ids.cookies.township)).status).toBe(200);
    expect((await get(ids.cookies.county)).status).toBe(200);
    expect((await get(ids.cookies.otherCounty)).status).toBe(404);
    expect((await get(ids.cookies.reviewer)).status).toBe(404);
    expect((await get(null)).status).toBe("login");
  });

  it("the log page shows who, where and the supervisor, images as thumbnails, and sends a verifier back to the queue", async () => {
    const log = await theLog();
    const mediator = (await Mediator.findByPk(log.mediatorId, { include: [{ model: OrgUnit, as: "committee" }] }))!;
    const open = (cookie: string | null) =>
      callRoute(logDetail.loader as never, { url: `/training/logs/${log.id}`, params: { id: String(log.id) }, cookie });
    type Page = {
      people: { mediatorName: string; committee: string; supervisor: string };
      backTo: string;
      log: { files: { mime: string }[] };
    };
    const asTrainer = (await open(ids.cookies.trainer)).body as Page;
    expect(asTrainer.people).toMatchObject({
      mediatorName: mediator.name,
      committee: (mediator.get("committee") as OrgUnit).name,
      supervisor: (await User.findByPk(await trainerId()))!.displayName,
    });
    expect(mediator.name).not.toBe("");
    expect(asTrainer.backTo).toBe("/training/verify");
    expect(asTrainer.log.files.map((f) => f.mime).sort()).toEqual(["application/pdf", "image/png"]);
    expect(((await open(ids.cookies.county)).body as Page).backTo).toBe("/training/verify");
    expect(((await open(ids.cookies.mediator)).body as Page).backTo).toBe("/training");
  });

  it("verification writes one ledger row however often it happens; another county cannot verify", async () => {
    const log = await theLog();
    const other = (await getCurrentUser(new Request(BASE, { headers: { Cookie: ids.cookies.otherCounty! } })))!;
    expect(await verifyLogs(other, [log.id], "t")).toBe(0);
    const trainer = (await getCurrentUser(new Request(BASE, { headers: { Cookie: ids.cookies.trainer! } })))!;
    const [a, b] = await Promise.all([verifyLogs(trainer, [log.id], "t"), verifyLogs(trainer, [log.id], "t")]);
    expect(a + b).toBe(1);
    expect(await verifyLogs(trainer, [log.id], "t")).toBe(0);
    const records = await TrainingRecord.findAll({ where: { source: "log", sourceId: String(log.id) } });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      sourceId: String(log.id),
      hours: 3,
      form: "court_hearing",
      mediatorId: log.mediatorId,
      occurredOn: "2026-10-12",
    });
    const page = await callRoute(myTraining.loader as never, { url: "/training", cookie: ids.cookies.mediator });
    expect((page.body as { summary: { practical: number } }).summary.practical).toBe(seededPractical + 1);
  });

  it("returning a verified log needs a reason, removes its ledger row and is audited", async () => {
    const log = await theLog();
    const params = { id: String(log.id) };
    const noReason = await callRoute(logDetail.action as never, {
      url: `/training/logs/${log.id}`,
      params,
      cookie: ids.cookies.county,
      form: { intent: "reject", reason: "" },
    });
    expect(noReason.status).toBe(400);
    expect((noReason.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({ reason: ["validation.required"] });
    const foreign = await callRoute(logDetail.action as never, {
      url: `/training/logs/${log.id}`,
      params,
      cookie: ids.cookies.otherCounty,
      form: { intent: "reject", reason: "越权" },
    });
    expect(foreign.status).toBe(404);
    expect(await TrainingRecord.count({ where: { source: "log", sourceId: String(log.id) } })).toBe(1);
    const ok = await callRoute(logDetail.action as never, {
      url: `/training/logs/${log.id}`,
      params,
      cookie: ids.cookies.county,
      form: { intent: "reject", reason: "旁听日期与法院排期不符，请核实后重新提交" },
    });
    expect(ok.status).toBe(302);
    expect(await TrainingRecord.count({ where: { source: "log", sourceId: String(log.id) } })).toBe(0);
    expect((await TrainingLog.findByPk(log.id))!.status).toBe("rejected");
    const event = (await AuditEvent.findOne({ where: { action: "training_log.rejected", targetId: String(log.id) } }))!;
    expect(event).toMatchObject({ reason: "旁听日期与法院排期不符，请核实后重新提交" });
    expect(JSON.parse(event.beforeSummary!)).toEqual({ status: "verified" });
  });

  it("the author edits a returned log and resubmits it", async () => {
    const log = await theLog();
    const outcome = await postLog(
      `/training/logs/${log.id}`,
      ids.cookies.mediator,
      { ...(await good()), occurredOn: "2026-10-13", intent: "submit" },
      [],
      { id: String(log.id) },
    );
    expect(outcome.status).toBe(302);
    expect(await TrainingLog.findByPk(log.id)).toMatchObject({ status: "submitted", occurredOn: "2026-10-13" });
    const byOther = await postLog(`/training/logs/${log.id}`, ids.cookies.county, { ...(await good()), intent: "submit" }, [], {
      id: String(log.id),
    });
    expect(byOther.status).toBe(400);
  });
});

describe("a log's files while it is a draft", () => {
  const PHOTO = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 8, 7, 6]);
  const NOTE = new TextEncoder().encode("%PDF-1.4\n% 调解笔录\n");
  const fields = async () => ({ ...(await good()), place: "城关镇人民调解委员会调解室" });
  const remove = (cookie: string | null, logId: number, attachmentId: number) =>
    callRoute(logDetail.action as never, {
      url: `/training/logs/${logId}`,
      params: { id: String(logId) },
      cookie,
      form: { intent: "remove-file", attachmentId: String(attachmentId) },
    });
  const onDisk = (names: string[]) => names.filter((n) => fs.existsSync(path.join(uploads, n)));

  it("a file saved with the draft is not stored again on submit; the author removes files only while it is a draft", async () => {
    const created = await postLog("/training/logs/new", ids.cookies.mediator, { ...(await fields()), intent: "draft" }, [
      { name: "调解现场.png", bytes: PHOTO },
      { name: "调解笔录.pdf", bytes: NOTE },
    ]);
    expect(created.status).toBe(302);
    const logId = Number(created.location!.split("/").pop());
    const stored = await listAttachments("log", logId);
    expect(stored.map((a) => [a.originalName, a.mime, a.uploadedBy])).toEqual([
      ["调解现场.png", "image/png", ids.mediatorUser.id],
      ["调解笔录.pdf", "application/pdf", ids.mediatorUser.id],
    ]);
    const page = await callRoute(logDetail.loader as never, {
      url: `/training/logs/${logId}`,
      params: { id: String(logId) },
      cookie: ids.cookies.mediator,
    });
    expect(page.body).toMatchObject({ removable: true, log: { files: [{ name: "调解现场.png" }, { name: "调解笔录.pdf" }] } });

    // Nobody but the author removes a file: the supervisor and an admin over the mediator see the log, and get 404.
    for (const cookie of [ids.cookies.trainer, ids.cookies.county, ids.cookies.otherCounty])
      expect((await remove(cookie, logId, stored[0].id)).status).toBe(404);
    expect((await remove(ids.cookies.mediator, logId, 999999)).status).toBe(404);
    expect((await remove(ids.cookies.mediator, logId, stored[0].id)).status).toBe(302);
    expect((await listAttachments("log", logId)).map((a) => a.originalName)).toEqual(["调解笔录.pdf"]);
    expect(onDisk(stored.map((a) => a.storedName))).toEqual([stored[1].storedName]);

    // The same form sent again with 提交, the pdf still chosen in its file input: one copy, the grader sees it once.
    const before = fs.readdirSync(uploads).length;
    const submitted = await postLog(
      `/training/logs/${logId}`,
      ids.cookies.mediator,
      { ...(await fields()), intent: "submit" },
      [{ name: "调解笔录.pdf", bytes: NOTE }],
      { id: String(logId) },
    );
    expect(submitted.status).toBe(302);
    expect((await TrainingLog.findByPk(logId))!.status).toBe("submitted");
    expect((await listAttachments("log", logId)).map((a) => a.originalName)).toEqual(["调解笔录.pdf"]);
    expect(fs.readdirSync(uploads)).toHaveLength(before);

    // Submitted: the author can no longer remove it.
    const notDraft = await remove(ids.cookies.mediator, logId, stored[1].id);
    expect(notDraft.status).toBe(409);
    expect((notDraft.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({
      attachmentId: ["attachment.notDraft"],
    });
    expect(await Attachment.count({ where: { ownerKind: "log", ownerId: logId } })).toBe(1);
    expect(onDisk([stored[1].storedName])).toHaveLength(1);
  });

  it("counts stored and new files together against the limit", async () => {
    const created = await postLog(
      "/training/logs/new",
      ids.cookies.mediator,
      { ...(await fields()), intent: "draft" },
      Array.from({ length: 4 }, (_, i) => ({ name: `照片${i}.png`, bytes: Uint8Array.from([...PHOTO, i]) })),
    );
    const logId = Number(created.location!.split("/").pop());
    const two = [0, 1].map((i) => ({ name: `补充${i}.png`, bytes: Uint8Array.from([...PHOTO, 50 + i]) }));
    const over = await postLog(`/training/logs/${logId}`, ids.cookies.mediator, { ...(await fields()), intent: "draft" }, two, {
      id: String(logId),
    });
    expect(over.errors).toEqual({ files: [message("training.tooManyFiles", { max: 5 })] });
    expect(await Attachment.count({ where: { ownerKind: "log", ownerId: logId } })).toBe(4);
    // One more fits; resending one already stored alongside it is no extra file.
    const fits = await postLog(
      `/training/logs/${logId}`,
      ids.cookies.mediator,
      { ...(await fields()), intent: "draft" },
      [two[0], { name: "照片0.png", bytes: Uint8Array.from([...PHOTO, 0]) }],
      { id: String(logId) },
    );
    expect(fits.status).toBe(302);
    expect(await Attachment.count({ where: { ownerKind: "log", ownerId: logId } })).toBe(5);
  });

  it("serves evidence as a download: the sniffed type, attachment with an RFC 5987 name, nosniff, no caching", async () => {
    const log = await theLog();
    const [file] = await listAttachments("log", log.id);
    const request = new Request(`${BASE}/training/logs/${log.id}/files/${file.id}`, { headers: { Cookie: ids.cookies.trainer! } });
    const response = (await logFile.loader({
      request,
      params: { id: String(log.id), fileId: String(file.id) },
      context: {},
    } as never)) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(file.mime);
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="${file.originalName.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
    );
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    // Another log's id with this file's id: not found.
    const other = (await TrainingLog.findOne({
      where: { id: { [(await import("sequelize")).Op.ne]: log.id }, authorUserId: log.authorUserId },
    }))!;
    const wrong = await callRoute(logFile.loader as never, {
      url: `/training/logs/${other.id}/files/${file.id}`,
      params: { id: String(other.id), fileId: String(file.id) },
      cookie: ids.cookies.mediator,
    });
    expect(wrong.status).toBe(404);
  });
});
