import { EventRegistration, TrainingEvent, TrainingRecord, User } from "~/.server/db/models";
import { checkinCode } from "~/.server/events/checkin-code";
import { cancelRegistration, checkIn, register, tickAttendance } from "~/.server/events/events";
import * as eventDetail from "~/routes/events.$id._index";
import * as eventList from "~/routes/events._index";
import * as eventEdit from "~/routes/events.$id.edit";
import * as attendRoute from "~/routes/events.$id.attend";
import * as checkinScreen from "~/routes/events.$id.checkin";
import { message } from "~/lib/messages";
import * as material from "~/routes/events.$id.materials.$fileId";
import { Attachment } from "~/.server/db/models";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eventReport, eventReportXlsx } from "~/.server/events/report";
import { getOrgScope } from "~/.server/org";
import ExcelJS from "exceljs";
import { AuditEvent } from "~/.server/db/models";
import { getCurrentUser } from "~/.server/web/session";
import * as newEvent from "~/routes/events.new";
import { createMigratedDatabase, dialect, type TestDatabase } from "../support/db";
import { BASE, callRoute, seedWithPersonas } from "../support/personas";

let db: TestDatabase;
let ids: Awaited<ReturnType<typeof seedWithPersonas>>;
beforeAll(async () => {
  db = await createMigratedDatabase();
  ids = await seedWithPersonas();
});
afterAll(() => db.drop());

const userOf = async (persona: keyof typeof ids.cookies) =>
  (await getCurrentUser(new Request(BASE, { headers: { Cookie: ids.cookies[persona]! } })))!;

async function makeEvent(capacity: number, startsInMinutes = 10) {
  const trainer = (await User.findOne({ where: { username: "demo_trainer" } }))!;
  const start = Date.now() + startsInMinutes * 60_000;
  return TrainingEvent.create({
    orgUnitId: ids.county1.id,
    audienceOrgUnitId: ids.county1.id,
    title: "人民调解实训演练",
    form: "drill",
    kind: "annual",
    startsAt: new Date(start),
    endsAt: new Date(start + 3 * 3600_000),
    hours: 3,
    place: "青山县司法局三楼会议室",
    capacity,
    description: null,
    createdBy: trainer.id,
  });
}

