import fs from "node:fs";
import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import os from "node:os";
import path from "node:path";
import { inTransaction } from "~/.server/db/connection";
import {
  Attachment,
  AuditEvent,
  EvaluationRound,
  Mediator,
  Notification,
  OrgUnit,
  RoleGrant,
  RoundApplication,
  User,
  RoundReviewer,
} from "~/.server/db/models";
import { hashPassword } from "~/.server/auth/password";
import { applyPreset } from "~/.server/levels/scheme";
import { createOrgUnit, getOrgScope } from "~/.server/org";
import {
  applicationFacts,
  levelCheck,
  myApplications,
  saveApplication,
  startApplication,
  withdrawApplication,
} from "~/.server/rounds/applications";
import { openRound, roundsForAdmin } from "~/.server/rounds/overview";
import { reviewApplication, reviewQueue, waitingReviews, type Reviewer } from "~/.server/rounds/prereview";
import { createRound, type Actor } from "~/.server/rounds/rounds";
import { roundsWorkspace } from "~/.server/workspace/rounds";
import { navFor } from "~/.server/workspace/nav";
import { addDays, todayInChina } from "~/lib/dates";
import type { ApplicationInput } from "~/lib/round-apply";
import type { RoundInput } from "~/lib/rounds";
import * as applyRoute from "~/routes/rounds.$id.apply";
import * as applicationRoute from "~/routes/applications.$id._index";
import * as applicationFile from "~/routes/applications.$id.files.$fileId";
import * as roundRoute from "~/routes/rounds.$id._index";
import * as newRoundRoute from "~/routes/rounds.new";
import * as prereviewRoute from "~/routes/rounds.$id.prereview";
import * as myRoute from "~/routes/applications._index";
import * as roundListRoute from "~/routes/rounds._index";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { callRoute, cookieFor } from "../support/personas";

/**
 * Applying in a round and the two pre-reviews: a county (青山县) runs a round for 三级/四级 under
 * Guangdong's scheme (which has two declarations to be evidenced); 城关镇's committee 东门 has an
 * admin account, 西关 has none (its 司法所 acts for it); 临河区 is outside the round.
 */
/** The pages are rendered on the server as Remix would, with the loader's data (the router's hooks stand in). */
const mockPage: { data: unknown; action: unknown } = { data: undefined, action: undefined };
jest.mock("@remix-run/react", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const React = require("react");
  const el =
    (tag: string) =>
    ({ children, to, reloadDocument: _r, ...props }: Record<string, unknown> & { children?: unknown; to?: string }) =>
      React.createElement(tag, to === undefined ? props : { ...props, href: to }, children);
  return {
    useLoaderData: () => mockPage.data,
    useActionData: () => mockPage.action,
    useNavigation: () => ({ state: "idle" }),
    useSearchParams: () => [new URLSearchParams()],
    Form: el("form"),
    Link: el("a"),
  };
});
const render = (Page: ComponentType, data: unknown) => {
  mockPage.data = JSON.parse(JSON.stringify(data));
  return renderToString(createElement(Page));
};

let db: TestDatabase;
const today = todayInChina();
const u = {} as Record<"province" | "city" | "county" | "town" | "east" | "westTown" | "west" | "other" | "otherCommittee", OrgUnit>;
const m = {} as Record<"zhang" | "li" | "wang" | "zhao" | "sun" | "qian" | "zhou", Mediator>;
const people = {} as Record<"county" | "town" | "east" | "other" | "zhang" | "wang" | "sun" | "zhou", User>;
const cookies = {} as Record<keyof typeof people, string>;
let county: Actor;
let round: EvaluationRound;
let closed: EvaluationRound;
const PASSWORD = "round-test-2026";
const pdf = (n: number) => ({ name: `证明${n}.pdf`, bytes: new TextEncoder().encode(`%PDF-1.4 evidence ${n}`) });
const reviewer = (who: keyof typeof people): Reviewer => ({
  id: people[who].id,
  grants: [
    {
      role: "bureau_admin",
      orgUnitId: { county: u.county, town: u.town, east: u.east, other: u.other }[who as "county"]!.id,
      orgPath: { county: u.county, town: u.town, east: u.east, other: u.other }[who as "county"]!.path,
    },
  ],
});
const input = (over: Partial<RoundInput> = {}): RoundInput => ({
  title: "2026年度青山县人民调解员等级评定",
  levels: ["level3", "level4"],
  periodFrom: "2024-01-01",
  periodTo: "2025-12-31",
  applicationsFrom: addDays(today, -3),
  applicationsUntil: addDays(today, 10),
  reviewsUntil: addDays(today, 30),
  announcementDays: 7,
  validityYears: 2,
  combine: "mean",
  ...over,
});
const statements = { c2: "本人承诺从未因调解不当引发刑事案件。", c3: "本人承诺调解中无徇私舞弊行为。" };
const submit = (level = "level4", evidence: Record<string, string> = statements): ApplicationInput => ({
  intent: "submit",
  level,
  evidence,
});

