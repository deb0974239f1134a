import { setClock } from "~/.server/clock";
import { AuditEvent, QuizAttempt, QuizAttemptItem, User } from "~/.server/db/models";
import { answerForGrading, answerQueue, gradeAnswer, nextWaiting } from "~/.server/grading/answers";
import { getOrgScope, type OrgScope } from "~/.server/org";
import { startAttempt, submitAttempt } from "~/.server/quizzes/attempts";
import { getQuiz } from "~/.server/quizzes/bank";
import { resultView } from "~/.server/quizzes/views";
import * as gradeRoute from "~/routes/grading.answers.$id";
import * as queueRoute from "~/routes/grading._index";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { callRoute, seedWithPersonas } from "../support/personas";
import { answersFor, createTakers } from "../support/quiz-takers";

let db: TestDatabase;
let ids: Awaited<ReturnType<typeof seedWithPersonas>>;
let county1: OrgScope[];
let county2: OrgScope[];
let trainer: { id: number; scopes: OrgScope[] };
let attemptId: number;
let itemId: number;
const inWindow = new Date("2026-11-20T02:00:00Z");

beforeAll(async () => {
  db = await createMigratedDatabase();
  ids = await seedWithPersonas();
  county1 = [(await getOrgScope(ids.county1.id))!];
  county2 = [(await getOrgScope(ids.county2.id))!];
  trainer = { id: (await User.findOne({ where: { username: "demo_trainer" } }))!.id, scopes: county1 };
  // A mediator of 城关镇 (county 1) answers the annual test, case analysis included: it waits for a trainer.
  setClock(() => inWindow);
  const [taker] = await createTakers(1, ids.townshipMediator.orgUnitId);
  const started = await startAttempt(taker.userId, getQuiz("annual-knowledge-2026")!, inWindow);
  if (!started.ok) throw new Error(started.error);
  attemptId = started.attemptId;
  await submitAttempt(taker.userId, attemptId, await answersFor(attemptId), inWindow);
  itemId = (await QuizAttemptItem.findOne({ where: { attemptId, score: null } }))!.id;
});
afterAll(async () => {
  setClock(null);
  await db.drop();
});

describe("the grading queue", () => {
  it("lists the waiting answer to county 1's trainer only", async () => {
    const mine = await answerQueue(county1, { state: "waiting" });
    expect(mine.rows.map((r) => r.itemId)).toContain(itemId);
    expect(mine.waiting).toBeGreaterThanOrEqual(1);
    expect((await answerQueue(county2, { state: "waiting" })).rows.map((r) => r.itemId)).not.toContain(itemId);
    expect(await answerForGrading(county2, itemId)).toBeNull();
    expect(await nextWaiting(county1)).not.toBeNull();
    const foreign = await callRoute(gradeRoute.loader as never, {
      url: `/grading/answers/${itemId}`,
      params: { id: String(itemId) },
      cookie: ids.cookies.otherCounty,
    });
    expect(foreign.status).toBe(404);
    const page = await callRoute(queueRoute.loader as never, { url: "/grading", cookie: ids.cookies.trainer });
    expect(page.status).toBe(200);
  });

  it("shows the grader the answer beside the reference answer", async () => {
    const answer = (await answerForGrading(county1, itemId))!;
    expect(answer.answer).toContain("先稳定双方情绪");
    expect(answer.reference).toBeTruthy();
    expect(answer.points).toBe(getQuiz("annual-knowledge-2026")!.points.short);
  });
});

