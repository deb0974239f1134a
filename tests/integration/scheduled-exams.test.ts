import {
  AuditEvent,
  EvaluationRound,
  Mediator,
  MediatorSpecialty,
  OrgUnit,
  QuizAttempt,
  QuizAttemptItem,
  RoundApplication,
  ScheduledExam,
  User,
} from "~/.server/db/models";
import { checkDraw, poolIndex, updateExam } from "~/.server/exams/exams";
import { examQuizzesFor, findQuiz, openExamPools } from "~/.server/exams/quiz";
import { startAttempt, submitAttempt } from "~/.server/quizzes/attempts";
import { currentQuestions, getQuiz } from "~/.server/quizzes/bank";
import { quizCards } from "~/.server/quizzes/overview";
import { currentPools, secretQuestionIds } from "~/.server/quizzes/secrecy";
import { resultView } from "~/.server/quizzes/views";
import { mediatorWorkspace } from "~/.server/workspace/mediator";
import { getOrgScope } from "~/.server/org";
import { examQuizId, examSchema, parseChinaLocal, poolOf, toChinaLocal } from "~/lib/exam";
import { message } from "~/lib/messages";
import type { ReviewedItem, ShownItem } from "~/lib/quiz-view";
import * as examList from "~/routes/exams._index";
import * as examNew from "~/routes/exams.new";
import * as examEdit from "~/routes/exams.$id";
import * as quizRoute from "~/routes/quizzes.$id._index";
import * as takeRoute from "~/routes/quizzes.attempts.$id._index";
import * as reportRoute from "~/routes/quizzes.$id.report";
import * as reportXlsx from "~/routes/quizzes.$id.report[.]xlsx";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { callRoute, seedWithPersonas } from "../support/personas";
import { answersFor, createTakers } from "../support/quiz-takers";

let db: TestDatabase;
let ids: Awaited<ReturnType<typeof seedWithPersonas>>;
let mediatorUserId: number;
beforeAll(async () => {
  db = await createMigratedDatabase();
  ids = await seedWithPersonas();
  mediatorUserId = (await User.findOne({ where: { username: "demo_mediator" } }))!.id;
});
afterAll(async () => {
  await db.drop();
});

const HOUR = 3600_000;
const local = (offsetMs: number) => toChinaLocal(new Date(Date.now() + offsetMs));
type Form = Record<string, string | string[]>;

/** A valid form for 青山县 (county 1): one rule of 3 labour questions. */
function validForm(over: Form = {}): Form {
  return {
    title: "2026年度青山县调解员业务考试",
    orgUnitId: String(ids.county1.id),
    opensAt: local(-HOUR),
    closesAt: local(48 * HOUR),
    timeLimitMinutes: "30",
    attemptsAllowed: "2",
    passMark: "60",
    review: "after_close",
    multipleScoring: "all_or_nothing",
    "rules[0].category": "labour",
    "rules[0].count": "3",
    ...over,
  };
}

async function post(fn: unknown, url: string, form: Form, cookie = ids.cookies.county, params: Record<string, string> = {}) {
  return callRoute(fn as never, { url, form, cookie, params });
}
const errorsOf = (outcome: { body?: unknown }) => (outcome.body as { result: { error: Record<string, string[]> } }).result.error;

async function create(over: Form = {}, cookie = ids.cookies.county) {
  const outcome = await post(examNew.action, "/exams/new", validForm(over), cookie);
  if (outcome.status !== 302) throw new Error(`not created: ${JSON.stringify(outcome.body)}`);
  return (await ScheduledExam.findByPk(Number(/\/exams\/(\d+)/.exec(outcome.location!)![1])))!;
}

const committee = async (name: string) => (await OrgUnit.findOne({ where: { name } }))!;

describe("strict China-time parsing", () => {
  it("reads what a person in China types and refuses days that do not exist", () => {
    expect(parseChinaLocal("2026-12-05T09:30")!.toISOString()).toBe("2026-12-05T01:30:00.000Z");
    expect(parseChinaLocal("2026-01-01T00:15")!.toISOString()).toBe("2025-12-31T16:15:00.000Z");
    for (const bad of ["2026-02-30T09:00", "2026-13-01T09:00", "2026-12-05T24:00", "2026-12-05T09:60", "2026-12-05 09:30", "明天", ""])
      expect(parseChinaLocal(bad)).toBeNull();
    expect(toChinaLocal(new Date("2026-12-05T01:30:00.000Z"))).toBe("2026-12-05T09:30");
  });
});