describe("creating an event", () => {
  it("refuses bad input on the fields at fault and audiences outside the organiser's subtree", async () => {
    const before = await TrainingEvent.count();
    const form = {
      title: "调解技巧培训",
      form: "lecture",
      kind: "annual",
      startsAt: "2026-12-05T14:00",
      endsAt: "2026-12-05T09:00",
      hours: "41",
      place: "司法局会议室",
      capacity: "0",
      audienceOrgUnitId: String(ids.county1.id),
    };
    const bad = await callRoute(newEvent.action as never, { url: "/events/new", cookie: ids.cookies.trainer, form });
    expect(bad.status).toBe(400);
    const errors = (bad.body as { result: { error: Record<string, string[]> } }).result.error;
    expect(errors).toMatchObject({ hours: ["events.hoursRange"], capacity: ["events.capacityRange"] });
    const order = await callRoute(newEvent.action as never, {
      url: "/events/new",
      cookie: ids.cookies.trainer,
      form: { ...form, hours: "3", capacity: "40" },
    });
    expect((order.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({ endsAt: ["events.endBeforeStart"] });
    const foreign = await callRoute(newEvent.action as never, {
      url: "/events/new",
      cookie: ids.cookies.trainer,
      form: { ...form, hours: "3", capacity: "40", endsAt: "2026-12-05T17:00", audienceOrgUnitId: String(ids.county2.id) },
    });
    expect((foreign.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({
      audienceOrgUnitId: ["validation.unknownCommittee"],
    });
    expect(await TrainingEvent.count()).toBe(before);
    const ok = await callRoute(newEvent.action as never, {
      url: "/events/new",
      cookie: ids.cookies.trainer,
      form: { ...form, hours: "3", capacity: "40", endsAt: "2026-12-05T17:00" },
    });
    expect(ok.status).toBe(302);
    expect((await TrainingEvent.findOne({ where: { title: "调解技巧培训" } }))!.startsAt.toISOString()).toBe("2026-12-05T06:00:00.000Z");
  });
});

describe("registration", () => {
  it(`never overbooks: 50 concurrent registrations for 30 seats → 30 confirmed, 20 waitlisted (${dialect})`, async () => {
    const event = await makeEvent(30);
    const users = await User.bulkCreate(
      Array.from({ length: 50 }, (_, i) => ({
        username: `reg${i}`,
        displayName: `学员${i}`,
        phone: null,
        passwordHash: "x",
        passwordChangedAt: null,
      })),
    );
    await Promise.all(users.map((u) => register(u.id, event.id)));
    const rows = await EventRegistration.findAll({ where: { eventId: event.id } });
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(30);
    expect(rows.filter((r) => r.status === "waitlisted")).toHaveLength(20);

    const firstWaiting = rows
      .filter((r) => r.status === "waitlisted")
      .sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime() || a.id - b.id)[0];
    const leaving = rows.find((r) => r.status === "confirmed")!;
    expect(await cancelRegistration(leaving.userId, event.id)).toBe(true);
    expect((await EventRegistration.findByPk(firstWaiting.id))!.status).toBe("confirmed");
    expect(await EventRegistration.count({ where: { eventId: event.id, status: "confirmed" } })).toBe(30);
  });
});

describe("attendance", () => {
  it("checks in with the rotating code, only in the window, once; wrong codes are rate-limited", async () => {
    const event = await makeEvent(40);
    const mediator = await userOf("mediator");
    await register(mediator.id, event.id);
    expect(await checkIn(mediator, event, "000000".replace(/0/g, "1") === checkinCode(event.id) ? "222222" : "111111")).toEqual({
      ok: false,
      error: "code",
    });
    expect(await checkIn(mediator, event, checkinCode(event.id), event.endsAt.getTime() + 60_000)).toEqual({ ok: false, error: "window" });
    expect(await checkIn(mediator, event, checkinCode(event.id))).toEqual({ ok: true });
    expect(await checkIn(mediator, event, checkinCode(event.id))).toEqual({ ok: true });
    const records = await TrainingRecord.findAll({ where: { source: "event", userId: mediator.id, title: "人民调解实训演练" } });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ hours: 3, form: "drill", kind: "annual", title: "人民调解实训演练" });

    const other = await userOf("trainer");
    for (let i = 0; i < 5; i++) await checkIn(other, event, "12345" + i);
    expect(await checkIn(other, event, checkinCode(event.id))).toEqual({ ok: false, error: "rateLimited" });
  });

  it("40 parallel check-in guesses share the limit: at most 5 are compared", async () => {
    const event = await makeEvent(40);
    const guesser = await userOf("reviewer");
    const right = checkinCode(event.id);
    const wrong = right === "111111" ? "222222" : "111111";
    const codes = Array.from({ length: 40 }, (_, i) => (i === 39 ? right : wrong));
    const results = await Promise.all(codes.map((code) => checkIn(guesser, event, code)));
    const compared = results.filter((r) => !(r.ok === false && r.error === "rateLimited"));
    expect(compared.length).toBeLessThanOrEqual(5);
    expect(await checkIn(guesser, event, right)).toEqual({ ok: false, error: "rateLimited" });
  });

  it("the check-in page answers a wrong code on its field, the rate limit on the form, with 400 and 429", async () => {
    const event = await makeEvent(40);
    const mediator = await userOf("mediator");
    await register(mediator.id, event.id);
    const params = { id: String(event.id) };
    const attend = (code: string, cookie = ids.cookies.mediator) =>
      callRoute(attendRoute.action as never, { url: `/events/${event.id}/attend`, params, cookie, form: { code } });
    const errorsOf = (o: { body?: unknown }) => (o.body as { result: { error: Record<string, string[]> } }).result.error;
    const empty = await attend("");
    expect(empty.status).toBe(400);
    expect(errorsOf(empty)).toEqual({ code: ["validation.required"] });
    const wrong = await attend(checkinCode(event.id) === "111111" ? "222222" : "111111");
    expect(wrong.status).toBe(400);
    expect(errorsOf(wrong)).toEqual({ code: ["events.checkinError.code"] });
    for (let i = 0; i < 5; i++) await attend("65432" + i);
    const limited = await attend(checkinCode(event.id));
    expect(limited.status).toBe(429);
    expect(errorsOf(limited)).toEqual({ "": ["events.checkinError.rateLimited"] });
  });

  it("the organiser's roster ticks attendance idempotently", async () => {
    const event = await makeEvent(10);
    const reviewer = await userOf("reviewer");
    const reg = (await register(reviewer.id, event.id))!;
    await tickAttendance(event, [reg.id]);
    await tickAttendance(event, [reg.id]);
    expect(await TrainingRecord.count({ where: { source: "event", sourceId: String(reg.id) } })).toBe(1);
  });

  it("the organiser adjusts an attendee's hours with a reason, audited; bad values are refused", async () => {
    const event = await makeEvent(10);
    const reviewer = await userOf("reviewer");
    const reg = (await register(reviewer.id, event.id))!;
    const params = { id: String(event.id) };
    const adjust = (form: Record<string, string>, cookie = ids.cookies.trainer) =>
      callRoute(eventDetail.action as never, {
        url: `/events/${event.id}`,
        params,
        cookie,
        form: { intent: "adjust", registration: String(reg.id), ...form },
      });
    const errorsOf = (o: { body?: unknown }) => (o.body as { result: { error: Record<string, string[]> } }).result.error;
    const notYet = await adjust({ hours: "2", reason: "迟到一小时" }); // not checked in yet
    expect(notYet.status).toBe(400);
    expect(errorsOf(notYet)).toEqual({ registration: ["events.adjustNotAttended"] });
    await tickAttendance(event, [reg.id]);
    const tooMany = await adjust({ hours: "5", reason: "超出学时" });
    expect(tooMany.status).toBe(400);
    expect(errorsOf(tooMany)).toEqual({ hours: ["events.adjustRange"] });
    const noReason = await adjust({ hours: "2", reason: "" });
    expect(noReason.status).toBe(400);
    expect(errorsOf(noReason)).toEqual({ reason: ["validation.required"] });
    expect((await adjust({ hours: "2", reason: "迟到一小时" }, ids.cookies.mediator)).status).toBe(400);
    expect((await adjust({ hours: "2", reason: "迟到一小时" })).status).toBe(302);
    expect((await TrainingRecord.findOne({ where: { source: "event", sourceId: String(reg.id) } }))!.hours).toBe(2);
    const audit = (await AuditEvent.findOne({ where: { action: "event.hours_adjusted", targetId: String(reg.id) } }))!;
    expect(audit).toMatchObject({ reason: "迟到一小时" });
    expect(JSON.parse(audit.beforeSummary!)).toEqual({ hours: 3 });
  });
});

describe("the event report", () => {
  it("counts sessions, 人次 and hours in the admin's subtree, by form, and exports them", async () => {
    const year = new Date().getUTCFullYear();
    const county = await eventReport([(await getOrgScope(ids.county1.id))!], `${year - 1}-01-01`, `${year + 1}-12-31`);
    const other = await eventReport([(await getOrgScope(ids.county2.id))!], `${year - 1}-01-01`, `${year + 1}-12-31`);
    expect(county.totals.sessions).toBeGreaterThan(0);
    expect(other.totals.sessions).toBe(0);
    expect(county.totals.attended).toBe(county.rows.reduce((n, r) => n + r.attended, 0));
    expect(county.byForm.reduce((n, f) => n + f.sessions, 0)).toBe(county.totals.sessions);
    const drill = county.byForm.find((f) => f.form === "drill");
    expect(drill && drill.attended).toBeGreaterThan(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await eventReportXlsx(county, "test")) as never);
    expect(workbook.getWorksheet("按活动")!.getRow(2).getCell(5).value).toBe("参训人次");
    expect(workbook.getWorksheet("按形式")!.rowCount).toBe(county.byForm.length + 1);
  });
});

