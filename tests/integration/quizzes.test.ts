import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setClock } from "~/.server/clock";
import { getContent, getCourse } from "~/.server/courses/catalog";
import { enrol, markLessonRead, progressIn } from "~/.server/courses/progress";
import { CourseEnrolment, QuizAttempt, QuizAttemptItem, TrainingRecord } from "~/.server/db/models";
import { closeExpired, saveAnswers, startAttempt, submitAttempt, type RawAnswers } from "~/.server/quizzes/attempts";
import { currentQuestions, getQuiz, quizOfCourse } from "~/.server/quizzes/bank";
import { getOrgScope } from "~/.server/org";
import { quizReport } from "~/.server/quizzes/report";
import * as takeRoute from "~/routes/quizzes.attempts.$id._index";
import * as resultRoute from "~/routes/quizzes.attempts.$id.result";
import * as quizRoute from "~/routes/quizzes.$id._index";
import * as reportXlsx from "~/routes/quizzes.$id.report[.]xlsx";
import ExcelJS from "exceljs";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { callRoute, seedWithPersonas } from "../support/personas";
import { answersFor, createTakers } from "../support/quiz-takers";

let db: TestDatabase;
let ids: Awaited<ReturnType<typeof seedWithPersonas>>;
beforeAll(async () => {
  db = await createMigratedDatabase();
  ids = await seedWithPersonas();
});
afterAll(async () => {
  setClock(null);
  await db.drop();
});
afterEach(() => setClock(null));

const byId = () => new Map(currentQuestions().map((q) => [q.id, q]));

const form = (raw: RawAnswers, intent: string) => {
  const out: Record<string, string | string[]> = { intent, present: [...raw.keys()].join(",") };
  for (const [p, v] of raw) out[`q${p}`] = v;
  return out;
};