describe("scheduling an exam refuses bad input, field by field, writing nothing", () => {
  const labour2 = () => poolOf(poolIndex(), { category: "labour", difficulty: 2 });
  const cases: [string, () => Promise<Form> | Form, string, string][] = [
    ["an empty title", () => ({ title: "" }), "title", "validation.required"],
    ["a day that does not exist", () => ({ opensAt: "2026-02-30T09:00" }), "opensAt", "exam.error.dateTime"],
    ["a closing time that is no time", () => ({ closesAt: "soon" }), "closesAt", "exam.error.dateTime"],
    ["closing before opening", () => ({ opensAt: local(5 * HOUR), closesAt: local(4 * HOUR) }), "closesAt", "exam.error.closesBeforeOpens"],
    ["closing in the past", () => ({ opensAt: local(-5 * HOUR), closesAt: local(-4 * HOUR) }), "closesAt", "exam.error.closesPast"],
    ["no attempts", () => ({ attemptsAllowed: "0" }), "attemptsAllowed", message("exam.error.attempts", { min: 1, max: 20 })],
    ["a pass mark over 100", () => ({ passMark: "101" }), "passMark", message("exam.error.passMark", { min: 0, max: 100 })],
    ["a time limit of 0", () => ({ timeLimitMinutes: "0" }), "timeLimitMinutes", message("exam.error.timeLimit", { min: 1, max: 600 })],
    ["an unknown review policy", () => ({ review: "always" }), "review", "validation.choice"],
    ["a unit of another county", () => ({ orgUnitId: String(ids.county2.id) }), "orgUnitId", "exam.error.orgUnit"],
    [
      "a committee outside the unit",
      async () => ({ committeeIds: [String((await committee("望江社区人民调解委员会")).id)] }),
      "committeeIds",
      "exam.error.committee",
    ],
    ["a rule without its count", () => ({ "rules[0].count": "", "rules[1].difficulty": "2" }), "rules[1].count", "validation.required"],
    ["no rule at all", () => ({ "rules[0].category": "", "rules[0].count": "" }), "rules", "exam.error.noRules"],
    [
      "a rule asking more than its pool holds",
      () => ({ "rules[0].difficulty": "2", "rules[0].count": String(labour2() + 1) }),
      "rules[0].count",
      message("exam.error.drawTooMany", { count: labour2() + 1, pool: labour2() }),
    ],
  ];
  it.each(cases)("%s", async (_name, over, field, expected) => {
    const outcome = await post(examNew.action, "/exams/new", validForm(await over()));
    expect(outcome.status).toBe(400);
    expect(errorsOf(outcome)[field]).toEqual([expected]);
    expect(await ScheduledExam.count()).toBe(0);
    expect(await AuditEvent.count({ where: { action: "exam.created" } })).toBe(0);
  });

  it("mediators and reviewers may not schedule; signed out goes to sign-in", async () => {
    expect((await post(examNew.action, "/exams/new", validForm(), ids.cookies.mediator)).status).toBe(403);
    expect((await post(examNew.action, "/exams/new", validForm(), ids.cookies.reviewer)).status).toBe(403);
    expect((await post(examNew.action, "/exams/new", validForm(), null)).status).toBe("login");
  });
});

