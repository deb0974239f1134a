import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Op } from "sequelize";
import { createAccount } from "~/.server/accounts";
import { listCourses } from "~/.server/courses/catalog";
import {
  Attachment,
  CaseFile,
  CaseReview,
  CaseReviewItem,
  Certificate,
  Exercise,
  ExerciseSubmission,
  MediationRoom,
  Mediator,
  Notification,
  QuizAttempt,
  QuizAttemptItem,
  Rubric,
  TrainingEvent,
  TrainingLog,
  User,
  CourseAssignment,
  EvaluationRound,
  RoundApplication,
  ScheduledExam,
  Expert,
  Consultation,
} from "~/.server/db/models";
import { getOrgScope } from "~/.server/org";
import { listQuizzes, getQuiz } from "~/.server/quizzes/bank";
import { startAttempt, submitAttempt } from "~/.server/quizzes/attempts";
import { setClock } from "~/.server/clock";
import { answersFor, createTakers } from "../support/quiz-takers";
import { getCurrentUser } from "~/.server/web/session";
import { createExercise } from "~/.server/exercises/exercises";
import { saveSubmission } from "~/.server/exercises/submissions";
import { addMaterials } from "~/.server/events/materials";
import { saveLog } from "~/.server/training/logs";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { BASE, PERSONAS, cookieFor, seedWithPersonas, type Persona } from "../support/personas";

/**
 * Bad input everywhere (issue 23), generated: every route module in app/routes — the files the
 * access matrix lists (its test fails when one is missing) — is called as a signed-in persona
 * allowed there, and its loader and action get, for each form and query field found in the
 * route's source (and the form components it renders): empty, huge (100 kB), wrong-type, control
 * characters (NUL, ESC, U+202E), impossible dates, combining marks, 4-byte emoji, <script> and
 * SQL-shaped values; its path parameters get them too; its action also gets bodies that are no
 * form (JSON, plain text, none, a cut-short multipart) and a file named with `=` and `;`.
 * Never a 500, never a plain-text 400 the page would read as data (a 400 page says why, as a
 * locale key), never an unescaped <script> in a text answer or a redirect.
 */

const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");
const COMPONENTS_DIR = path.resolve(__dirname, "../../app/components");
const routeFiles = fs.readdirSync(ROUTES_DIR).sort();

const SCRIPT = '<script>alert("xss")</script>';
const VALUES: Record<string, string> = {
  empty: "",
  huge: "调".repeat(34 * 1024), // 100 kB of UTF-8
  wrongType: "abc",
  bigNumber: "-99999999999999999999999.5e400",
  nul: "调解\u0000员\u001b[2J",
  rtl: "\u202Egpj.exe",
  impossibleDate: "2026-02-30",
  impossibleDateTime: "2026-13-45T99:99",
  combining: "Z\u0335\u0321\u0322\u0327\u0328\u0334\u0336\u0337\u0338\u0300\u0301\u0302\u0303",
  emoji: "😀𠮷🀄👨‍👩‍👧",
  script: SCRIPT,
  sql: "' OR '1'='1'; DROP TABLE users; --",
};
const KINDS = Object.keys(VALUES);
/** Path parameters get the kinds that can reach a lookup. */
const PARAM_KINDS = ["wrongType", "bigNumber", "nul", "script", "sql", "emoji"];

/** Field names and intents a route's source (and the components it imports) names. */
function fieldsOf(file: string) {
  const read = (p: string) => (fs.existsSync(p) ? fs.readFileSync(p, "utf8") : "");
  let source = read(path.join(ROUTES_DIR, file));
  for (const m of source.matchAll(/from "~\/components\/([\w-]+)"/g)) {
    if (m[1] !== "form") source += read(path.join(COMPONENTS_DIR, `${m[1]}.tsx`));
  }
  const names = new Set<string>();
  const patterns = [
    /fields\.(\w+)/g,
    /\bname="([\w.[\]-]+)"/g,
    /\bname: "([\w.[\]-]+)"/g,
    /\.get(?:All)?\("([\w.[\]-]+)"\)/g,
    /searchParams\.get\("([\w-]+)"\)/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) names.add(m[1]);
  const intents = new Set<string>();
  for (const pattern of [
    /intent"?\)? ?={2,3} ?"([\w-]+)"/g,
    /case "([\w-]+)":/g,
    /name="intent" value="([\w-]+)"/g,
    /value="([\w-]+)" name="intent"/g,
  ]) {
    for (const m of source.matchAll(pattern)) intents.add(m[1]);
  }
  names.delete("intent");
  return { names: [...names], intents: [...intents] };
}