describe("grading an answer", () => {
  it("refuses a score outside the question's points, writing nothing", async () => {
    const before = await AuditEvent.count();
    expect(await gradeAnswer(trainer, itemId, { score: 99, comment: "", version: 0, reason: "" })).toEqual({
      ok: false,
      error: "scoreRange",
    });
    const bad = await callRoute(gradeRoute.action as never, {
      url: `/grading/answers/${itemId}`,
      params: { id: String(itemId) },
      cookie: ids.cookies.trainer,
      form: { score: "-1", version: "0" },
    });
    expect(bad.status).toBe(400);
    const errorsOf = (o: { body?: unknown }) => (o.body as { result: { error: Record<string, string[]> } }).result.error;
    expect(errorsOf(bad)).toEqual({ score: ["grading.scoreRange"] });
    const empty = await callRoute(gradeRoute.action as never, {
      url: `/grading/answers/${itemId}`,
      params: { id: String(itemId) },
      cookie: ids.cookies.trainer,
      form: { score: "", version: "0" },
    });
    expect(empty.status).toBe(400);
    expect(errorsOf(empty)).toEqual({ score: ["grading.scoreNumber"] });
    const over = await callRoute(gradeRoute.action as never, {
      url: `/grading/answers/${itemId}`,
      params: { id: String(itemId) },
      cookie: ids.cookies.trainer,
      form: { score: "99", version: "0", comment: "很好" },
    });
    expect(over.status).toBe(400);
    expect(errorsOf(over)).toEqual({ score: ["grading.error.scoreRange"] });
    expect((over.body as { result: { initialValue: Record<string, string> } }).result.initialValue).toMatchObject({
      score: "99",
      comment: "很好",
    });
    expect((await QuizAttemptItem.findByPk(itemId))!.score).toBeNull();
    expect(await AuditEvent.count()).toBe(before);
  });

  it("keeps the first of two graders' saves and tells the second about the conflict", async () => {
    const [first, second] = [
      await gradeAnswer(trainer, itemId, { score: 5.5, comment: "要点齐全，法律依据引用准确。", version: 0, reason: "" }),
      // A second grader (the county's admin) who opened the same answer at version 0.
      await gradeAnswer({ id: (await User.findOne({ where: { username: "demo_county" } }))!.id, scopes: county1 }, itemId, {
        score: 2,
        comment: "",
        version: 0,
        reason: "",
      }),
    ];
    expect(first).toEqual({ ok: true, attemptGraded: true });
    expect(second).toEqual({ ok: false, error: "conflict" });
    const item = (await QuizAttemptItem.findByPk(itemId))!;
    expect(item).toMatchObject({ score: 5.5, lockVersion: 1, gradedBy: trainer.id, graderComment: "要点齐全，法律依据引用准确。" });
  });

  it("finalises the attempt once nothing waits, and audits the grade", async () => {
    const attempt = (await QuizAttempt.findByPk(attemptId))!;
    const items = await QuizAttemptItem.findAll({ where: { attemptId } });
    const total = items.reduce((s, i) => s + i.score!, 0);
    expect(attempt.state).toBe("graded");
    expect(attempt.score).toBe(total);
    expect(attempt.percent).toBe(Math.round((total * 10000) / attempt.maxScore) / 100);
    expect(attempt.passed).toBe(attempt.percent! >= 60);
    const event = (await AuditEvent.findOne({ where: { action: "quiz.answer.grade", targetId: String(itemId) } }))!;
    expect(JSON.parse(event.afterSummary!)).toMatchObject({ score: 5.5 });
    expect(JSON.parse(event.beforeSummary!)).toMatchObject({ score: null });
  });

  it("needs a reason to change a final grade, and audits old and new", async () => {
    expect(await gradeAnswer(trainer, itemId, { score: 6, comment: "", version: 1, reason: "" })).toEqual({
      ok: false,
      error: "reasonRequired",
    });
    expect(await gradeAnswer(trainer, itemId, { score: 6, comment: "复核后加分。", version: 1, reason: "复核：第三点已答出" })).toEqual({
      ok: true,
      attemptGraded: true,
    });
    const event = (await AuditEvent.findOne({ where: { action: "quiz.answer.regrade", targetId: String(itemId) } }))!;
    expect(event.reason).toBe("复核：第三点已答出");
    expect(JSON.parse(event.beforeSummary!)).toMatchObject({ score: 5.5 });
    expect(JSON.parse(event.afterSummary!)).toMatchObject({ score: 6 });
  });

  it("shows the comment to the mediator once the review opens", async () => {
    const attempt = (await QuizAttempt.findByPk(attemptId))!;
    const closed = await resultView(attempt, new Date("2027-01-02T00:00:00Z"));
    const short = closed.items.find((i) => i.type === "short") as { comment?: string | null; score?: number | null };
    expect(short).toMatchObject({ comment: "复核后加分。", score: 6 });
    const before = await resultView(attempt, inWindow);
    expect(JSON.stringify(before)).not.toContain("复核后加分");
  });
});