describe("the events page", () => {
  it("shows a month view with the events of the chosen month, and ignores a malformed month", async () => {
    const event = await makeEvent(5, 60 * 24 * 40);
    const month = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(event.startsAt).slice(0, 7);
    const page = await callRoute(eventList.loader as never, { url: `/events?view=month&month=${month}`, cookie: ids.cookies.mediator });
    const body = page.body as { view: string; month: string; calendar: { id: number; day: string }[] };
    expect(body.view).toBe("month");
    expect(body.calendar.map((e) => e.id)).toContain(event.id);
    expect(body.calendar.every((e) => e.day.startsWith(month))).toBe(true);
    const bad = await callRoute(eventList.loader as never, { url: "/events?view=month&month=2026-13", cookie: ids.cookies.mediator });
    expect((bad.body as { month: string }).month).toMatch(/^\d{4}-\d{2}$/);
    const foreign = await callRoute(eventList.loader as never, {
      url: `/events?view=month&month=${month}`,
      cookie: ids.cookies.otherCounty,
    });
    expect((foreign.body as { calendar: { id: number }[] }).calendar.map((e) => e.id)).not.toContain(event.id);
  });
});

describe("editing and cancelling an event", () => {
  it("refuses fewer seats than confirmed registrations, moves the waitlist up on more seats, and cancels with a reason", async () => {
    const event = await makeEvent(2);
    const users = await User.bulkCreate(
      Array.from({ length: 4 }, (_, i) => ({
        username: `edit${i}`,
        displayName: `学员${i}`,
        phone: null,
        passwordHash: "x",
        passwordChangedAt: null,
      })),
    );
    for (const u of users) await register(u.id, event.id);
    const params = { id: String(event.id) };
    const base = {
      title: event.title,
      form: "drill",
      kind: "annual",
      startsAt: "2026-12-05T09:00",
      endsAt: "2026-12-05T12:00",
      hours: "3",
      place: event.place,
      audienceOrgUnitId: String(ids.county1.id),
    };
    const fewer = await callRoute(eventEdit.action as never, {
      url: `/events/${event.id}/edit`,
      params,
      cookie: ids.cookies.trainer,
      form: { ...base, capacity: "1" },
    });
    expect((fewer.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({
      capacity: [message("events.capacityBelow", { confirmed: 2 })],
    });
    const more = await callRoute(eventEdit.action as never, {
      url: `/events/${event.id}/edit`,
      params,
      cookie: ids.cookies.trainer,
      form: { ...base, capacity: "3" },
    });
    expect(more.status).toBe(302);
    expect(await EventRegistration.count({ where: { eventId: event.id, status: "confirmed" } })).toBe(3);
    const township = await callRoute(eventEdit.action as never, {
      url: `/events/${event.id}/edit`,
      params,
      cookie: ids.cookies.township,
      form: { ...base, capacity: "30" },
    });
    expect(township.status).toBe(403);
    const noReason = await callRoute(eventEdit.action as never, {
      url: `/events/${event.id}/edit`,
      params,
      cookie: ids.cookies.trainer,
      form: { intent: "cancel", reason: "" },
    });
    expect(noReason.status).toBe(400);
    expect((noReason.body as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } }).result).toMatchObject({
      error: { reason: ["validation.required"] },
      initialValue: { intent: "cancel" },
    });
    const cancelled = await callRoute(eventEdit.action as never, {
      url: `/events/${event.id}/edit`,
      params,
      cookie: ids.cookies.trainer,
      form: { intent: "cancel", reason: "授课老师临时出差，活动改期" },
    });
    expect(cancelled.status).toBe(302);
    expect((await TrainingEvent.findByPk(event.id))!.status).toBe("cancelled");
    expect(await AuditEvent.findOne({ where: { action: "event.cancelled", targetId: String(event.id) } })).toMatchObject({
      reason: "授课老师临时出差，活动改期",
    });
    // Nobody registers for a cancelled event.
    expect(await register((await userOf("reviewer")).id, event.id)).toBeNull();
  });
});