type RouteModule = { loader?: (args: any) => unknown; action?: (args: any) => unknown };
type Call = { label: string; status: number | "threw"; problem?: string; ms?: number };

/** Calls a loader or action as Remix would; a throw that is not a Response is a 500. */
async function send(fn: (args: any) => unknown, request: Request, params: Record<string, string>): Promise<Call> {
  const label = `${request.method} ${request.url.slice(BASE.length, BASE.length + 120)}`;
  let result: unknown;
  try {
    result = await fn({ request, params, context: {} });
  } catch (thrown) {
    if (!(thrown instanceof Response)) {
      const error = thrown as { name?: string; message?: string; sql?: string; parent?: { message?: string }; stack?: string };
      const where = (error.stack ?? "").split("\n").find((line) => line.includes("/app/")) ?? "";
      const what = `${error.name}: ${error.message || error.parent?.message || ""} ${error.sql ? `SQL ${error.sql.slice(0, 200)}` : ""}`;
      return { label, status: "threw", problem: `${what} ${where.trim()}`.slice(0, 600) };
    }
    result = thrown;
  }
  if (result instanceof Response) {
    const type = result.headers.get("Content-Type") ?? "";
    const location = result.headers.get("Location") ?? "";
    // eslint-disable-next-line no-control-regex -- a redirect must carry no control character
    if (/[<>\u0000-\u001f]/.test(location)) return { label, status: result.status, problem: `unsafe Location ${JSON.stringify(location)}` };
    if (result.status >= 500) return { label, status: result.status, problem: await result.text() };
    if (!type || /text|html|json|calendar/.test(type)) {
      const text = await result.text();
      if (text.includes(SCRIPT)) return { label, status: result.status, problem: "unescaped <script> echoed" };
      // A 400 is a page: an HTML one of its own, or the root error page told why by a locale key.
      if (result.status === 400 && !type.startsWith("text/html") && !/^harden\.reason\.\w+$/.test(text)) {
        return { label, status: 400, problem: `a 400 the page reads as data: ${JSON.stringify(text.slice(0, 80))}` };
      }
    }
    return { label, status: result.status };
  }
  const wrapped = result as { type?: string; data?: unknown; init?: { status?: number } } | null;
  const status = wrapped && wrapped.type === "DataWithResponseInit" ? (wrapped.init?.status ?? 200) : 200;
  if (status >= 500) return { label, status, problem: JSON.stringify(wrapped?.data).slice(0, 300) };
  // HTML a loader hands over ready-made (lesson bodies) must never carry the input.
  const html = JSON.stringify(result ?? null).match(/"\w*[hH]tml\w*":"((?:[^"\\]|\\.)*)"/g) ?? [];
  if (html.some((h) => h.includes("<script>alert"))) return { label, status, problem: "unescaped <script> in HTML data" };
  return { label, status };
}