describe("draw rules against the banks", () => {
  it("takes a rule asking exactly its pool, and refuses overlapping rules that could run dry", async () => {
    const pool = poolOf(poolIndex(), { category: "labour", difficulty: 2 });
    const exact = await create({ "rules[0].difficulty": "2", "rules[0].count": String(pool), title: "全量抽题" });
    expect(exact.draw).toEqual([{ category: "labour", difficulty: 2, count: pool }]);
    const quiz = (await findQuiz(examQuizId(exact.id)))!;
    expect(quiz.questionCount).toBe(pool);
    // "Any one labour question" first may take one of the difficulty-2 ones the second rule needs all of.
    const errors = checkDraw([
      { row: 0, rule: { category: "labour", count: 1 } },
      { row: 3, rule: { category: "labour", difficulty: 2, count: pool } },
    ]);
    expect(errors).toEqual({ "rules[3].count": [message("exam.error.drawOverlap", { count: pool, pool, left: pool - 1 })] });
    expect(
      checkDraw([
        { row: 0, rule: { category: "labour", count: 1 } },
        { row: 1, rule: { category: "labour", difficulty: 2, count: pool - 1 } },
      ]),
    ).toEqual({});
    // Disjoint rules are fine whatever their order.
    expect(
      checkDraw([
        { row: 0, rule: { category: "labour", difficulty: 1, count: 1 } },
        { row: 1, rule: { category: "labour", difficulty: 2, count: pool } },
      ]),
    ).toEqual({});
    await exact.destroy();
  });

  it("the form shows every category's pool per difficulty", async () => {
    const page = await callRoute(examNew.loader as never, { url: "/exams/new", cookie: ids.cookies.trainer });
    expect(page.status).toBe(200);
    const { pools } = page.body as { pools: Record<string, number> };
    expect(Object.values(pools).reduce((a, b) => a + b, 0)).toBe(currentQuestions().length);
  });
});

describe("audience", () => {
  afterEach(async () => {
    await QuizAttempt.destroy({ where: {} });
    await ScheduledExam.destroy({ where: {} });
  });

  it("mediators in the node's subtree see the exam, another county's do not", async () => {
    const exam = await create();
    const [inside] = await createTakers(1, ids.county1Mediator.orgUnitId);
    const [outside] = await createTakers(1, ids.county2Mediator.orgUnitId);
    const seen = async (userId: number) => (await quizCards(userId, new Date())).some((c) => c.id === examQuizId(exam.id));
    expect(await seen(mediatorUserId)).toBe(true);
    expect(await seen(inside.userId)).toBe(true);
    expect(await seen(outside.userId)).toBe(false);
    // Through the pages: another county's admin, or a mediator outside, finds no such quiz.
    const url = `/quizzes/${examQuizId(exam.id)}`;
    const params = { id: examQuizId(exam.id) };
    expect((await callRoute(quizRoute.loader as never, { url, params, cookie: ids.cookies.otherCounty })).status).toBe(404);
    expect((await callRoute(quizRoute.loader as never, { url, params, cookie: ids.cookies.mediator })).status).toBe(200);
    // Staff over the node look at it but cannot start it (they are not in its audience).
    const asTrainer = await callRoute(quizRoute.loader as never, { url, params, cookie: ids.cookies.trainer });
    expect(asTrainer.status).toBe(200);
    expect((asTrainer.body as { isMediator: boolean }).isMediator).toBe(false);
    expect((await callRoute(quizRoute.action as never, { url, params, cookie: ids.cookies.trainer, form: {} })).status).toBe(404);
    // Workspace: "exams open to them".
    const ws = await mediatorWorkspace(
      { id: inside.mediatorId, userId: inside.userId, orgPath: (await committee("石桥村人民调解委员会")).path, appointedOn: null },
      new Date(),
    );
    expect(ws.quizzes.map((q) => q.id)).toContain(examQuizId(exam.id));
  });

  it("narrowed to a committee and to specialties", async () => {
    const shiqiao = await committee("石桥村人民调解委员会");
    const exam = await create({ committeeIds: [String(shiqiao.id)], title: "石桥村专场" });
    const [inShiqiao, labourist] = await createTakers(2, shiqiao.id);
    expect((await examQuizzesFor(inShiqiao.userId)).map((q) => q.id)).toEqual([examQuizId(exam.id)]);
    expect(await examQuizzesFor(mediatorUserId)).toEqual([]);
    const url = `/quizzes/${examQuizId(exam.id)}`;
    expect(
      (await callRoute(quizRoute.action as never, { url, params: { id: examQuizId(exam.id) }, cookie: ids.cookies.mediator, form: {} }))
        .status,
    ).toBe(404);
    expect(await QuizAttempt.count({ where: { quizId: examQuizId(exam.id) } })).toBe(0);

    await MediatorSpecialty.create({ mediatorId: labourist.mediatorId, category: "labour" });
    const bySpecialty = await create({ specialties: ["labour", "medical"], title: "劳动争议专长考试" });
    expect((await examQuizzesFor(labourist.userId)).map((q) => q.id)).toContain(examQuizId(bySpecialty.id));
    expect((await examQuizzesFor(inShiqiao.userId)).map((q) => q.id)).not.toContain(examQuizId(bySpecialty.id));
  });
});

