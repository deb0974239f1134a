import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Attachment, EventRegistration, Mediator, TrainingEvent, TrainingLog, User } from "~/.server/db/models";
import { getSequelize } from "~/.server/db/connection";
import { mediatorSchema, rosterFilterSchema } from "~/lib/mediator";
import { eventSchema } from "~/lib/event";
import * as eventDetail from "~/routes/events.$id._index";
import * as eventEdit from "~/routes/events.$id.edit";
import * as eventList from "~/routes/events._index";
import * as eventNew from "~/routes/events.new";
import * as eventIcs from "~/routes/events.$id.calendar[.]ics";
import * as exerciseNew from "~/routes/exercises.new";
import * as home from "~/routes/_index";
import * as lesson from "~/routes/courses.$slug.$lesson";
import * as logNew from "~/routes/training.logs.new";
import * as rosterExportCsv from "~/routes/roster.export[.]csv";
import * as rosterExportXlsx from "~/routes/roster.export[.]xlsx";
import * as rosterList from "~/routes/roster._index";
import * as rosterNew from "~/routes/roster.new";
import { listCourses } from "~/.server/courses/catalog";
import { createMigratedDatabase, dialect, type TestDatabase } from "../support/db";
import { BASE, callRoute, seedWithPersonas } from "../support/personas";

/**
 * Issue 23, findings 3 and 7: an impossible date is refused on its field and a stored one never
 * takes a page down; malformed input is a translated 400 on the form or the page, never a 500.
 */
let db: TestDatabase;
let ids: Awaited<ReturnType<typeof seedWithPersonas>>;
let uploads: string;
beforeAll(async () => {
  uploads = fs.mkdtempSync(path.join(os.tmpdir(), "academy-malformed-"));
  process.env.UPLOAD_DIR = uploads;
  db = await createMigratedDatabase();
  ids = await seedWithPersonas();
});
afterAll(async () => {
  await db.drop();
  fs.rmSync(uploads, { recursive: true, force: true });
});

type Fn = (args: any) => unknown;
/** Calls a loader or action with a raw request; a thrown Response is its answer, anything else thrown fails the test (a 500). */
async function raw(fn: Fn, url: string, cookie: string | null, init: RequestInit = {}, params: Record<string, string> = {}) {
  const headers = new Headers(init.headers);
  if (cookie) headers.set("Cookie", cookie);
  let result: unknown;
  try {
    result = await fn({ request: new Request(`${BASE}${url}`, { ...init, headers }), params, context: {} });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, text: await result.text(), data: undefined as unknown };
  const wrapped = result as { type?: string; data?: unknown; init?: { status?: number } };
  if (wrapped?.type === "DataWithResponseInit") return { status: wrapped.init?.status ?? 200, text: "", data: wrapped.data };
  return { status: 200, text: "", data: result };
}
const errorsOf = (data: unknown) => (data as { result: { error: Record<string, string[]> } }).result.error;

const eventForm = () => ({
  title: "日期测试培训",
  form: "lecture",
  kind: "annual",
  startsAt: "2026-12-05T09:00",
  endsAt: "2026-12-05T12:00",
  hours: "3",
  place: "青山县司法局会议室",
  capacity: "40",
  audienceOrgUnitId: String(ids.county1.id),
});