const request = (url: string, cookie: string | null, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  if (cookie) headers.set("Cookie", cookie);
  return new Request(`${BASE}${url}`, { ...init, headers });
};
const urlencoded = (form: Record<string, string>) => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(form).toString(),
});
function multipart(form: Record<string, string>, filename = 'a=b;c "d".pdf') {
  const boundary = "----fuzzBoundary7MA4YWxkTrZu0gW";
  const parts = Object.entries(form).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  for (const field of ["files", "file"]) {
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 fuzz\r\n`,
    );
  }
  return { body: `${parts.join("")}--${boundary}--\r\n`, type: `multipart/form-data; boundary=${boundary}` };
}

/** Path to URL: /events/:id/materials/:fileId with the values given. */
function urlOf(file: string, params: Record<string, string>) {
  const segments = file
    .replace(/\.tsx?$/, "")
    .replace(/\[\.\]/g, "%DOT%")
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => (s.startsWith("$") ? encodeURIComponent(params[s.slice(1)] ?? "") : s.replace(/%DOT%/g, ".")));
  return `/${segments.join("/")}`;
}
const paramNames = (file: string) => [...file.matchAll(/\$(\w+)/g)].map((m) => m[1]);

let db: TestDatabase;
let cookies: Record<Persona, string | null>;
let throwaway: User;
const ORDER: Persona[] = ["sysadmin", "county", "township", "trainer", "reviewer", "mediator", "otherCounty"];

beforeAll(async () => {
  db = await createMigratedDatabase();
  process.env.UPLOAD_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "academy-badinput-"));
  const seeded = await seedWithPersonas();
  cookies = seeded.cookies;
  const township = (await User.findOne({ where: { username: "demo_township" } }))!;
  const created = await createAccount(
    { id: township.id, scopes: [(await getOrgScope(seeded.township.id))!], isSysadmin: false, ip: "test" },
    { username: "fuzz_target", displayName: "模糊测试", role: "mediator", orgUnitId: seeded.townshipMediator.orgUnitId },
  );
  if (!created.ok) throw new Error(created.error);
  throwaway = (await User.findByPk(created.user.id))!;
  const attempt = await startAttempt(seeded.mediatorUser.id, getQuiz("practice-mixed")!);
  if (!attempt.ok) throw new Error(attempt.error);
  // Records with files, as the access matrix makes them: a log with evidence, an event with a handout, an exercise and a submission.
  const author = (await getCurrentUser(new Request(BASE, { headers: { Cookie: seeded.cookies.mediator! } })))!;
  const trainer = (await User.findOne({ where: { username: "demo_trainer" } }))!;
  const pdf = (name: string) => [{ name, bytes: new TextEncoder().encode("%PDF-1.4 fuzz") }];
  const reflection = "观摩了一起宅基地边界纠纷的现场调解，学习了调解员如何先请双方到现场共同指认界址，再对照登记资料逐段核对的方法。";
  const saved = await saveLog(
    author,
    {
      type: "observation",
      occurredOn: "2026-09-01",
      hours: 2,
      place: "城关镇调解室",
      supervisorUserId: trainer.id,
      reflection,
      intent: "submit",
    },
    [{ name: "现场.png", bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]) }],
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  const event = await TrainingEvent.create({
    orgUnitId: seeded.county1.id,
    audienceOrgUnitId: seeded.county1.id,
    title: "模糊测试活动",
    form: "lecture",
    kind: "annual",
    startsAt: new Date(Date.now() + 3600_000),
    endsAt: new Date(Date.now() + 4 * 3600_000),
    hours: 3,
    place: "青山县司法局",
    capacity: 50,
    description: null,
    createdBy: trainer.id,
  });
  const handout = await addMaterials(event, pdf("讲义.pdf"), trainer.id);
  if (!handout.ok) throw new Error(handout.error);
  const rubric = (await Rubric.findOne({ where: { title: "模拟调解" } }))!;
  const exercise = await createExercise(
    { id: trainer.id, scopes: [(await getOrgScope(seeded.county1.id))!] },
    {
      title: "模糊测试作业",
      brief: "写出调解方案。",
      rubricId: rubric.id,
      passPercent: 60,
      audience: `org:${seeded.township.id}`,
      dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 16),
      latePolicy: "accept",
      resubmissions: 1,
      hours: 2,
      form: "drill",
      anonymous: false,
    },
    pdf("案例材料.pdf"),
  );
  if (!exercise.ok) throw new Error(JSON.stringify(exercise.errors));
  const submitted = await saveSubmission(
    seeded.mediatorUser.id,
    exercise.exercise,
    { body: "调解方案。", intent: "submit" },
    pdf("方案.pdf"),
  );
  if (!submitted.ok) throw new Error(submitted.error);
  // An exam scheduled for county 1, open for two days.
  await ScheduledExam.create({
    orgUnitId: seeded.county1.id,
    orgPath: seeded.county1.path,
    title: "坏输入测试考试",
    audience: { committeeIds: [], specialties: [] },
    draw: [{ category: "labour", count: 2 }],
    settings: { attemptsAllowed: 1, passMark: 60, timeLimitMinutes: 30, review: "after_close", multipleScoring: "all_or_nothing" },
    opensAt: new Date(Date.now() - 3600_000),
    closesAt: new Date(Date.now() + 48 * 3600_000),
    createdBy: null,
  });
  // A written answer of the annual test waiting for a trainer of county 1 (the test's window is set on the clock).
  const inWindow = new Date("2026-11-20T02:00:00Z");
  setClock(() => inWindow);
  try {
    const [taker] = await createTakers(1, seeded.townshipMediator.orgUnitId);
    const annual = await startAttempt(taker.userId, getQuiz("annual-knowledge-2026")!, inWindow);
    if (!annual.ok) throw new Error(annual.error);
    await submitAttempt(taker.userId, annual.attemptId, await answersFor(annual.attemptId), inWindow);
  } finally {
    setClock(null);
  }
}, 240_000); // migrating and seeding MariaDB on a busy machine can take over a minute
afterAll(async () => {
  await db.drop();
  if (process.env.UPLOAD_DIR) fs.rmSync(process.env.UPLOAD_DIR, { recursive: true, force: true });
});

const ids = async (rows: Promise<{ id: number }[]>) => (await rows).map((r) => ({ id: String(r.id) }));
const files = async (ownerKind: string, key = "id") =>
  (await Attachment.findAll({ where: { ownerKind }, order: [["id", "ASC"]], limit: 4 })).map((a) => ({
    [key]: String(a.ownerId),
    fileId: String(a.id),
  }));
const recent = { order: [["id", "DESC"]] as [string, string][], limit: 5 };

/** Candidate path parameters for a route file, tried in turn until a persona is let in. */
async function candidates(file: string): Promise<Record<string, string>[]> {
  if (paramNames(file).length === 0) return [{}];
  const by: [RegExp, () => Promise<Record<string, string>[]>][] = [
    [/^admin\.users\.\$id/, async () => [{ id: String(throwaway.id) }]],
    [
      /^announcements\.\$roundId/,
      async () =>
        (await EvaluationRound.findAll({ where: { state: ["announcing", "final"] }, attributes: ["id"] })).map((r) => ({
          roundId: String(r.id),
        })),
    ],
    [/^applications\.\$id\.files\.\$fileId/, () => files("application")],
    [
      /^applications\.\$id/,
      () => ids(RoundApplication.findAll({ where: { stage: ["draft", "submitted", "panel"] }, ...recent, attributes: ["id"] })),
    ],
    [/^courses\.assignments\.\$id/, () => ids(CourseAssignment.findAll({ ...recent, attributes: ["id"] }))],
    [
      /^experts\.admin\.\$id/,
      () => ids(Expert.findAll({ where: { state: ["proposed", "listed", "notice"] }, ...recent, attributes: ["id"] })),
    ],
    [/^consultations\.\$id/, () => ids(Consultation.findAll({ ...recent, attributes: ["id"] }))],
    [/^exams\.\$id/, () => ids(ScheduledExam.findAll({ ...recent, attributes: ["id"] }))],
    [/^rounds\.\$id/, () => ids(EvaluationRound.findAll({ order: [["id", "ASC"]], attributes: ["id"] }))],
    [/^roster\.import-errors/, async () => [{ token: "nope" }]],
    [/^cases\.import-errors/, async () => [{ token: "nope" }]],
    [/^cases\.\$id/, () => ids(CaseFile.findAll({ ...recent, attributes: ["id"] }))],
    [/^certificates\.\$id/, () => ids(Certificate.findAll({ ...recent, attributes: ["id"] }))],
    [
      /^courses\.\$slug\.\$lesson/,
      async () =>
        listCourses()
          .slice(0, 2)
          .map((c) => ({ slug: c.slug, lesson: c.lessons[0].slug })),
    ],
    [
      /^courses\.\$slug/,
      async () =>
        listCourses()
          .slice(0, 2)
          .map((c) => ({ slug: c.slug })),
    ],
    [/^events\.\$id\.materials\.\$fileId/, () => files("event")],
    [/^events\.\$id/, () => ids(TrainingEvent.findAll({ ...recent, attributes: ["id"] }))],
    [/^exercises\.\$id\.files\.\$fileId/, () => files("exercise")],
    [
      /^exercises\.\$id\.my-files\.\$fileId/,
      async () => {
        const found = await Attachment.findAll({ where: { ownerKind: "submission" }, limit: 4 });
        const subs = await ExerciseSubmission.findAll({ where: { id: found.map((f) => f.ownerId) } });
        return found.map((f) => ({ id: String(subs.find((s) => s.id === f.ownerId)?.exerciseId ?? 0), fileId: String(f.id) }));
      },
    ],
    [/^exercises\.\$id/, () => ids(Exercise.findAll({ ...recent, attributes: ["id"] }))],
    [/^grading\.answers\.\$id/, () => ids(QuizAttemptItem.findAll({ where: { score: null }, ...recent, attributes: ["id"] }))],
    [/^grading\.submissions\.\$id\.files/, () => files("submission")],
    [/^grading\.submissions\.\$id/, () => ids(ExerciseSubmission.findAll({ ...recent, attributes: ["id"] }))],
    [/^notifications\.\$id/, () => ids(Notification.findAll({ ...recent, attributes: ["id"] }))],
    [/^quizzes\.attempts\.\$id/, () => ids(QuizAttempt.findAll({ ...recent, attributes: ["id"] }))],
    [
      /^quizzes\.\$id/,
      async () =>
        listQuizzes()
          .slice(0, 3)
          .map((q) => ({ id: q.id })),
    ],
    [/^reviews\.items\.\$id/, () => ids(CaseReviewItem.findAll({ ...recent, limit: 40, attributes: ["id"] }))],
    [/^reviews\.scans/, () => files("case_file", "caseId")],
    [/^reviews\.\$id/, () => ids(CaseReview.findAll({ ...recent, attributes: ["id"] }))],
    [/^roster\.\$id/, () => ids(Mediator.findAll({ where: { userId: { [Op.ne]: null } }, ...recent, attributes: ["id"] }))],
    [/^rubrics\.\$id/, () => ids(Rubric.findAll({ ...recent, attributes: ["id"] }))],
    [/^training\.logs\.\$id\.files/, () => files("log")],
    [/^training\.logs\.\$id/, () => ids(TrainingLog.findAll({ ...recent, attributes: ["id"] }))],
    [
      /^rooms\.manage\.\$id\.images/,
      async () =>
        (await MediationRoom.findAll({ where: { status: ["submitted", "committee_consented"] }, attributes: ["id"] })).map((r) => ({
          id: String(r.id),
          name: "photo-640.jpg",
        })),
    ],
    [
      /^rooms\.manage\.\$id/,
      () => ids(MediationRoom.findAll({ where: { status: ["submitted", "committee_consented", "named"] }, ...recent, attributes: ["id"] })),
    ],
    [
      /^rooms\.\$slug/,
      async () =>
        (await MediationRoom.findAll({ where: { status: "named" }, limit: 2, attributes: ["slug"] })).map((r) => ({
          slug: r.slug,
          name: "photo-640.jpg",
        })),
    ],
    [/^verify\.\$code/, async () => (await Certificate.findAll({ limit: 1 })).map((c) => ({ code: c.code }))],
  ];
  const found = by.find(([pattern]) => pattern.test(file));
  if (!found) throw new Error(`no candidate parameters for ${file}: add them to the bad-input test`);
  return found[1]();
}

/** A persona signed in still (an action may have ended its session), signed in again if not. */
async function cookieOf(persona: Persona) {
  const username = PERSONAS[persona];
  if (!username) return null;
  const current = cookies[persona];
  if (current && (await getCurrentUser(new Request(BASE, { headers: { Cookie: current } })))) return current;
  cookies[persona] = await cookieFor(username);
  return cookies[persona];
}

/** The first persona (and parameters) the route lets in; public routes are fuzzed as a signed-in user and signed out. */
async function entryFor(file: string, mod: RouteModule) {
  const tried: string[] = [];
  for (const params of await candidates(file)) {
    for (const persona of ORDER) {
      const cookie = await cookieOf(persona);
      const url = urlOf(file, params);
      const started = Date.now();
      const baseline = mod.loader
        ? await send(mod.loader, request(url, cookie), params)
        : await send(mod.action!, request(url, cookie, urlencoded({})), params);
      baseline.ms = Date.now() - started;
      tried.push(`${persona} ${url}: ${baseline.status}`);
      if (baseline.problem) return { persona, params, url, baseline };
      if (baseline.status !== 403 && baseline.status !== 404) return { persona, params, url, baseline };
    }
  }
  // Routes no seeded record opens (an expired import report): fuzzed as the sysadmin, who gets 404s.
  if (/^(cases|roster)\.import-errors/.test(file)) {
    const area = file.split(".")[0];
    return { persona: "sysadmin" as Persona, params: { token: "nope" }, url: `/${area}/import-errors/nope`, baseline: null };
  }
  throw new Error(`no persona is let into ${file}:\n${tried.join("\n")}`);
}

describe("bad input everywhere (generated)", () => {
  it("every route file is a route module with a loader or an action", () => {
    expect(routeFiles.length).toBeGreaterThan(50);
    for (const file of routeFiles) expect(/\.tsx?$/.test(file)).toBe(true);
  });

  it("no route reads a form past the edge (request.formData() only in app/.server/web/form.ts)", () => {
    const direct = routeFiles.filter((f) => /request\.formData\(\)/.test(fs.readFileSync(path.join(ROUTES_DIR, f), "utf8")));
    expect(direct).toEqual([]);
  });

  it.each(routeFiles)("%s", async (file) => {
    const mod = (await import(path.join(ROUTES_DIR, file))) as RouteModule;
    expect(mod.loader || mod.action).toBeTruthy();
    const { persona, params, baseline } = await entryFor(file, mod);
    const calls: Call[] = baseline ? [baseline] : [];
    const { names, intents } = fieldsOf(file);
    const fill = (value: string, extra: Record<string, string> = {}) => ({
      ...Object.fromEntries(names.map((n) => [n, value])),
      ...extra,
    });
    // An action may end the persona's session (signing out, a password change): checked again after each one.
    let checked: string | null = null;
    const cookie = async () => (checked ??= await cookieOf(persona));
    const sent = new Set<string>();
    /** Each distinct request once (a route with no fields gets the same empty form for every kind). */
    const fuzz = async (fn: (args: any) => unknown, key: string, req: () => Promise<Request>, p = params) => {
      if (sent.has(key)) return;
      sent.add(key);
      calls.push(await send(fn, await req(), p));
      if (fn === mod.action) checked = null;
    };
    const url = urlOf(file, params);
    // Loader: every query field at once, each kind; and each path parameter replaced by a bad value.
    // Slow answers (PDFs, workbooks, QR codes) get a sample of the kinds, to keep the whole walk near a minute.
    const slow = (baseline?.ms ?? 0) > 120;
    const kindsHere = slow ? ["huge", "nul", "impossibleDate", "script"] : KINDS;
    if (mod.loader) {
      for (const kind of kindsHere) {
        const query = new URLSearchParams(fill(VALUES[kind])).toString();
        await fuzz(mod.loader, `GET ?${query}`, async () => request(`${url}?${query}`, await cookie()));
      }
    }
    for (const name of paramNames(file)) {
      for (const kind of slow ? ["wrongType", "nul"] : PARAM_KINDS) {
        const bad = { ...params, [name]: VALUES[kind] };
        const badUrl = urlOf(file, bad);
        if (mod.loader) await fuzz(mod.loader, `GET ${badUrl}`, async () => request(badUrl, await cookie()), bad);
        if (mod.action) await fuzz(mod.action, `POST ${badUrl}`, async () => request(badUrl, await cookie(), urlencoded(fill("1"))), bad);
      }
    }
    if (mod.action) {
      // Each intent the page offers (and none, and an unknown one) with every field of each kind; later intents get a sample of kinds.
      const withIntent = [undefined, "no-such-intent", ...intents];
      for (const [i, intent] of withIntent.entries()) {
        const kinds = i === 0 ? kindsHere : kindsHere.filter((_, k) => k % 3 === i % 3);
        for (const kind of kinds) {
          const form = fill(VALUES[kind], intent ? { intent } : {});
          await fuzz(mod.action, `POST ${JSON.stringify(form)}`, async () => request(url, await cookie(), urlencoded(form)));
        }
        // The same as multipart, with a file named as Chrome sends `=` and `;`.
        const mp = multipart(fill(VALUES.wrongType, intent ? { intent } : {}));
        await fuzz(mod.action, `MP ${mp.body}`, async () =>
          request(url, await cookie(), { method: "POST", headers: { "Content-Type": mp.type }, body: mp.body }),
        );
      }
      // Bodies that are no form.
      const mp = multipart(fill("x"));
      const bodies: RequestInit[] = [
        { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(fill("x")) },
        { method: "POST", headers: { "Content-Type": "text/plain" }, body: "intent=register" },
        { method: "POST", body: new TextEncoder().encode("intent=register") },
        { method: "POST", headers: { "Content-Type": mp.type }, body: mp.body.slice(0, Math.floor(mp.body.length / 2)) },
        { method: "POST", headers: { "Content-Type": "multipart/form-data" }, body: mp.body },
        { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "%E0%A4%A=%ZZ&&=&intent=%00" },
      ];
      for (const [i, init] of bodies.entries()) await fuzz(mod.action, `body ${i}`, async () => request(url, await cookie(), init));
    }
    const problems = calls.filter((c) => c.problem).map((c) => `${c.label} as ${persona} → ${c.status}: ${c.problem}`);
    expect(problems).toEqual([]);
  });
});