describe("an exam tied to an evaluation round", () => {
  afterEach(async () => {
    await QuizAttempt.destroy({ where: {} });
    await RoundApplication.destroy({ where: { roundId: roundIds } });
    await EvaluationRound.destroy({ where: { id: roundIds } });
    await ScheduledExam.destroy({ where: {} });
  });
  const roundIds: number[] = [];
  const round = async (examId: number | null) => {
    const county = ids.county1;
    const made = await EvaluationRound.create({
      orgUnitId: county.id,
      orgPath: (await OrgUnit.findByPk(county.id))!.path,
      title: "2026年度青山县人民调解员等级评定",
      levels: ["level3", "level4"],
      periodFrom: "2024-01-01",
      periodTo: "2025-12-31",
      applicationsFrom: "2026-01-01",
      applicationsUntil: "2026-12-31",
      reviewsUntil: "2027-01-31",
      announcementDays: 7,
      validityYears: 2,
      combine: "mean",
      examQuizId: examId ? examQuizId(examId) : null,
      state: "applications",
    } as never);
    roundIds.push(made.id);
    return made;
  };
  const apply = async (roundId: number, taker: { mediatorId: number }, stage: string) => {
    const m = (await Mediator.findByPk(taker.mediatorId))!;
    await RoundApplication.create({
      roundId,
      mediatorId: m.id,
      committeeId: m.orgUnitId,
      orgPath: m.orgPath,
      level: "level4",
      stage: stage as never,
    });
  };

  it("is open only to the round's applicants past the committee's pre-review; the others are told why", async () => {
    const exam = await create({ title: "2026年度等级评定业务考试" });
    const quizId = examQuizId(exam.id);
    const url = `/quizzes/${quizId}`;
    const params = { id: quizId };
    // Before a round names it, the whole county may sit it.
    const [passed, waiting, decided, returned] = await createTakers(4, ids.county1Mediator.orgUnitId);
    expect((await examQuizzesFor(waiting.userId)).map((q) => q.id)).toContain(quizId);
    const r = await round(exam.id);
    await apply(r.id, passed, "committee_passed");
    await apply(r.id, waiting, "submitted");
    await apply(r.id, decided, "decided");
    await apply(r.id, returned, "returned");
    const sees = async (userId: number) => (await examQuizzesFor(userId)).some((q) => q.id === quizId);
    expect(await sees(passed.userId)).toBe(true);
    expect(await sees(decided.userId)).toBe(true);
    expect(await sees(waiting.userId)).toBe(false);
    expect(await sees(returned.userId)).toBe(false);
    expect(await sees(mediatorUserId)).toBe(false);
    // A mediator of the county without a passed application sees the exam's page with the reason, and cannot start it.
    const page = await callRoute(quizRoute.loader as never, { url, params, cookie: ids.cookies.mediator });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ isMediator: false, notApplicant: true });
    const refused = await callRoute(quizRoute.action as never, { url, params, cookie: ids.cookies.mediator, form: {} });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain("roundPanel.error.examApplicant");
    expect(await QuizAttempt.count({ where: { quizId } })).toBe(0);
    // Another county's mediator still finds no such quiz; the applicant past pre-review starts it.
    expect((await callRoute(quizRoute.loader as never, { url, params, cookie: ids.cookies.otherCounty })).status).toBe(404);
    const started = await startAttempt(passed.userId, (await findQuiz(quizId))!, new Date());
    expect(started.ok).toBe(true);
    // The exam's own roundId ties it too, without the round naming it.
    const other = await create({ title: "补考" });
    const r2 = await round(null);
    await other.update({ roundId: r2.id });
    await apply(r2.id, waiting, "panel");
    expect((await examQuizzesFor(waiting.userId)).map((q) => q.id)).toContain(examQuizId(other.id));
    expect((await examQuizzesFor(passed.userId)).map((q) => q.id)).not.toContain(examQuizId(other.id));
  });
});