describe("an attempt through the pages", () => {
  let attemptId: number;

  it("starts on the server with drawn questions and a stored option order", async () => {
    const started = await callRoute(quizRoute.action as never, {
      url: "/quizzes/practice-mixed",
      params: { id: "practice-mixed" },
      cookie: ids.cookies.mediator,
      form: {},
    });
    expect(started.status).toBe(302);
    attemptId = Number(/\/quizzes\/attempts\/(\d+)$/.exec(started.location!)![1]);
    const items = await QuizAttemptItem.findAll({ where: { attemptId } });
    expect(items).toHaveLength(getQuiz("practice-mixed")!.questionCount);
    expect(items.every((i) => i.optionOrder.length >= 2)).toBe(true);
    // A second click resumes the same attempt.
    const again = await callRoute(quizRoute.action as never, {
      url: "/quizzes/practice-mixed",
      params: { id: "practice-mixed" },
      cookie: ids.cookies.mediator,
      form: {},
    });
    expect(again.location).toBe(started.location);
    expect(await QuizAttempt.count({ where: { quizId: "practice-mixed", userId: ids.mediatorUser.id, state: "in_progress" } })).toBe(1);
  });

  it("sends no key and no explanation to the browser while the attempt runs", async () => {
    const page = await callRoute(takeRoute.loader as never, {
      url: `/quizzes/attempts/${attemptId}`,
      params: { id: String(attemptId) },
      cookie: ids.cookies.mediator,
    });
    expect(page.status).toBe(200);
    const data = JSON.stringify(page.body);
    const bank = byId();
    const items = await QuizAttemptItem.findAll({ where: { attemptId } });
    for (const item of items) {
      const q = bank.get(item.questionId)!;
      expect(data).toContain(q.stem);
      expect(data).not.toContain(q.explanation);
      expect(data).not.toContain(item.questionId);
    }
    expect(data).not.toMatch(/"correct"|"explanation"|"reference"/);
  });

  it("autosaves one question, and refuses tampered or foreign answers without writing anything", async () => {
    const raw = await answersFor(attemptId);
    const first = new Map([[1, raw.get(1)!]]);
    const saved = await callRoute(takeRoute.action as never, {
      url: `/quizzes/attempts/${attemptId}`,
      params: { id: String(attemptId) },
      cookie: ids.cookies.mediator,
      form: form(first, "answer"),
    });
    expect(saved).toMatchObject({ status: 200, body: { saved: [1] } });
    const item1 = await QuizAttemptItem.findOne({ where: { attemptId, position: 1 } });
    expect(item1!.answer).not.toBeNull();

    const before = JSON.stringify((await QuizAttemptItem.findAll({ where: { attemptId }, order: [["id", "ASC"]] })).map((i) => i.answer));
    const tampered = await callRoute(takeRoute.action as never, {
      url: `/quizzes/attempts/${attemptId}`,
      params: { id: String(attemptId) },
      cookie: ids.cookies.mediator,
      form: { intent: "save", present: "1,2", q1: raw.get(1)!, q2: "7" },
    });
    expect(tampered.status).toBe(400);
    expect((tampered.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({ "": ["quiz.error.invalidAnswer"] });
    const foreign = await callRoute(takeRoute.action as never, {
      url: `/quizzes/attempts/${attemptId}`,
      params: { id: String(attemptId) },
      cookie: ids.cookies.mediator,
      form: { intent: "save", present: "2,99", q2: raw.get(2)!, q99: "0" },
    });
    expect(foreign.status).toBe(400);
    expect((foreign.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({ "": ["quiz.error.unknownQuestion"] });
    const malformed = await callRoute(takeRoute.action as never, {
      url: `/quizzes/attempts/${attemptId}`,
      params: { id: String(attemptId) },
      cookie: ids.cookies.mediator,
      form: { intent: "save", present: "1;2" },
    });
    expect(malformed.status).toBe(400);
    expect((malformed.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({ "": ["quiz.error.invalidAnswer"] });
    const otherUser = await callRoute(takeRoute.action as never, {
      url: `/quizzes/attempts/${attemptId}`,
      params: { id: String(attemptId) },
      cookie: ids.cookies.trainer,
      form: form(raw, "submit"),
    });
    expect(otherUser.status).toBe(404);
    const after = JSON.stringify((await QuizAttemptItem.findAll({ where: { attemptId }, order: [["id", "ASC"]] })).map((i) => i.answer));
    expect(after).toBe(before);
    expect((await QuizAttempt.findByPk(attemptId))!.state).toBe("in_progress");
  });

  it("grades a submit exactly once, however often it is sent", async () => {
    const raw = await answersFor(attemptId);
    const results = await Promise.all([1, 2, 3].map(() => submitAttempt(ids.mediatorUser.id, attemptId, raw)));
    expect(results.filter((r) => r.ok && !r.already)).toHaveLength(1);
    const viaPage = await callRoute(takeRoute.action as never, {
      url: `/quizzes/attempts/${attemptId}`,
      params: { id: String(attemptId) },
      cookie: ids.cookies.mediator,
      form: form(raw, "submit"),
    });
    expect(viaPage).toMatchObject({ status: 302, location: `/quizzes/attempts/${attemptId}/result` });
    const attempt = (await QuizAttempt.findByPk(attemptId))!;
    expect(attempt).toMatchObject({ state: "graded", gradings: 1, percent: 100, passed: true, closedBy: "user" });
    expect(await saveAnswers(ids.mediatorUser.id, attemptId, raw)).toEqual({ ok: false, error: "closed" });
  });

  it("counts 已答 x / N on the server, and asks once more before 交卷 with questions unanswered", async () => {
    const started = await callRoute(quizRoute.action as never, {
      url: "/quizzes/practice-mixed",
      params: { id: "practice-mixed" },
      cookie: ids.cookies.mediator,
      form: {},
    });
    const second = Number(/\/quizzes\/attempts\/(\d+)$/.exec(started.location!)![1]);
    expect(second).not.toBe(attemptId);
    const route = { url: `/quizzes/attempts/${second}`, params: { id: String(second) }, cookie: ids.cookies.mediator };
    const page = async () => (await callRoute(takeRoute.loader as never, route)).body as { answered: number; items: unknown[] };
    expect((await page()).answered).toBe(0);
    const raw = await answersFor(second);
    const partial: RawAnswers = new Map([...raw].map(([p, v], i) => [p, i < 2 ? v : []]));
    const asked = await callRoute(takeRoute.action as never, { ...route, form: form(partial, "submit") });
    const total = (await page()).items.length;
    expect(asked).toMatchObject({ status: 200, body: { confirm: { unanswered: total - 2 } } });
    expect((await QuizAttempt.findByPk(second))!.state).toBe("in_progress");
    // What was answered is kept, and counted.
    expect((await page()).answered).toBe(2);
    const submitted = await callRoute(takeRoute.action as never, { ...route, form: { ...form(partial, "submit"), confirm: "1" } });
    expect(submitted).toMatchObject({ status: 302, location: `/quizzes/attempts/${second}/result` });
    expect((await QuizAttempt.findByPk(second))!.state).toBe("graded");
  });

  it("shows answers and explanations after submitting when the policy says so", async () => {
    const page = await callRoute(resultRoute.loader as never, {
      url: `/quizzes/attempts/${attemptId}/result`,
      params: { id: String(attemptId) },
      cookie: ids.cookies.mediator,
    });
    const body = page.body as { result: { percent: number; items: { correct?: string[]; explanation?: string; withheld?: true }[] } };
    expect(body.result.percent).toBe(100);
    // Outside any graded exam's window every key is shown.
    setClock(() => new Date("2027-02-01T00:00:00Z"));
    const later = await callRoute(resultRoute.loader as never, {
      url: `/quizzes/attempts/${attemptId}/result`,
      params: { id: String(attemptId) },
      cookie: ids.cookies.mediator,
    });
    const laterItems = (later.body as typeof body).result.items;
    expect(laterItems.every((i) => Array.isArray(i.correct) && i.explanation && !i.withheld)).toBe(true);
    setClock(null);
    const foreign = await callRoute(resultRoute.loader as never, {
      url: `/quizzes/attempts/${attemptId}/result`,
      params: { id: String(attemptId) },
      cookie: ids.cookies.county,
    });
    expect(foreign.status).toBe(404);
  });
});

describe("exam keys stay secret while the exam is open", () => {
  it("a practice review keeps back the key of every question the open annual test may draw, and shows it after the test closes", async () => {
    const annual = getQuiz("annual-knowledge-2026")!;
    const during = new Date(new Date(annual.opensAt!).getTime() + 3600_000);
    setClock(() => during);
    const { secretQuestionIds } = await import("~/.server/quizzes/secrecy");
    const secret = secretQuestionIds("practice-mixed", during);
    expect(secret.size).toBeGreaterThan(0);
    let withheld = 0;
    let shown = 0;
    for (let n = 0; n < 8; n++) {
      const started = await startAttempt(ids.mediatorUser.id, getQuiz("practice-mixed")!, during);
      if (!started.ok) throw new Error(started.error);
      await submitAttempt(ids.mediatorUser.id, started.attemptId, new Map(), during);
      const page = await callRoute(resultRoute.loader as never, {
        url: `/quizzes/attempts/${started.attemptId}/result`,
        params: { id: String(started.attemptId) },
        cookie: ids.cookies.mediator,
      });
      const items = (page.body as { result: { items: Record<string, unknown>[] } }).result.items;
      const rows = await QuizAttemptItem.findAll({ where: { attemptId: started.attemptId }, order: [["position", "ASC"]] });
      items.forEach((item, i) => {
        if (secret.has(rows[i].questionId)) {
          withheld++;
          expect(item.withheld).toBe(true);
          for (const key of ["correct", "explanation", "score", "points", "reference", "law"]) expect(item).not.toHaveProperty(key);
        } else {
          shown++;
          expect(item.correct).toBeDefined();
        }
      });
    }
    expect(withheld).toBeGreaterThan(0);
    expect(shown).toBeGreaterThan(0);
    setClock(() => new Date(new Date(annual.closesAt!).getTime() + 1000));
    const last = (await QuizAttempt.findOne({
      where: { userId: ids.mediatorUser.id, quizId: "practice-mixed" },
      order: [["id", "DESC"]],
    }))!;
    const after = await callRoute(resultRoute.loader as never, {
      url: `/quizzes/attempts/${last.id}/result`,
      params: { id: String(last.id) },
      cookie: ids.cookies.mediator,
    });
    expect((after.body as { result: { items: Record<string, unknown>[] } }).result.items.every((i) => !i.withheld && i.correct)).toBe(true);
  });
});

describe("time limits on the server's clock", () => {
  it("refuses saves after the deadline and grades a late submit with the answers saved before it", async () => {
    const t0 = new Date("2026-11-24T02:00:00Z");
    setClock(() => t0);
    const quiz = getQuiz("practice-mixed")!;
    const takers = await createTakers(1, ids.townshipMediator.orgUnitId);
    const started = await startAttempt(takers[0].userId, quiz, t0);
    if (!started.ok) throw new Error(started.error);
    const raw = await answersFor(started.attemptId);
    const early = new Map([...raw].slice(0, 5));
    expect(await saveAnswers(takers[0].userId, started.attemptId, early, new Date(t0.getTime() + 5 * 60_000))).toEqual({ ok: true });
    const late = new Date(t0.getTime() + (quiz.timeLimitMinutes! + 1) * 60_000);
    setClock(() => late);
    expect(await saveAnswers(takers[0].userId, started.attemptId, raw, late)).toEqual({ ok: false, error: "closed" });
    const submitted = await submitAttempt(takers[0].userId, started.attemptId, raw, late);
    expect(submitted).toEqual({ ok: true, late: true, already: false, courseCompleted: false });
    const attempt = (await QuizAttempt.findByPk(started.attemptId))!;
    const items = await QuizAttemptItem.findAll({ where: { attemptId: attempt.id } });
    expect(items.filter((i) => i.answer !== null)).toHaveLength(5);
    expect(attempt).toMatchObject({ state: "graded", closedBy: "timeout", gradings: 1 });
    expect(attempt.score).toBe(items.reduce((s, i) => s + (i.score ?? 0), 0));
    expect(attempt.submittedAt!.getTime()).toBe(attempt.deadlineAt!.getTime());
  });

  it("closes and grades an attempt whose browser never came back", async () => {
    const t0 = new Date("2026-11-24T03:00:00Z");
    const quiz = getQuiz("practice-mixed")!;
    const [taker] = await createTakers(1, ids.townshipMediator.orgUnitId);
    const started = await startAttempt(taker.userId, quiz, t0);
    if (!started.ok) throw new Error(started.error);
    await saveAnswers(taker.userId, started.attemptId, await answersFor(started.attemptId), new Date(t0.getTime() + 60_000));
    expect(await closeExpired({}, new Date(t0.getTime() + 10 * 60_000))).toBe(0);
    expect(await closeExpired({}, new Date(t0.getTime() + 16 * 60_000))).toBeGreaterThanOrEqual(1);
    const attempt = (await QuizAttempt.findByPk(started.attemptId))!;
    expect(attempt).toMatchObject({ state: "graded", closedBy: "timeout", gradings: 1, percent: 100, passed: true });
    expect(await closeExpired({}, new Date(t0.getTime() + 17 * 60_000))).toBe(0);
  });
});

describe("attempt limits, short answers and review after closing", () => {
  const inWindow = new Date("2026-11-20T02:00:00Z");

  it("refuses a start past the attempt limit, writing nothing", async () => {
    const quiz = getQuiz("annual-knowledge-2026")!;
    const [taker] = await createTakers(1, ids.townshipMediator.orgUnitId);
    for (let i = 0; i < quiz.attemptsAllowed; i++) {
      const s = await startAttempt(taker.userId, quiz, inWindow);
      if (!s.ok) throw new Error(s.error);
      await submitAttempt(taker.userId, s.attemptId, await answersFor(s.attemptId, { skipShort: true }), inWindow);
    }
    const before = await QuizAttemptItem.count();
    expect(await startAttempt(taker.userId, quiz, inWindow)).toEqual({ ok: false, error: "noAttemptsLeft" });
    expect(await QuizAttempt.count({ where: { userId: taker.userId } })).toBe(quiz.attemptsAllowed);
    expect(await QuizAttemptItem.count()).toBe(before);
    expect(await startAttempt(taker.userId, quiz, new Date("2027-01-05T00:00:00Z"))).toEqual({ ok: false, error: "closed" });
  });

  it("keeps an attempt with a written case analysis pending, and hides keys until the quiz closes", async () => {
    const quiz = getQuiz("annual-knowledge-2026")!;
    setClock(() => inWindow);
    const s = await startAttempt(ids.mediatorUser.id, quiz, inWindow);
    if (!s.ok) throw new Error(s.error);
    await submitAttempt(ids.mediatorUser.id, s.attemptId, await answersFor(s.attemptId), inWindow);
    const attempt = (await QuizAttempt.findByPk(s.attemptId))!;
    expect(attempt).toMatchObject({ state: "pending", passed: null, percent: null });
    const load = () =>
      callRoute(resultRoute.loader as never, {
        url: `/quizzes/attempts/${s.attemptId}/result`,
        params: { id: String(s.attemptId) },
        cookie: ids.cookies.mediator,
      });
    const before = JSON.stringify((await load()).body);
    expect(before).not.toMatch(/"correct"|"explanation"|"reference"/);
    const bank = byId();
    for (const item of await QuizAttemptItem.findAll({ where: { attemptId: s.attemptId } }))
      expect(before).not.toContain(bank.get(item.questionId)!.explanation);
    setClock(() => new Date("2027-01-01T00:00:00Z"));
    const after = (await load()).body as { result: { pendingShort: number; items: { correct?: string[] }[] } };
    expect(after.result.pendingShort).toBe(1);
    expect(after.result.items.every((i) => Array.isArray(i.correct))).toBe(true);
  });
});

describe("versions", () => {
  it("shows and scores a past attempt with the question versions it was given after the bank changes", async () => {
    const quiz = getQuiz("practice-mixed")!;
    const [taker] = await createTakers(1, ids.townshipMediator.orgUnitId);
    const s = await startAttempt(taker.userId, quiz);
    if (!s.ok) throw new Error(s.error);
    const raw = await answersFor(s.attemptId);
    const item = (await QuizAttemptItem.findOne({ where: { attemptId: s.attemptId, position: 1 } }))!;
    const original = byId().get(item.questionId)!;

    // Edit that question in a copy of the content build: new stem, new key, new version.
    const bundle = structuredClone(getContent());
    const edited = bundle.questions.find((q) => q.id === item.questionId)!;
    edited.stem = `${edited.stem}（修订）`;
    edited.version = "0000000000000000";
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-edited-"));
    const saved = process.env.CONTENT_BUNDLE;
    process.env.CONTENT_BUNDLE = path.join(dir, "courses.json");
    fs.writeFileSync(process.env.CONTENT_BUNDLE, JSON.stringify(bundle));
    try {
      expect(await submitAttempt(taker.userId, s.attemptId, raw)).toMatchObject({ ok: true, already: false });
      const attempt = (await QuizAttempt.findByPk(s.attemptId))!;
      expect(attempt.percent).toBe(100);
      const stored = (await QuizAttemptItem.findOne({ where: { attemptId: s.attemptId, position: 1 } }))!;
      expect(stored.questionVersion).toBe(original.version);
      const { resultView } = await import("~/.server/quizzes/views");
      const view = await resultView(attempt, new Date());
      expect(view.items[0].stem).toBe(original.stem);
    } finally {
      process.env.CONTENT_BUNDLE = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("course completion", () => {
  it("needs the course quiz passed as well as every lesson read, then writes one training record", async () => {
    const course = getCourse("traffic")!;
    const quiz = quizOfCourse("traffic")!;
    const [taker] = await createTakers(1, ids.townshipMediator.orgUnitId);
    expect(await startAttempt(taker.userId, quiz)).toEqual({ ok: false, error: "notEnrolled" });
    await enrol(taker.userId, course.slug);
    for (const lesson of course.lessons) await markLessonRead(taker.userId, course, lesson.slug);
    expect((await progressIn(taker.userId, course)).completedAt).toBeNull();

    const failed = await startAttempt(taker.userId, quiz);
    if (!failed.ok) throw new Error(failed.error);
    await submitAttempt(taker.userId, failed.attemptId, await answersFor(failed.attemptId, { wrong: true }));
    expect((await QuizAttempt.findByPk(failed.attemptId))!.passed).toBe(false);
    expect((await progressIn(taker.userId, course)).completedAt).toBeNull();

    const passed = await startAttempt(taker.userId, quiz);
    if (!passed.ok) throw new Error(passed.error);
    await submitAttempt(taker.userId, passed.attemptId, await answersFor(passed.attemptId));
    expect((await progressIn(taker.userId, course)).completedAt).not.toBeNull();
    const enrolment = (await CourseEnrolment.findOne({ where: { userId: taker.userId, courseSlug: course.slug } }))!;
    expect(await TrainingRecord.count({ where: { source: "course", sourceId: enrolment.id } })).toBe(1);
  });
});

describe("concurrency", () => {
  it("starts, saves and double-submits 100 attempts at once: each graded exactly once, no answer lost", async () => {
    const quiz = getQuiz("practice-mixed")!;
    const takers = await createTakers(100, ids.townshipMediator.orgUnitId);
    const started = await Promise.all(takers.map((t) => startAttempt(t.userId, quiz)));
    expect(started.every((s) => s.ok && !s.resumed)).toBe(true);
    const attemptIds = started.map((s) => (s as { attemptId: number }).attemptId);
    const sent = await Promise.all(attemptIds.map((id) => answersFor(id)));
    const saves = await Promise.all(takers.map((t, i) => saveAnswers(t.userId, attemptIds[i], sent[i])));
    expect(saves.every((s) => s.ok)).toBe(true);
    const submits = await Promise.all(
      takers.flatMap((t, i) => [submitAttempt(t.userId, attemptIds[i], null), submitAttempt(t.userId, attemptIds[i], null)]),
    );
    expect(submits.filter((s) => s.ok && !s.already)).toHaveLength(100);
    const attempts = await QuizAttempt.findAll({ where: { id: attemptIds } });
    expect(attempts.every((a) => a.state === "graded" && a.gradings === 1 && a.percent === 100)).toBe(true);
    for (const [i, id] of attemptIds.entries()) {
      const items = await QuizAttemptItem.findAll({ where: { attemptId: id } });
      for (const item of items) expect(item.answer).not.toBeNull();
      expect(items).toHaveLength(sent[i].size);
    }
  });

  it("two simultaneous starts by one user make one attempt", async () => {
    const [taker] = await createTakers(1, ids.townshipMediator.orgUnitId);
    const both = await Promise.all([
      startAttempt(taker.userId, getQuiz("practice-mixed")!),
      startAttempt(taker.userId, getQuiz("practice-mixed")!),
    ]);
    expect(both.every((b) => b.ok)).toBe(true);
    expect(await QuizAttempt.count({ where: { userId: taker.userId } })).toBe(1);
  });
});

describe("the report is scoped to the viewer's subtree", () => {
  it("a county 2 admin sees none of county 1's attempts; the county 1 admin sees them", async () => {
    const quiz = getQuiz("practice-mixed")!;
    const county1 = await quizReport(quiz, [(await getOrgScope(ids.county1.id))!]);
    const county2 = await quizReport(quiz, [(await getOrgScope(ids.county2.id))!]);
    expect(county1.attempts).toBeGreaterThan(100);
    expect(county1.items.length).toBeGreaterThan(0);
    expect(county2.attempts).toBe(0);
  });

  it("exports the county's report as a workbook with the same figures", async () => {
    const quiz = getQuiz("practice-mixed")!;
    const report = await quizReport(quiz, [(await getOrgScope(ids.county1.id))!]);
    const res = (await reportXlsx.loader({
      request: new Request("http://localhost/quizzes/practice-mixed/report.xlsx", { headers: { Cookie: ids.cookies.county! } }),
      params: { id: "practice-mixed" },
      context: {},
    })) as Response;
    expect(res.headers.get("Content-Type")).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const summary = book.getWorksheet("概况")!;
    expect(summary.getRow(2).values).toEqual([undefined, "作答次数", report.attempts]);
    expect(summary.getRow(3).values).toEqual([undefined, "参加人数", report.participants]);
    const items = book.getWorksheet("试题分析")!;
    expect(items.rowCount).toBe(report.items.length + 1);
    const first = report.items[0];
    expect(items.getRow(2).values).toEqual([
      undefined,
      first.questionId,
      expect.any(String),
      report.questions[first.questionId].stem,
      first.n,
      first.difficulty,
      first.discrimination ?? "—",
    ]);
  });
});