describe("finding 3: dates are parsed strictly", () => {
  it.each([
    ["2026-13-45T99:99", "startsAt"],
    ["2026-02-30T10:00", "startsAt"],
    ["2026-02-28T24:00", "startsAt"],
    ["2026-04-31T10:00", "endsAt"],
    ["Invalid date", "endsAt"],
  ])("refuses %s on %s of a new event and writes nothing", async (value, field) => {
    const before = await TrainingEvent.count();
    const outcome = await callRoute(eventNew.action as never, {
      url: "/events/new",
      cookie: ids.cookies.trainer,
      form: { ...eventForm(), [field]: value },
    });
    expect(outcome.status).toBe(400);
    expect((outcome.body as { result: { error: Record<string, string[]> } }).result.error[field]).toEqual(["validation.date"]);
    expect(await TrainingEvent.count()).toBe(before);
  });

  it("accepts a real moment (seconds, as some browsers send them, dropped) and a leap day", () => {
    const parsed = eventSchema.parse({
      ...eventForm(),
      hours: 3,
      capacity: 40,
      audienceOrgUnitId: 1,
      startsAt: "2028-02-29T09:00:30",
      endsAt: "2028-02-29T12:00",
    });
    expect(parsed.startsAt).toBe("2028-02-29T09:00");
  });

  it("a stored start that is no date never takes the events list, month, event, edit page or home page down", async () => {
    if (dialect !== "sqlite") return; // MariaDB refuses to store such a value at all
    const trainer = (await User.findOne({ where: { username: "demo_trainer" } }))!;
    const event = await TrainingEvent.create({
      orgUnitId: ids.county1.id,
      audienceOrgUnitId: ids.county1.id,
      title: "坏日期活动",
      form: "lecture",
      kind: "annual",
      startsAt: new Date(Date.now() + 3600_000),
      endsAt: new Date(Date.now() + 7200_000),
      hours: 2,
      place: "青山县司法局",
      capacity: 30,
      description: null,
      createdBy: trainer.id,
    });
    // What the old parser let through: "2026-13-45T99:99" stored as the text "Invalid date".
    await getSequelize().query("UPDATE training_events SET starts_at = 'Invalid date', ends_at = 'Invalid date' WHERE id = ?", {
      replacements: [event.id],
    });
    const mediator = (await User.findOne({ where: { username: "demo_mediator" } }))!;
    await EventRegistration.create({ eventId: event.id, userId: mediator.id, status: "confirmed", registeredAt: new Date() });
    for (const persona of ["mediator", "trainer", "county"] as const) {
      const cookie = ids.cookies[persona];
      const list = await raw(eventList.loader as Fn, "/events", cookie);
      expect(list.status).toBe(200);
      const listed = (list.data as { events: { id: number; startsAt: string | null }[] }).events.find((e) => e.id === event.id);
      expect(listed?.startsAt).toBeNull();
      expect((await raw(eventList.loader as Fn, "/events?view=month", cookie)).status).toBe(200);
      expect((await raw(eventDetail.loader as Fn, `/events/${event.id}`, cookie, {}, { id: String(event.id) })).status).toBe(200);
      expect((await raw(home.loader as Fn, "/", cookie)).status).toBe(200);
      expect((await raw(eventIcs.loader as Fn, `/events/${event.id}/calendar.ics`, cookie, {}, { id: String(event.id) })).status).toBe(404);
    }
    const edit = await raw(eventEdit.loader as Fn, `/events/${event.id}/edit`, ids.cookies.trainer, {}, { id: String(event.id) });
    expect(edit.status).toBe(200);
    expect(JSON.stringify(edit.data)).toContain('"startsAt":""');
    // …and the organiser can put it right.
    const fixed = await callRoute(eventEdit.action as never, {
      url: `/events/${event.id}/edit`,
      params: { id: String(event.id) },
      cookie: ids.cookies.trainer,
      form: { ...eventForm(), title: "坏日期活动", capacity: "30", hours: "2" },
    });
    expect(fixed.status).toBe(302);
    expect((await TrainingEvent.findByPk(event.id))!.startsAt.toISOString()).toBe("2026-12-05T01:00:00.000Z");
  });
});