describe("event materials", () => {
  it("organisers upload pdf/jpg/png checked by content; the audience downloads; other counties cannot", async () => {
    process.env.UPLOAD_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "academy-materials-"));
    const event = await makeEvent(10);
    const upload = async (cookie: string | null, name: string, bytes: Uint8Array) => {
      const form = new FormData();
      form.append("intent", "materials");
      form.append("files", new Blob([bytes as BlobPart]), name);
      const request = new Request(`${BASE}/events/${event.id}/edit`, {
        method: "POST",
        body: form,
        headers: cookie ? { Cookie: cookie } : {},
      });
      try {
        const reply = await eventEdit.action({ request, params: { id: String(event.id) }, context: {} } as never);
        return {
          status: reply.init?.status,
          errors: (reply.data as { result: { error: Record<string, string[]> } }).result.error,
          headers: new Headers(),
        };
      } catch (thrown) {
        return thrown instanceof Response ? thrown : Promise.reject(thrown);
      }
    };
    const disguised = await upload(ids.cookies.trainer, "课件.pdf", Uint8Array.from([0x4d, 0x5a, 0x90, 0]));
    expect(disguised).toMatchObject({ status: 400, errors: { files: ["training.fileType"] } });
    expect((await upload(ids.cookies.mediator, "x.pdf", new TextEncoder().encode("%PDF-1.4")))!.status).toBe(403);
    const ok = await upload(ids.cookies.trainer, "讲义.pdf", new TextEncoder().encode("%PDF-1.4 handout"));
    expect(ok!.headers.get("Location")).toBe(`/events/${event.id}`);
    const file = (await Attachment.findOne({ where: { ownerKind: "event", ownerId: event.id } }))!;
    expect(file).toMatchObject({ originalName: "讲义.pdf", mime: "application/pdf", uploadedBy: (await userOf("trainer")).id });
    // The same handout chosen again is not stored twice; ten per event counts what is stored.
    expect((await upload(ids.cookies.trainer, "讲义.pdf", new TextEncoder().encode("%PDF-1.4 handout")))!.headers.get("Location")).toBe(
      `/events/${event.id}`,
    );
    expect(await Attachment.count({ where: { ownerKind: "event", ownerId: event.id } })).toBe(1);
    for (let i = 0; i < 9; i++) await upload(ids.cookies.trainer, `第${i}讲.pdf`, new TextEncoder().encode(`%PDF-1.4 lecture ${i}`));
    expect(await upload(ids.cookies.trainer, "多余.pdf", new TextEncoder().encode("%PDF-1.4 one too many"))).toMatchObject({
      status: 409,
      errors: { files: [message("training.tooManyFiles", { max: 10 })] },
    });
    expect(await Attachment.count({ where: { ownerKind: "event", ownerId: event.id } })).toBe(10);
    expect(fs.readdirSync(process.env.UPLOAD_DIR!)).toHaveLength(10);
    const served = (await material.loader({
      request: new Request(`${BASE}/events/${event.id}/materials/${file.id}`, { headers: { Cookie: ids.cookies.mediator! } }),
      params: { id: String(event.id), fileId: String(file.id) },
      context: {},
    } as never)) as Response;
    expect(served.headers.get("Content-Type")).toBe("application/pdf");
    expect(served.headers.get("Content-Disposition")).toBe(`attachment; filename="__.pdf"; filename*=UTF-8''%E8%AE%B2%E4%B9%89.pdf`);
    expect(served.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const get = (cookie: string | null) =>
      callRoute(material.loader as never, {
        url: `/events/${event.id}/materials/${file.id}`,
        params: { id: String(event.id), fileId: String(file.id) },
        cookie,
      });
    expect((await get(ids.cookies.mediator)).status).toBe(200);
    expect((await get(ids.cookies.otherCounty)).status).toBe(404);
    fs.rmSync(process.env.UPLOAD_DIR!, { recursive: true, force: true });
  });
});