const formOf = (raw: Map<number, string[]>, intent: string) => {
  const out: Form = { intent, present: [...raw.keys()].join(",") };
  for (const [p, v] of raw) out[`q${p}`] = v;
  return out;
};

describe("taking a scheduled exam on the attempt engine", () => {
  afterAll(async () => {
    await QuizAttempt.destroy({ where: {} });
    await ScheduledExam.destroy({ where: {} });
  });

  it("start, autosave, submit, score against the pass mark, report", async () => {
    // Objective questions only, so the score is final at submit (written answers wait for a grader).
    const exam = await create({
      passMark: "60",
      review: "score_only",
      "rules[0].type": "single",
      "rules[1].type": "true_false",
      "rules[1].count": "2",
    });
    const quizId = examQuizId(exam.id);
    const started = await post(quizRoute.action, `/quizzes/${quizId}`, {}, ids.cookies.mediator, { id: quizId });
    expect(started.status).toBe(302);
    const attemptId = Number(/\/quizzes\/attempts\/(\d+)$/.exec(started.location!)![1]);
    const attempt = (await QuizAttempt.findByPk(attemptId))!;
    expect(attempt.quizId).toBe(quizId);
    expect(attempt.settings.passMark).toBe(60);
    // Server-side timing: 30 minutes, within the window.
    expect(attempt.deadlineAt!.getTime() - attempt.startedAt.getTime()).toBe(30 * 60_000);

    const right = await answersFor(attemptId);
    const [first] = [...right.keys()];
    const saved = await post(
      takeRoute.action,
      `/quizzes/attempts/${attemptId}`,
      formOf(new Map([[first, right.get(first)!]]), "answer"),
      ids.cookies.mediator,
      {
        id: String(attemptId),
      },
    );
    expect(saved.status).toBe(200);
    const taking = await callRoute(takeRoute.loader as never, {
      url: `/quizzes/attempts/${attemptId}`,
      params: { id: String(attemptId) },
      cookie: ids.cookies.mediator,
    });
    expect((taking.body as { title: string }).title).toBe(exam.title);
    expect((taking.body as { items: ShownItem[] }).items.find((i) => i.position === first)!.answer.length).toBeGreaterThan(0);

    const submitted = await post(takeRoute.action, `/quizzes/attempts/${attemptId}`, formOf(right, "submit"), ids.cookies.mediator, {
      id: String(attemptId),
    });
    expect(submitted.status).toBe(302);
    await attempt.reload();
    expect(attempt.state).toBe("graded");
    expect(attempt.percent).toBe(100);
    expect(attempt.passed).toBe(true);
    // Submitting again grades nothing twice.
    expect(await submitAttempt(mediatorUserId, attemptId, right)).toMatchObject({ ok: true, already: true });

    const [weak] = await createTakers(1, ids.townshipMediator.orgUnitId);
    const quiz = (await findQuiz(quizId))!;
    const s = await startAttempt(weak.userId, quiz);
    if (!s.ok) throw new Error(s.error);
    await submitAttempt(weak.userId, s.attemptId, await answersFor(s.attemptId, { wrong: true }));
    const failed = (await QuizAttempt.findByPk(s.attemptId))!;
    expect(failed.passed).toBe(false);
    // score_only: the result never carries keys.
    const view = await resultView(failed, new Date());
    expect(view.items.every((i) => !("correct" in i))).toBe(true);

    // The creator's report, its workbook; another county's admin finds nothing.
    const report = await callRoute(reportRoute.loader as never, {
      url: `/quizzes/${quizId}/report`,
      params: { id: quizId },
      cookie: ids.cookies.county,
    });
    expect(report.status).toBe(200);
    expect((report.body as { report: { attempts: number; participants: number; passRate: number } }).report).toMatchObject({
      attempts: 2,
      participants: 2,
      passRate: 0.5,
    });
    expect(
      (
        await callRoute(reportXlsx.loader as never, {
          url: `/quizzes/${quizId}/report.xlsx`,
          params: { id: quizId },
          cookie: ids.cookies.trainer,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await callRoute(reportRoute.loader as never, {
          url: `/quizzes/${quizId}/report`,
          params: { id: quizId },
          cookie: ids.cookies.otherCounty,
        })
      ).status,
    ).toBe(404);
    // The list of the creator's subtree counts them.
    const list = await callRoute(examList.loader as never, { url: "/exams", cookie: ids.cookies.county });
    expect((list.body as { exams: { id: number; attempts: number; people: number }[] }).exams.find((e) => e.id === exam.id)).toMatchObject({
      attempts: 2,
      people: 2,
    });
    const other = await callRoute(examList.loader as never, { url: "/exams", cookie: ids.cookies.otherCounty });
    expect((other.body as { exams: unknown[] }).exams).toEqual([]);
  });

  it("never exceeds the attempts allowed, however many starts arrive at once", async () => {
    const exam = await create({ attemptsAllowed: "2", title: "两次机会" });
    const quiz = (await findQuiz(examQuizId(exam.id)))!;
    const [taker] = await createTakers(1, ids.townshipMediator.orgUnitId);
    for (let round = 0; round < 2; round++) {
      const starts = await Promise.all(Array.from({ length: 6 }, () => startAttempt(taker.userId, quiz)));
      const attemptIds = new Set(starts.map((s) => (s.ok ? s.attemptId : s.error)));
      expect(attemptIds.size).toBe(1);
      const [only] = [...attemptIds];
      expect(typeof only).toBe("number");
      await submitAttempt(taker.userId, only as number, await answersFor(only as number));
    }
    const more = await Promise.all(Array.from({ length: 4 }, () => startAttempt(taker.userId, quiz)));
    expect(more.every((s) => !s.ok && s.error === "noAttemptsLeft")).toBe(true);
    expect(await QuizAttempt.count({ where: { quizId: quiz.id, userId: taker.userId } })).toBe(2);
  });
});

describe("editing", () => {
  afterAll(async () => {
    await QuizAttempt.destroy({ where: {} });
    await ScheduledExam.destroy({ where: {} });
  });

  it("everything may change before the first attempt; afterwards only the title and closing time", async () => {
    const exam = await create();
    const url = `/exams/${exam.id}`;
    const params = { id: String(exam.id) };
    const before = await callRoute(examEdit.loader as never, { url, params, cookie: ids.cookies.county });
    expect((before.body as { attempts: number }).attempts).toBe(0);
    const changed = await post(examEdit.action, url, validForm({ passMark: "80", "rules[0].count": "4" }), ids.cookies.county, params);
    expect(changed.status).toBe(302);
    await exam.reload();
    expect(exam.settings.passMark).toBe(80);
    expect(exam.draw[0].count).toBe(4);

    // Someone starts.
    const started = await startAttempt(mediatorUserId, (await findQuiz(examQuizId(exam.id)))!);
    expect(started.ok).toBe(true);
    const page = await callRoute(examEdit.loader as never, { url, params, cookie: ids.cookies.county });
    expect((page.body as { attempts: number }).attempts).toBe(1);

    const closesAt = local(72 * HOUR);
    const locked = await post(
      examEdit.action,
      url,
      validForm({ title: "改名后的考试", closesAt, passMark: "10", "rules[0].count": "1", attemptsAllowed: "9" }),
      ids.cookies.county,
      params,
    );
    expect(locked.status).toBe(302);
    await exam.reload();
    expect(exam.title).toBe("改名后的考试");
    expect(toChinaLocal(exam.closesAt)).toBe(closesAt);
    expect(exam.settings).toMatchObject({ passMark: 80, attemptsAllowed: 2 });
    expect(exam.draw[0].count).toBe(4);
    // The running attempt follows the new close within its own time limit; its review waits for the new close.
    const running = (await QuizAttempt.findByPk(started.ok ? started.attemptId : 0))!;
    expect(running.settings.closesAt).toBe(exam.closesAt.toISOString());
    expect(running.deadlineAt!.getTime()).toBe(running.startedAt.getTime() + 30 * 60_000);
    // Closing sooner than the attempt's own limit ends it at the new close.
    const soon = local(10 * 60_000);
    expect((await post(examEdit.action, url, { title: exam.title, closesAt: soon }, ids.cookies.county, params)).status).toBe(302);
    await running.reload();
    expect(running.deadlineAt!.getTime()).toBe(parseChinaLocal(soon)!.getTime());
    expect(running.settings.closesAt).toBe(parseChinaLocal(soon)!.toISOString());
    // A bad closing time is still refused.
    const bad = await post(
      examEdit.action,
      url,
      { title: "x", closesAt: toChinaLocal(new Date(exam.opensAt.getTime() - HOUR)) },
      ids.cookies.county,
      params,
    );
    expect(bad.status).toBe(400);
    expect(errorsOf(bad).closesAt).toEqual(["exam.error.closesBeforeOpens"]);
    await exam.reload();
    expect(exam.title).toBe("改名后的考试");
    // A full edit prepared before the first attempt is refused whole.
    const scope = (await getOrgScope(ids.county1.id))!;
    const county = (await User.findOne({ where: { username: "demo_county" } }))!;
    const raced = await updateExam(
      { id: county.id, scopes: [scope], ip: "test" },
      exam.id,
      {
        kind: "full",
        input: {
          ...examSchema.parse({
            ...validForm(),
            orgUnitId: ids.county1.id,
            attemptsAllowed: 5,
            passMark: 50,
            timeLimitMinutes: 30,
            rules: [{ category: "labour", count: 2 }],
          }),
        },
      },
      new Date(),
    );
    expect(raced).toEqual({ ok: false, fieldErrors: {}, formErrors: ["exam.error.startedMeanwhile"] });
    await exam.reload();
    expect(exam.settings.attemptsAllowed).toBe(2);
    expect(await AuditEvent.count({ where: { action: "exam.updated", targetId: String(exam.id) } })).toBe(3);
    // Another county's admin cannot see or change it.
    expect((await callRoute(examEdit.loader as never, { url, params, cookie: ids.cookies.otherCounty })).status).toBe(404);
    expect((await post(examEdit.action, url, validForm(), ids.cookies.otherCounty, params)).status).toBe(404);
  });
});

describe("exam keys stay closed while a scheduled exam is open", () => {
  it("another quiz's review withholds every question the open exam can draw, until it closes", async () => {
    const [taker] = await createTakers(1, ids.townshipMediator.orgUnitId);
    const practice = getQuiz("practice-mixed")!;
    expect(practice.review).toBe("answers");
    const s = await startAttempt(taker.userId, practice);
    if (!s.ok) throw new Error(s.error);
    await submitAttempt(taker.userId, s.attemptId, await answersFor(s.attemptId, { skipShort: true }));
    const attempt = (await QuizAttempt.findByPk(s.attemptId))!;

    const rows = await QuizAttemptItem.findAll({ where: { attemptId: attempt.id } });
    const before = new Date();
    // What the content exams alone keep back of this attempt: not everything, or the test would prove nothing.
    const contentOnly = secretQuestionIds(practice.id, before);
    expect(rows.some((r) => !contentOnly.has(r.questionId))).toBe(true);
    expect((await resultView(attempt, before)).items.filter((i) => i.withheld).length).toBe(
      rows.filter((r) => contentOnly.has(r.questionId)).length,
    );

    // A scheduled exam whose one rule may draw any question of the banks.
    const exam = await create({ "rules[0].category": "", "rules[0].count": "1", review: "after_close" });
    const at = new Date();
    const secret = secretQuestionIds(practice.id, at, [...currentPools(), ...(await openExamPools(at))]);
    expect(secret.size).toBe(currentQuestions().length);
    const view = await resultView(attempt, at);
    expect(view.items.length).toBe(rows.length);
    for (const item of view.items) {
      expect(item.withheld).toBe(true);
      expect((item as ReviewedItem).correct).toBeUndefined();
      expect((item as ReviewedItem).explanation).toBeUndefined();
    }

    // The exam's own attempt is not withheld from itself by its own pool (after_close governs it).
    expect(secretQuestionIds(examQuizId(exam.id), at, await openExamPools(at)).size).toBe(0);

    // Once it has closed, only the content exams' rule applies.
    const later = new Date(exam.closesAt.getTime() + 1000);
    expect(await openExamPools(later)).toEqual([]);
    const afterClose = await resultView(attempt, later);
    const contentSecret = secretQuestionIds(practice.id, later);
    const withheldAfter = afterClose.items.filter((i: ShownItem | ReviewedItem) => i.withheld).length;
    expect(withheldAfter).toBe(rows.filter((r) => contentSecret.has(r.questionId)).length);
  });
});