describe("finding 7: malformed input is a translated 400, never a 500", () => {
  const q = "调".repeat(51);
  it.each([
    ["the roster list", rosterList.loader, "/roster"],
    ["the CSV export", rosterExportCsv.loader, "/roster/export.csv"],
    ["the xlsx export", rosterExportXlsx.loader, "/roster/export.xlsx"],
  ])("a roster search over 50 characters on %s → the 400 page", async (_name, fn, url) => {
    const outcome = await raw(fn as Fn, `${url}?q=${encodeURIComponent(q)}`, ids.cookies.county);
    expect(outcome).toMatchObject({ status: 400, text: "harden.reason.query" });
    expect(rosterFilterSchema.safeParse({ q: q.slice(0, 50) }).success).toBe(true);
  });

  it.each([
    ["JSON", { "Content-Type": "application/json" }, JSON.stringify({ name: "张三" })],
    ["plain text", { "Content-Type": "text/plain" }, "name=张三"],
    ["no Content-Type", {}, new TextEncoder().encode("name=张三")],
    ["a broken multipart body", { "Content-Type": "multipart/form-data; boundary=xyz" }, "--xyz\r\nContent-Disposition: form-data; name="],
  ])("a POST of %s to a form route → the 400 page", async (_name, headers, body) => {
    const before = await Mediator.count();
    const outcome = await raw(rosterNew.action as Fn, "/roster/new", ids.cookies.county, { method: "POST", headers, body });
    expect(outcome).toMatchObject({ status: 400, text: "harden.reason.notForm" });
    expect(await Mediator.count()).toBe(before);
  });

  it.each([
    ["URL-encoded", { "Content-Type": "application/x-www-form-urlencoded" }, "title=作业&brief=写"],
    [
      "cut short",
      { "Content-Type": "multipart/form-data; boundary=xyz" },
      '--xyz\r\nContent-Disposition: form-data; name="title"\r\n\r\n作',
    ],
    ["JSON", { "Content-Type": "application/json" }, "{}"],
  ])("a %s body to an upload route → the 400 page", async (_name, headers, body) => {
    for (const [fn, url, cookie] of [
      [exerciseNew.action, "/exercises/new", ids.cookies.trainer],
      [logNew.action, "/training/logs/new", ids.cookies.mediator],
    ] as const) {
      const outcome = await raw(fn as Fn, url, cookie, { method: "POST", headers, body });
      expect(outcome).toMatchObject({ status: 400, text: "harden.reason.notForm" });
    }
  });

  it("stores a file whose name holds `=` and `;` (as Chrome sends it) under that name", async () => {
    const trainer = (await User.findOne({ where: { username: "demo_trainer" } }))!;
    const form = new FormData();
    const fields = {
      type: "court_hearing",
      occurredOn: "2026-10-12",
      hours: "3",
      place: "青山县人民法院第二法庭",
      supervisorUserId: String(trainer.id),
      reflection:
        "旁听了一起民间借贷纠纷的庭审，看到法官如何围绕借条、转账记录和证人证言组织举证质证，体会到调解时先帮当事人把证据理清楚的重要性。",
      intent: "submit",
    };
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    form.append("files", new Blob([png], { type: "image/png" }), "庭审=记录;第1页.png");
    const before = await TrainingLog.count();
    const outcome = await raw(logNew.action as Fn, "/training/logs/new", ids.cookies.mediator, { method: "POST", body: form });
    expect([outcome.status, outcome.text, JSON.stringify(outcome.data ?? null)]).toEqual([302, "", "null"]);
    expect(await TrainingLog.count()).toBe(before + 1);
    const stored = await Attachment.findOne({ where: { ownerKind: "log" }, order: [["id", "DESC"]] });
    expect(stored!.originalName).toBe("庭审=记录;第1页.png");
  });

  it("intent=adjust&registration=abc on an event → 400 on the field; an unknown intent → the 400 page", async () => {
    const event = (await TrainingEvent.findOne({ where: { orgUnitId: ids.county1.id }, order: [["id", "ASC"]] }))!;
    const params = { id: String(event.id) };
    const adjust = await raw(
      eventDetail.action as Fn,
      `/events/${event.id}`,
      ids.cookies.county,
      {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "intent=adjust&registration=abc&hours=1&reason=补录",
      },
      params,
    );
    expect(adjust.status).toBe(400);
    expect(errorsOf(adjust.data).registration).toEqual(["validation.choice"]);
    const unknown = await raw(
      eventDetail.action as Fn,
      `/events/${event.id}`,
      ids.cookies.county,
      { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "intent=frobnicate" },
      params,
    );
    expect(unknown).toMatchObject({ status: 400, text: "harden.reason.intent" });
    const course = listCourses()[0];
    const lessonParams = { slug: course.slug, lesson: course.lessons[0].slug };
    const read = await raw(
      lesson.action as Fn,
      `/courses/${course.slug}/${course.lessons[0].slug}`,
      ids.cookies.mediator,
      { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "intent=frobnicate" },
      lessonParams,
    );
    expect(read).toMatchObject({ status: 400, text: "harden.reason.intent" });
  });

  it.each([
    ["NUL", "张\u0000三"],
    ["ESC", "张\u001b[2J三"],
    ["DEL", "张三\u007f"],
  ])(
    "refuses a %s in a roster name: at the edge (400 page) and on the field (the schema the browser and the import use)",
    async (_n, name) => {
      const before = await Mediator.count();
      const body = new URLSearchParams({
        name,
        gender: "male",
        birthYear: "1980",
        phone: "13800001111",
        orgUnitId: "1",
        employment: "part_time",
      });
      const outcome = await raw(rosterNew.action as Fn, "/roster/new", ids.cookies.county, { method: "POST", body });
      expect(outcome).toMatchObject({ status: 400, text: "harden.reason.controlChars" });
      expect(await Mediator.count()).toBe(before);
      const parsed = mediatorSchema.safeParse({ name });
      expect(parsed.success).toBe(false);
      expect(parsed.error!.flatten().fieldErrors.name).toEqual(["harden.controlChars"]);
    },
  );

  it("keeps tabs and line breaks in text, and refuses a control character in the address", async () => {
    expect(mediatorSchema.shape.name.safeParse("张三").success).toBe(true);
    expect(
      eventSchema.safeParse({ ...eventForm(), hours: 3, capacity: 40, audienceOrgUnitId: 1, description: "第一行\r\n第二行\t。" }).success,
    ).toBe(true);
    const outcome = await raw(rosterList.loader as Fn, "/roster?q=%00", ids.cookies.county);
    expect(outcome).toMatchObject({ status: 400, text: "harden.reason.controlChars" });
  });
});