describe("audience specialties and trainers", () => {
  it("invites only mediators with a chosen specialty, and names trainers who then run the event", async () => {
    const event = await makeEvent(10);
    const mediator = await userOf("mediator");
    const { MediatorSpecialty, Mediator } = await import("~/.server/db/models");
    const profile = (await Mediator.findOne({ where: { userId: mediator.id } }))!;
    const own = (await MediatorSpecialty.findAll({ where: { mediatorId: profile.id } })).map((s) => s.category);
    const other = ["medical", "traffic", "labour", "consumer"].find((c) => !own.includes(c))!;
    const params = { id: String(event.id) };
    const base = {
      title: event.title,
      form: "drill",
      kind: "annual",
      startsAt: "2026-12-05T09:00",
      endsAt: "2026-12-05T12:00",
      hours: "3",
      place: event.place,
      capacity: "10",
      audienceOrgUnitId: String(ids.county1.id),
    };
    const trainer = (await User.findOne({ where: { username: "demo_trainer" } }))!;
    const foreignTrainer = (await User.findOne({ where: { username: "demo_county2" } }))!;
    const refused = await callRoute(eventEdit.action as never, {
      url: `/events/${event.id}/edit`,
      params,
      cookie: ids.cookies.county,
      form: { ...base, trainerIds: String(foreignTrainer.id) },
    });
    expect((refused.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({ trainerIds: ["validation.choice"] });
    const ok = await callRoute(eventEdit.action as never, {
      url: `/events/${event.id}/edit`,
      params,
      cookie: ids.cookies.county,
      form: { ...base, specialties: other, trainerIds: String(trainer.id) },
    });
    expect(ok.status).toBe(302);
    const detail = await callRoute(eventDetail.loader as never, { url: `/events/${event.id}`, params, cookie: ids.cookies.mediator });
    expect(detail.status).toBe(404);
    const asTrainer = await callRoute(eventDetail.loader as never, { url: `/events/${event.id}`, params, cookie: ids.cookies.trainer });
    expect(asTrainer.body as { organiser: boolean; trainers: string[] }).toMatchObject({
      organiser: true,
      trainers: [trainer.displayName],
    });
    await callRoute(eventEdit.action as never, {
      url: `/events/${event.id}/edit`,
      params,
      cookie: ids.cookies.county,
      form: { ...base, specialties: own[0] },
    });
    expect(
      (await callRoute(eventDetail.loader as never, { url: `/events/${event.id}`, params, cookie: ids.cookies.mediator })).status,
    ).toBe(200);
  });
});

describe("the event page, check-in and walk-ins (issue 22, defect 5)", () => {
  const detail = (event: TrainingEvent, cookie = ids.cookies.mediator, query = "") =>
    callRoute(eventDetail.loader as never, { url: `/events/${event.id}${query}`, params: { id: String(event.id) }, cookie });
  type Detail = Awaited<ReturnType<typeof eventDetail.loader>>;

  it("shows the end time and the organiser; the organiser is not offered, nor given, a seat at their own event", async () => {
    const event = await makeEvent(5, 60 * 24 * 3);
    const seen = (await detail(event)).body as Detail;
    expect(seen.event.endsAt).toBe(event.endsAt.toISOString());
    const trainer = (await User.findByPk(event.createdBy!))!;
    expect(seen.organisedBy).toEqual({ unit: "青山县", person: trainer.displayName });
    expect(seen.runs).toBe(false);
    const asOrganiser = (await detail(event, ids.cookies.trainer)).body as Detail;
    expect(asOrganiser.runs).toBe(true);
    const posted = await callRoute(eventDetail.action as never, {
      url: `/events/${event.id}`,
      params: { id: String(event.id) },
      cookie: ids.cookies.trainer,
      form: { intent: "register" },
    });
    expect(posted.status).toBe(302);
    expect(await EventRegistration.count({ where: { eventId: event.id, userId: trainer.id } })).toBe(0);
    // A bureau admin organising by role, with no roster entry in the audience, is not offered a seat either.
    const county = await userOf("county");
    expect(((await detail(event, ids.cookies.county)).body as Detail).runs).toBe(true);
    await callRoute(eventDetail.action as never, {
      url: `/events/${event.id}`,
      params: { id: String(event.id) },
      cookie: ids.cookies.county,
      form: { intent: "register" },
    });
    expect(await EventRegistration.count({ where: { eventId: event.id, userId: county.id } })).toBe(0);
    // The mediator in the audience registers as before.
    await callRoute(eventDetail.action as never, {
      url: `/events/${event.id}`,
      params: { id: String(event.id) },
      cookie: ids.cookies.mediator,
      form: { intent: "register" },
    });
    expect(await EventRegistration.count({ where: { eventId: event.id, userId: ids.mediatorUser.id, status: "confirmed" } })).toBe(1);
  });

  it("offers 签到 only in the check-in window and says when it opens; a mediator already checked in sees 已签到", async () => {
    const later = await makeEvent(5, 60 * 24 * 7);
    const mediator = await userOf("mediator");
    await register(mediator.id, later.id);
    const early = (await detail(later)).body as Detail;
    expect(early.checkin).toEqual({ state: "before", opensAt: new Date(later.startsAt.getTime() - 30 * 60_000).toISOString() });
    const attendEarly = (await callRoute(attendRoute.loader as never, {
      url: `/events/${later.id}/attend`,
      params: { id: String(later.id) },
      cookie: ids.cookies.mediator,
    })) as { body: Awaited<ReturnType<typeof attendRoute.loader>> };
    expect(attendEarly.body).toMatchObject({ attended: false, checkin: { state: "before" } });

    const soon = await makeEvent(5, 10);
    await register(mediator.id, soon.id);
    expect(((await detail(soon)).body as Detail).checkin.state).toBe("open");
    expect(await checkIn(mediator, soon, checkinCode(soon.id))).toEqual({ ok: true });
    const again = (await callRoute(attendRoute.loader as never, {
      url: `/events/${soon.id}/attend`,
      params: { id: String(soon.id) },
      cookie: ids.cookies.mediator,
    })) as { body: Awaited<ReturnType<typeof attendRoute.loader>> };
    expect(again.body).toMatchObject({ attended: true, checkin: { state: "open" } });
  });

  it("lets the organiser find a walk-in on the audience's roster and record them once, audited; others are refused", async () => {
    const event = await makeEvent(5, 10);
    const walker = ids.county1Mediator;
    const account = await User.create({
      username: `walkin${walker.id}`,
      displayName: walker.name,
      phone: null,
      passwordHash: "x",
      passwordChangedAt: null,
    });
    await walker.update({ userId: account.id });
    const params = { id: String(event.id) };
    const found = (await detail(event, ids.cookies.trainer, `?who=${encodeURIComponent(walker.name)}`)).body as Detail;
    expect(found.candidates).toContainEqual(expect.objectContaining({ id: walker.id, name: walker.name, attended: false }));
    // The audience only sees the page, never the roster search.
    expect(((await detail(event, ids.cookies.mediator, `?who=${encodeURIComponent(walker.name)}`)).body as Detail).candidates).toEqual([]);
    const add = (mediator: number, cookie = ids.cookies.trainer) =>
      callRoute(eventDetail.action as never, {
        url: `/events/${event.id}?who=x`,
        params,
        cookie,
        form: { intent: "walkin", mediator: String(mediator) },
      });
    const added = await add(walker.id);
    expect(added).toMatchObject({ status: 302, location: `/events/${event.id}?who=x` });
    expect(await add(walker.id)).toMatchObject({ status: 302 });
    const row = (await EventRegistration.findOne({ where: { eventId: event.id, userId: account.id } }))!;
    expect(row.attendedAt).not.toBeNull();
    expect(await TrainingRecord.count({ where: { source: "event", sourceId: String(row.id) } })).toBe(1);
    expect(await AuditEvent.count({ where: { action: "event.walkin_added", targetId: String(row.id) } })).toBe(1);
    const listed = (await detail(event, ids.cookies.trainer, `?who=${encodeURIComponent(walker.name)}`)).body as Detail;
    expect(listed.roster).toContainEqual(expect.objectContaining({ id: row.id, attended: true }));

    const outsider = await add(ids.county2Mediator.id);
    expect(outsider.status).toBe(400);
    expect((outsider.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({ "": ["events.walkinUnknown"] });
    // Only those who run the event may add anyone: for the audience it is a bad request.
    expect((await add(walker.id, ids.cookies.mediator)).status).toBe(400);

    const future = await makeEvent(5, 60 * 24 * 2);
    const tooEarly = await callRoute(eventDetail.action as never, {
      url: `/events/${future.id}`,
      params: { id: String(future.id) },
      cookie: ids.cookies.trainer,
      form: { intent: "walkin", mediator: String(walker.id) },
    });
    expect((tooEarly.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({ "": ["events.walkinTooEarly"] });
    expect(await EventRegistration.count({ where: { eventId: future.id } })).toBe(0);
  });

  it("the 签到屏 shows the live count of those checked in", async () => {
    const event = await makeEvent(5, 10);
    const screen = () =>
      callRoute(checkinScreen.loader as never, {
        url: `/events/${event.id}/checkin`,
        params: { id: String(event.id) },
        cookie: ids.cookies.trainer,
      });
    expect(((await screen()).body as { counts: unknown }).counts).toEqual({ attended: 0, confirmed: 0 });
    const mediator = await userOf("mediator");
    await register(mediator.id, event.id);
    await checkIn(mediator, event, checkinCode(event.id));
    expect(((await screen()).body as { counts: unknown }).counts).toEqual({ attended: 1, confirmed: 1 });
    expect(
      (
        await callRoute(checkinScreen.loader as never, {
          url: `/events/${event.id}/checkin`,
          params: { id: String(event.id) },
          cookie: ids.cookies.mediator,
        })
      ).status,
    ).toBe(403);
  });

  it("lists past events under 往期, latest first, and only upcoming ones in the list", async () => {
    const past = await makeEvent(5, -60 * 24 * 2);
    const upcoming = await makeEvent(5, 60 * 24 * 2);
    const list = (view: string) => callRoute(eventList.loader as never, { url: `/events?view=${view}`, cookie: ids.cookies.mediator });
    const pastIds = ((await list("past")).body as { view: string; events: { id: number; startsAt: string }[] }).events;
    expect(pastIds.map((e) => e.id)).toContain(past.id);
    expect(pastIds.map((e) => e.id)).not.toContain(upcoming.id);
    expect(pastIds.map((e) => e.startsAt)).toEqual([...pastIds.map((e) => e.startsAt)].sort().reverse());
    const current = ((await list("list")).body as { events: { id: number }[] }).events.map((e) => e.id);
    expect(current).toContain(upcoming.id);
    expect(current).not.toContain(past.id);
  });
});