beforeAll(async () => {
  db = await createMigratedDatabase();
  process.env.UPLOAD_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "academy-rounds-"));
  const passwordHash = await hashPassword(PASSWORD);
  await inTransaction(async (t) => {
    u.province = await createOrgUnit({ parentId: null, kind: "province", name: "江源省" }, t);
    u.city = await createOrgUnit({ parentId: u.province.id, kind: "city", name: "云溪市" }, t);
    u.county = await createOrgUnit({ parentId: u.city.id, kind: "county", name: "青山县司法局" }, t);
    u.town = await createOrgUnit({ parentId: u.county.id, kind: "township", name: "城关镇" }, t);
    u.east = await createOrgUnit(
      { parentId: u.town.id, kind: "committee", committeeKind: "village_resident", name: "东门社区人民调解委员会" },
      t,
    );
    u.westTown = await createOrgUnit({ parentId: u.county.id, kind: "township", name: "西关镇" }, t);
    u.west = await createOrgUnit(
      { parentId: u.westTown.id, kind: "committee", committeeKind: "village_resident", name: "西关村人民调解委员会" },
      t,
    );
    u.other = await createOrgUnit({ parentId: u.city.id, kind: "county", name: "临河区司法局" }, t);
    u.otherCommittee = await createOrgUnit(
      { parentId: u.other.id, kind: "committee", committeeKind: "village_resident", name: "望江社区人民调解委员会" },
      t,
    );
    const user = (username: string) =>
      User.create({ username, displayName: username, passwordHash, passwordChangedAt: new Date() }, { transaction: t });
    for (const k of ["county", "town", "east", "other", "zhang", "wang", "sun", "zhou"] as const) people[k] = await user(`round_${k}`);
    for (const [k, unit] of [
      ["county", u.county],
      ["town", u.town],
      ["east", u.east],
      ["other", u.other],
    ] as const) {
      await RoleGrant.create({ userId: people[k].id, role: "bureau_admin", orgUnitId: unit.id }, { transaction: t });
    }
    const person = (orgUnitId: number, name: string, userId: number | null = null, status: "active" | "suspended" = "active") =>
      Mediator.create(
        {
          orgUnitId,
          name,
          gender: "male",
          birthYear: 1970,
          employment: "part_time",
          appointedOn: "2015-03-01",
          phone: null,
          userId,
          status,
        },
        { transaction: t },
      );
    m.zhang = await person(u.east.id, "张振胜", people.zhang.id);
    m.li = await person(u.east.id, "李秀英");
    m.qian = await person(u.east.id, "钱德明");
    m.wang = await person(u.west.id, "王建国", people.wang.id);
    m.zhao = await person(u.otherCommittee.id, "赵志强");
    m.zhou = await person(u.west.id, "周德明", people.zhou.id);
    m.sun = await person(u.east.id, "孙立新", people.sun.id, "suspended");
  });
  for (const k of Object.keys(people) as (keyof typeof people)[]) cookies[k] = await cookieFor(people[k].username, PASSWORD);
  // Guangdong's rule for the province: its common criteria hold two declarations the applicant evidences.
  expect(await applyPreset({ id: people.county.id, scopes: [(await getOrgScope(u.province.id))!] }, u.province.id, "guangdong")).toEqual({
    ok: true,
  });
  county = { id: people.county.id, scopes: [(await getOrgScope(u.county.id))!] };
  const opened = await createRound(county, u.county.id, input());
  const later = await createRound(county, u.county.id, input({ title: "下月开始的批次", applicationsFrom: addDays(today, 5) }));
  if (!opened.ok || !later.ok) throw new Error("rounds");
  round = opened.round;
  closed = later.round;
});
afterAll(async () => {
  await db.drop();
  if (process.env.UPLOAD_DIR) fs.rmSync(process.env.UPLOAD_DIR, { recursive: true, force: true });
});

const zhangActor = () => ({ id: people.zhang.id, ip: "test" });

describe("starting an application", () => {
  it("refuses outside the window, outside the round's area, a level outside its range, and a mediator not active", async () => {
    expect(await startApplication(zhangActor(), closed.id, m.zhang.id, "level4")).toEqual({ ok: false, error: "window" });
    expect(await startApplication(zhangActor(), round.id, m.zhang.id, "level4", { today: addDays(today, 11) })).toEqual({
      ok: false,
      error: "window",
    });
    expect(await startApplication(zhangActor(), round.id, m.zhao.id, "level4")).toEqual({ ok: false, error: "scope" });
    expect(await startApplication(zhangActor(), round.id, m.zhang.id, "level1")).toEqual({ ok: false, error: "level" });
    expect(await startApplication({ id: people.sun.id }, round.id, m.sun.id, "level4")).toEqual({ ok: false, error: "notActive" });
    expect(await RoundApplication.count()).toBe(0);
  });

  it("shows every criterion of the level with the system's figure, the unmet ones flagged, before anything is written", async () => {
    const check = (await levelCheck(round, m.zhang.id, "level4"))!;
    const byKind = Object.fromEntries(check.criteria.map((c) => [c.kind, c]));
    expect(byKind.serviceYears).toMatchObject({ figure: 10, status: "met" });
    expect(byKind.disputes).toMatchObject({ figure: 0, threshold: 50, status: "notMet" });
    expect(byKind.noCriminal).toMatchObject({ source: "evidence", status: "evidence" });
    expect(check.criteria.map((c) => c.kind).slice(0, 4)).toEqual(["noSanction", "trainingDone", "noCriminal", "noFavouritism"]);
    expect(check.meetsAutomatic).toBe(false);
    expect(await levelCheck(round, m.zhang.id, "level1")).toBeNull();
  });

  it("starts one application per mediator and round, even for two requests at once", async () => {
    const first = await startApplication(zhangActor(), round.id, m.zhang.id, "level4");
    expect(first.ok).toBe(true);
    expect(await startApplication(zhangActor(), round.id, m.zhang.id, "level3")).toEqual({ ok: false, error: "twice" });
    const both = await Promise.all([
      startApplication({ id: people.wang.id }, round.id, m.wang.id, "level4"),
      startApplication({ id: people.wang.id }, round.id, m.wang.id, "level4"),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toEqual({ ok: false, error: "twice" });
    expect(await RoundApplication.count({ where: { mediatorId: m.wang.id } })).toBe(1);
    const application = (await RoundApplication.findOne({ where: { mediatorId: m.zhang.id } }))!;
    expect(application).toMatchObject({ stage: "draft", committeeId: u.east.id, userId: people.zhang.id, nominatedBy: null });
  });
});

describe("evidence, submitting and withdrawing", () => {
  let zhang: RoundApplication;
  beforeAll(async () => {
    zhang = (await RoundApplication.findOne({ where: { mediatorId: m.zhang.id } }))!;
  });

  it("saves a draft with statements and files, and refuses to submit without a statement for every evidenced criterion", async () => {
    const saved = await saveApplication(
      zhangActor(),
      zhang.id,
      { intent: "save", level: "level4", evidence: { c2: statements.c2 } },
      { 2: [pdf(1)] },
    );
    expect(saved.ok).toBe(true);
    await zhang.reload();
    expect(zhang.stage).toBe("draft");
    const [file] = await Attachment.findAll({ where: { ownerKind: "application", ownerId: zhang.id } });
    expect(zhang.evidence).toEqual({ c2: { text: statements.c2, attachmentIds: [file.id] }, c3: { text: "", attachmentIds: [] } });
    const refused = await saveApplication(zhangActor(), zhang.id, submit("level4", { c2: statements.c2 }), { 3: [pdf(2)] });
    expect(refused).toEqual({ ok: false, error: "statement", field: "evidence.c3" });
    // Nothing of the refused submission was written: no second file, still a draft.
    expect(await Attachment.count({ where: { ownerKind: "application", ownerId: zhang.id } })).toBe(1);
    expect((await zhang.reload()).stage).toBe("draft");
  });

  it("refuses more files than an application holds, writing none of them", async () => {
    const many = Array.from({ length: 10 }, (_, i) => pdf(100 + i));
    const refused = await saveApplication(zhangActor(), zhang.id, { intent: "save", level: "level4", evidence: statements }, { 3: many });
    expect(refused).toEqual({ ok: false, error: "files", field: "files", max: 10 });
    expect(await Attachment.count({ where: { ownerKind: "application", ownerId: zhang.id } })).toBe(1);
    expect((await zhang.reload()).evidence!.c3).toEqual({ text: "", attachmentIds: [] });
  });

  it("submits with the figures as they stood, the evidence kept, audited; a level outside the range is refused", async () => {
    expect(await saveApplication(zhangActor(), zhang.id, submit("level1"), {})).toEqual({ ok: false, error: "level", field: "level" });
    const submitted = await saveApplication(zhangActor(), zhang.id, submit(), { 3: [pdf(3)] });
    expect(submitted.ok).toBe(true);
    await zhang.reload();
    expect(zhang.stage).toBe("submitted");
    expect(zhang.submittedAt).not.toBeNull();
    expect(zhang.figures!.level).toBe("level4");
    expect(zhang.figures!.meetsAutomatic).toBe(false);
    expect(zhang.figures!.criteria.find((c) => c.kind === "disputes")).toMatchObject({ figure: 0, status: "notMet" });
    expect(zhang.evidence!.c2.attachmentIds).toHaveLength(1);
    expect(zhang.evidence!.c3).toMatchObject({ text: statements.c3, attachmentIds: [expect.any(Number)] });
    expect(await AuditEvent.count({ where: { action: "application.submit", targetId: zhang.id } })).toBe(1);
    // Submitted: no longer the applicant's to change.
    expect(await saveApplication(zhangActor(), zhang.id, submit(), {})).toEqual({ ok: false, error: "stage" });
  });

  it("takes one of two submits sent at once", async () => {
    const wang = (await RoundApplication.findOne({ where: { mediatorId: m.wang.id } }))!;
    const both = await Promise.all([
      saveApplication({ id: people.wang.id }, wang.id, submit(), {}),
      saveApplication({ id: people.wang.id }, wang.id, submit(), {}),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toEqual({ ok: false, error: "stage" });
    expect(await AuditEvent.count({ where: { action: "application.submit", targetId: wang.id } })).toBe(1);
  });

  it("lets an admin over the committee nominate; the mediator sees it and it follows the same path; withdrawing ends it", async () => {
    const east = { id: people.east.id, ip: "test" };
    const nominated = await startApplication(east, round.id, m.li.id, "level4", { nominatedBy: east.id });
    expect(nominated.ok).toBe(true);
    if (!nominated.ok) return;
    expect(nominated.application).toMatchObject({ nominatedBy: people.east.id, stage: "draft", userId: null });
    // A nominee with an account is told, and sees it among their applications.
    const forZhang = await startApplication(east, closed.id, m.zhang.id, "level4", { nominatedBy: east.id });
    expect(forZhang).toEqual({ ok: false, error: "window" });
    const qian = await startApplication(east, round.id, m.qian.id, "level3", { nominatedBy: east.id });
    expect(qian.ok).toBe(true);
    expect(await withdrawApplication(east, (qian as { application: RoundApplication }).application.id)).toEqual({ ok: true });
    expect(await withdrawApplication(east, (qian as { application: RoundApplication }).application.id)).toEqual({
      ok: false,
      error: "stage",
    });
    const li = await saveApplication(east, nominated.application.id, submit(), {});
    expect(li.ok).toBe(true);
    const mine = await myApplications(people.zhang.id);
    expect(mine.applications.map((a) => a.stage)).toEqual(["submitted"]);
    expect(mine.open.map((r) => r.id)).not.toContain(round.id);
  });
});

describe("the committee's pre-review and the 司法所's first review", () => {
  let zhang: RoundApplication;
  let wang: RoundApplication;
  beforeAll(async () => {
    zhang = (await RoundApplication.findOne({ where: { mediatorId: m.zhang.id } }))!;
    wang = (await RoundApplication.findOne({ where: { mediatorId: m.wang.id } }))!;
  });

  it("lets only the committee or the node right above it make the pre-review, and refuses a return without a reason", async () => {
    expect(await reviewApplication(reviewer("county"), zhang.id, "committeePass")).toEqual({ ok: false, error: "notAllowed" });
    expect(await reviewApplication(reviewer("other"), zhang.id, "committeePass")).toEqual({ ok: false, error: "notAllowed" });
    expect(await reviewApplication(reviewer("east"), zhang.id, "committeeReturn", "  ")).toEqual({ ok: false, error: "reason" });
    // The township review cannot come first.
    expect(await reviewApplication(reviewer("town"), zhang.id, "townshipPass")).toEqual({ ok: false, error: "stage" });
    expect((await zhang.reload()).stage).toBe("submitted");
  });

  it("returns with a reason and tells the applicant; they correct and submit again", async () => {
    const returned = await reviewApplication(reviewer("east"), zhang.id, "committeeReturn", "请补充调委会盖章的承诺书");
    expect(returned.ok).toBe(true);
    await zhang.reload();
    expect(zhang).toMatchObject({ stage: "returned", returnedReason: "请补充调委会盖章的承诺书" });
    const note = await Notification.findOne({ where: { userId: people.zhang.id, kind: "roundReturned" } });
    expect(note).toMatchObject({ subjectType: "round_application", subjectId: String(zhang.id) });
    expect(note!.params).toEqual({ round: round.title, reason: "请补充调委会盖章的承诺书" });
    // A resubmission after a return is allowed even after the window, while the round takes applications.
    const again = await saveApplication(zhangActor(), zhang.id, submit(), { 2: [pdf(4)] }, addDays(today, 20));
    expect(again.ok).toBe(true);
    expect((await zhang.reload()).stage).toBe("submitted");
  });

  it("passes the committee's review, then the 司法所's (never the committee's own account), and tells the applicant it is with the panel", async () => {
    expect((await reviewApplication(reviewer("east"), zhang.id, "committeePass")).ok).toBe(true);
    expect(await reviewApplication(reviewer("east"), zhang.id, "townshipPass")).toEqual({ ok: false, error: "notAllowed" });
    expect(await reviewApplication(reviewer("other"), zhang.id, "townshipPass")).toEqual({ ok: false, error: "notAllowed" });
    expect(await reviewApplication(reviewer("town"), zhang.id, "townshipReturn")).toEqual({ ok: false, error: "reason" });
    expect((await reviewApplication(reviewer("town"), zhang.id, "townshipPass")).ok).toBe(true);
    expect((await zhang.reload()).stage).toBe("panel");
    expect(await Notification.count({ where: { userId: people.zhang.id, kind: "roundToPanel" } })).toBe(1);
    // The applicant can no longer withdraw once it is with the panel.
    expect(await withdrawApplication(zhangActor(), zhang.id)).toEqual({ ok: false, error: "stage" });
  });

  it("lets the 司法所 act for a committee without an account, and the county make the first review", async () => {
    // 西关村 has no account: nobody but 西关镇 (not granted here) could pre-review; the county may not.
    expect(await reviewApplication(reviewer("county"), wang.id, "committeePass")).toEqual({ ok: false, error: "notAllowed" });
    const westTownAdmin: Reviewer = {
      id: people.town.id,
      grants: [{ role: "bureau_admin", orgUnitId: u.westTown.id, orgPath: u.westTown.path }],
    };
    expect((await reviewApplication(westTownAdmin, wang.id, "committeePass")).ok).toBe(true);
    const back = await reviewApplication(reviewer("county"), wang.id, "townshipReturn", "案件数量与台账不符");
    expect(back.ok).toBe(true);
    expect(await Notification.count({ where: { userId: people.wang.id, kind: "roundReturned" } })).toBe(1);
  });

  it("lists the queue and the workspace counts per admin", async () => {
    const li = (await RoundApplication.findOne({ where: { mediatorId: m.li.id } }))!;
    expect(li.stage).toBe("submitted");
    const town = await reviewQueue(reviewer("town"), round);
    expect(town.rows.map((r) => r.id)).toEqual([li.id]);
    expect((await reviewQueue(reviewer("county"), round)).rows).toEqual([]);
    expect((await reviewQueue(reviewer("other"), round)).rows).toEqual([]);
    expect(await waitingReviews(reviewer("east"))).toEqual([{ id: round.id, title: round.title, count: 1 }]);
    expect(await waitingReviews(reviewer("county"))).toEqual([]);
    const workspace = await roundsWorkspace({ id: people.zhang.id, grants: [] }, true);
    expect(workspace!.applications.map((a) => a.stage)).toEqual(["panel"]);
    const rounds = await roundsForAdmin([(await getOrgScope(u.town.id))!]);
    expect(rounds.map((r) => [r.id, r.manages])).toEqual(expect.arrayContaining([[round.id, false]]));
    const facts = (await applicationFacts(li.id))!;
    expect(facts).toMatchObject({ orgPath: u.east.path, ownerId: null, namedIds: [] });
    // The panel reads an application once it has reached them, not before.
    await RoundReviewer.create({ roundId: round.id, userId: people.other.id });
    expect((await applicationFacts(zhang.id))!.namedIds).toEqual([people.other.id]);
    expect((await applicationFacts(li.id))!.namedIds).toEqual([]);
    await RoundReviewer.destroy({ where: { roundId: round.id } });
  });
});

describe("opening a round with an exam", () => {
  it("refuses an exam the system does not know", async () => {
    expect(await openRound(county, u.county.id, input({ title: "有考试的批次", examQuizId: "no-such-quiz" }))).toEqual({
      ok: false,
      errors: { examQuizId: ["roundApply.error.exam"] },
    });
  });
});

describe("the pages, called as the browser does", () => {
  const url = (p: string) => p;

  it("the apply page says why one may not apply, and refuses a level outside the range", async () => {
    const page = await callRoute(applyRoute.loader as never, {
      url: url(`/rounds/${closed.id}/apply`),
      params: { id: String(closed.id) },
      cookie: cookies.sun,
    });
    expect(page.status).toBe(200);
    expect((page.body as { refused: string }).refused).toBe("notActive");
    const wrong = await callRoute(applyRoute.action as never, {
      url: url(`/rounds/${closed.id}/apply`),
      params: { id: String(closed.id) },
      cookie: cookies.sun,
      form: { level: "level1" },
    });
    expect(wrong.status).toBe(400);
    // Someone with no roster entry has nothing to apply with.
    const admin = await callRoute(applyRoute.loader as never, {
      url: url(`/rounds/${round.id}/apply`),
      params: { id: String(round.id) },
      cookie: cookies.county,
    });
    expect(admin.status).toBe(404);
    // Who already applied is sent to their application.
    const again = await callRoute(applyRoute.loader as never, {
      url: url(`/rounds/${round.id}/apply`),
      params: { id: String(round.id) },
      cookie: cookies.zhang,
    });
    expect(again.status).toBe(302);
    expect(again.location).toMatch(/^\/applications\/\d+$/);
  });

  it("the application page refuses a return without a reason on its field, and a mediator making a review", async () => {
    const li = (await RoundApplication.findOne({ where: { mediatorId: m.li.id } }))!;
    const params = { id: String(li.id) };
    const noReason = await callRoute(applicationRoute.action as never, {
      url: `/applications/${li.id}`,
      params,
      cookie: cookies.town,
      form: { intent: "review", move: "committeeReturn", reason: "" },
    });
    expect(noReason.status).toBe(400);
    expect((noReason.body as { result: { error: Record<string, string[]> } }).result.error.reason).toEqual([
      "roundApply.error.reasonRequired",
    ]);
    const zhangTries = await callRoute(applicationRoute.action as never, {
      url: `/applications/${li.id}`,
      params,
      cookie: cookies.zhang,
      form: { intent: "review", move: "committeePass" },
    });
    expect(zhangTries.status).toBe(404);
    const county2 = await callRoute(applicationRoute.loader as never, { url: `/applications/${li.id}`, params, cookie: cookies.other });
    expect(county2.status).toBe(404);
    const page = await callRoute(applicationRoute.loader as never, { url: `/applications/${li.id}`, params, cookie: cookies.town });
    expect(page.status).toBe(200);
    expect((page.body as { moves: string[] }).moves).toEqual(["committeePass", "committeeReturn"]);
    const passed = await callRoute(applicationRoute.action as never, {
      url: `/applications/${li.id}`,
      params,
      cookie: cookies.town,
      form: { intent: "review", move: "committeePass" },
    });
    expect(passed.status).toBe(302);
    expect((await li.reload()).stage).toBe("committee_passed");
  });

  it("the applicant's page shows the return reason and lets them save; their files download only for those who may read it", async () => {
    const wang = (await RoundApplication.findOne({ where: { mediatorId: m.wang.id } }))!;
    const params = { id: String(wang.id) };
    const page = await callRoute(applicationRoute.loader as never, { url: `/applications/${wang.id}`, params, cookie: cookies.wang });
    const body = page.body as { application: { returnedReason: string; stage: string }; mayEdit: boolean; criteria: { status: string }[] };
    expect(body.application).toMatchObject({ stage: "returned", returnedReason: "案件数量与台账不符" });
    expect(body.mayEdit).toBe(true);
    expect(body.criteria.some((c) => c.status === "notMet")).toBe(true);
    const noStatement = await callRoute(applicationRoute.action as never, {
      url: `/applications/${wang.id}`,
      params,
      cookie: cookies.wang,
      form: { intent: "submit", level: "level4", "evidence.c2": statements.c2 },
    });
    expect(noStatement.status).toBe(400);
    expect((noStatement.body as { result: { error: Record<string, string[]> } }).result.error["evidence.c3"]).toEqual([
      "roundApply.error.statement",
    ]);
    const zhang = (await RoundApplication.findOne({ where: { mediatorId: m.zhang.id } }))!;
    const [file] = await Attachment.findAll({ where: { ownerKind: "application", ownerId: zhang.id }, order: [["id", "ASC"]] });
    const fileParams = { id: String(zhang.id), fileId: String(file.id) };
    const own = await callRoute(applicationFile.loader as never, {
      url: `/applications/${zhang.id}/files/${file.id}`,
      params: fileParams,
      cookie: cookies.zhang,
    });
    expect(own.status).toBe(200);
    const other = await callRoute(applicationFile.loader as never, {
      url: `/applications/${zhang.id}/files/${file.id}`,
      params: fileParams,
      cookie: cookies.wang,
    });
    expect(other.status).toBe(404);
  });

  it("the round page refuses to skip to the announcement, and the new-round form refuses bad dates", async () => {
    const params = { id: String(round.id) };
    const skip = await callRoute(roundRoute.action as never, {
      url: `/rounds/${round.id}`,
      params,
      cookie: cookies.county,
      form: { to: "announcing" },
    });
    expect(skip.status).toBe(409);
    expect((skip.body as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual(["round.error.state"]);
    const town = await callRoute(roundRoute.loader as never, { url: `/rounds/${round.id}`, params, cookie: cookies.town });
    expect(town.status).toBe(404);
    const overview = await callRoute(roundRoute.loader as never, {
      url: `/rounds/${round.id}?stage=panel`,
      params,
      cookie: cookies.county,
    });
    const o = (overview.body as { overview: { stages: Record<string, number>; applications: { name: string }[] } }).overview;
    expect(o.stages).toMatchObject({ panel: 1, returned: 1, committee_passed: 1, withdrawn: 1 });
    expect(o.applications.map((a) => a.name)).toEqual(["张振胜"]);
    const bad = await callRoute(newRoundRoute.action as never, {
      url: "/rounds/new",
      cookie: cookies.county,
      form: {
        ...input(),
        levels: "level4",
        applicationsUntil: addDays(today, -10),
        announcementDays: "7",
        validityYears: "2",
        orgUnitId: String(u.county.id),
      } as never,
    });
    expect(bad.status).toBe(400);
    const committeeNode = await callRoute(newRoundRoute.action as never, {
      url: "/rounds/new",
      cookie: cookies.county,
      form: { ...input(), levels: "level4", announcementDays: "7", validityYears: "2", orgUnitId: String(u.east.id) } as never,
    });
    expect(committeeNode.status).toBe(400);
    expect((committeeNode.body as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual(["round.error.nodeKind"]);
  });

  it("the pre-review page is for admins inside the round, and nominating there checks the mediator's area", async () => {
    const params = { id: String(round.id) };
    expect(
      (await callRoute(prereviewRoute.loader as never, { url: `/rounds/${round.id}/prereview`, params, cookie: cookies.other })).status,
    ).toBe(404);
    expect(
      (await callRoute(prereviewRoute.loader as never, { url: `/rounds/${round.id}/prereview`, params, cookie: cookies.zhang })).status,
    ).toBe(403);
    const east = await callRoute(prereviewRoute.loader as never, { url: `/rounds/${round.id}/prereview`, params, cookie: cookies.east });
    expect(east.status).toBe(200);
    // Everyone active under 东门 has applied already (孙立新 is suspended): nobody left to nominate.
    expect((east.body as { candidates: unknown[] }).candidates).toEqual([]);
    const outside = await callRoute(prereviewRoute.action as never, {
      url: `/rounds/${round.id}/prereview`,
      params,
      cookie: cookies.east,
      form: { mediatorId: String(m.wang.id), level: "level4" },
    });
    expect(outside.status).toBe(400);
    const twice = await callRoute(prereviewRoute.action as never, {
      url: `/rounds/${round.id}/prereview`,
      params,
      cookie: cookies.east,
      form: { mediatorId: String(m.zhang.id), level: "level4" },
    });
    expect(twice.status).toBe(409);
    const mine = await callRoute(myRoute.loader as never, { url: "/applications", cookie: cookies.zhang });
    expect((mine.body as { applications: unknown[] }).applications).toHaveLength(1);
  });
});

describe("the menu", () => {
  it("offers 我的申报 to a mediator on the roster and 评定批次 to admins", () => {
    const mediator = navFor({ id: people.zhang.id, grants: [] }, true);
    expect(mediator).toMatchObject({ myApplications: true, rounds: false });
    const admin = navFor(reviewer("town"), false);
    expect(admin).toMatchObject({ myApplications: false, rounds: true });
  });
});

describe("the pages render", () => {
  const body = async (fn: unknown, url: string, who: keyof typeof people, params: Record<string, string> = {}) => {
    const out = await callRoute(fn as never, { url, params, cookie: cookies[who] });
    expect(out.status).toBe(200);
    return out.body;
  };

  it("the round list, form and overview, the apply page with the criteria, the pre-review queue, my applications", async () => {
    const id = String(round.id);
    expect(render(roundListRoute.default, await body(roundListRoute.loader, "/rounds", "county"))).toContain(round.title);
    expect(render(newRoundRoute.default, await body(newRoundRoute.loader, "/rounds/new", "county"))).toContain("四级人民调解员");
    expect(render(roundRoute.default, await body(roundRoute.loader, `/rounds/${id}`, "county", { id }))).toContain("张振胜");
    const apply = render(applyRoute.default, await body(applyRoute.loader, `/rounds/${id}/apply`, "zhou", { id }));
    expect(apply).toContain('data-status="notMet"');
    expect(apply).toContain("roundApply.start");
    expect(render(prereviewRoute.default, await body(prereviewRoute.loader, `/rounds/${id}/prereview`, "town", { id }))).toContain(
      round.title,
    );
    expect(render(myRoute.default, await body(myRoute.loader, "/applications", "zhang"))).toContain(round.title);
  });

  it("an application for its applicant (returned: the form), for a reviewer (the review form) and once with the panel", async () => {
    const wang = (await RoundApplication.findOne({ where: { mediatorId: m.wang.id } }))!;
    const li = (await RoundApplication.findOne({ where: { mediatorId: m.li.id } }))!;
    const zhang = (await RoundApplication.findOne({ where: { mediatorId: m.zhang.id } }))!;
    const page = (a: RoundApplication, who: keyof typeof people) =>
      body(applicationRoute.loader, `/applications/${a.id}`, who, { id: String(a.id) }).then((b) => render(applicationRoute.default, b));
    const returned = await page(wang, "wang");
    expect(returned).toContain("roundApply.returnedBecause");
    expect(returned).toContain('name="evidence.c2"');
    expect(returned).toContain(`encType="multipart/form-data"`);
    const review = await page(li, "town");
    expect(review).toContain('value="townshipPass"');
    const panel = await page(zhang, "zhang");
    expect(panel).not.toContain('name="evidence.c2"');
    expect(panel).toContain(`/applications/${zhang.id}/files/`);
    expect(panel).toContain(statements.c3);
  });
});
