import { spawnSync } from "node:child_process";
import path from "node:path";
import { setClock } from "~/.server/clock";
import { getCourse } from "~/.server/courses/catalog";
import { repairCompletions } from "~/.server/courses/completion";
import { enrol, markLessonRead } from "~/.server/courses/progress";
import { getSequelize } from "~/.server/db/connection";
import { AuditEvent, CourseEnrolment, LessonProgress, QuizAttempt, QuizAttemptItem, TrainingRecord, User } from "~/.server/db/models";
import { gradeAnswer } from "~/.server/grading/answers";
import { getOrgScope } from "~/.server/org";
import { startAttempt, submitAttempt } from "~/.server/quizzes/attempts";
import { getQuiz, quizOfCourse } from "~/.server/quizzes/bank";
import { removeTraining } from "~/.server/training/ledger";
import { compareStats } from "~/.server/training/stats";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { seedWithPersonas } from "../support/personas";
import { answersFor, createTakers } from "../support/quiz-takers";

/**
 * Course completion is written in the transaction of the write that completes the course — the last
 * lesson read, a passing quiz submit, a trainer's passing grade — with the enrolment locked, and
 * `npm run stats:rebuild` repairs a completion lost before that was so. Runs on SQLite and on
 * MySQL/MariaDB (DATABASE_URL).
 */

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

const traffic = () => getCourse("traffic")!;
const enrolmentOf = async (userId: number, slug = "traffic") => (await CourseEnrolment.findOne({ where: { userId, courseSlug: slug } }))!;
const ledgerLines = (enrolmentId: number) => TrainingRecord.count({ where: { source: "course", sourceId: String(enrolmentId) } });

/** `n` takers enrolled in traffic with every lesson but the last read, and an attempt of its quiz started, with the answers that pass it. */
async function nearlyDone(n: number) {
  const course = traffic();
  const takers = await createTakers(n, ids.townshipMediator.orgUnitId);
  // Set up directly: enrolled, every lesson but the last read.
  const enrolments = await CourseEnrolment.bulkCreate(
    takers.map((t) => ({ userId: t.userId, courseSlug: course.slug, enrolledAt: new Date() })),
  );
  await LessonProgress.bulkCreate(
    enrolments.flatMap((e) => course.lessons.slice(0, -1).map((l) => ({ enrolmentId: e.id, lessonSlug: l.slug, readAt: new Date() }))),
  );
  const ready = [];
  for (const t of takers) {
    const started = await startAttempt(t.userId, quizOfCourse(course.slug)!);
    if (!started.ok) throw new Error(started.error);
    ready.push({ ...t, attemptId: started.attemptId, answers: await answersFor(started.attemptId) });
  }
  return ready;
}

/** Makes the next ledger write throw inside its transaction, as a crash after grading would. */
function crashOnLedgerWrite() {
  TrainingRecord.addHook("beforeCreate", "crash", () => {
    throw new Error("simulated crash before the ledger line");
  });
  return () => TrainingRecord.removeHook("beforeCreate", "crash");
}

/** Runs `fn` after `ms` milliseconds (fractions too), yielding to the event loop meanwhile. */
async function after<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  const until = performance.now() + ms;
  while (performance.now() < until) await new Promise((resolve) => setImmediate(resolve));
  return fn();
}

describe("the last lesson and a passing quiz at the same moment", () => {
  it("complete the course exactly once, with one ledger line, in each of 30 rounds", async () => {
    const course = traffic();
    const last = course.lessons.at(-1)!.slug;
    const ROUNDS = 30;
    const PAIRS = 4;
    const takers = await nearlyDone(ROUNDS * PAIRS);
    for (let round = 0; round < ROUNDS; round++) {
      // Four takers at once; each reads the last lesson from 3 ms before to 11 ms after submitting its quiz.
      const outcomes = await Promise.all(
        takers.slice(round * PAIRS, (round + 1) * PAIRS).map(async (t, i) => {
          const offset = (((round * PAIRS + i) * 7) % 29) / 2 - 3;
          const [marked, submitted] = await Promise.all([
            after(Math.max(offset, 0), () => markLessonRead(t.userId, course, last)),
            after(Math.max(-offset, 0), () => submitAttempt(t.userId, t.attemptId, t.answers)),
          ]);
          return { t, marked, submitted };
        }),
      );
      for (const { t, marked, submitted } of outcomes) {
        if (!marked.ok || !submitted.ok) throw new Error(`round ${round}: ${JSON.stringify({ marked, submitted })}`);
        expect((await QuizAttempt.findByPk(t.attemptId))!.passed).toBe(true);
        // Exactly one of the two completed it; it is complete, with one ledger line.
        expect([marked.completedNow, submitted.courseCompleted].filter(Boolean)).toHaveLength(1);
        const enrolment = await enrolmentOf(t.userId);
        expect(enrolment.completedAt).not.toBeNull();
        expect(await ledgerLines(enrolment.id)).toBe(1);
      }
    }
    expect(await compareStats()).toEqual([]);
  });
});

describe("a crash while completing leaves nothing half-written", () => {
  it("a passing submit whose ledger write fails is rolled back whole, and can be submitted again", async () => {
    const course = traffic();
    const [t] = await nearlyDone(1);
    await markLessonRead(t.userId, course, course.lessons.at(-1)!.slug);
    const enrolment = await enrolmentOf(t.userId);
    const restore = crashOnLedgerWrite();
    try {
      await expect(submitAttempt(t.userId, t.attemptId, t.answers)).rejects.toThrow("simulated crash");
    } finally {
      restore();
    }
    // Not graded, answers not saved, not completed, no ledger line, summaries untouched.
    const attempt = (await QuizAttempt.findByPk(t.attemptId))!;
    expect(attempt).toMatchObject({ state: "in_progress", passed: null, gradings: 0 });
    const items = await QuizAttemptItem.findAll({ where: { attemptId: t.attemptId } });
    expect(items.every((i) => i.answer === null && i.score === null)).toBe(true);
    expect((await enrolment.reload()).completedAt).toBeNull();
    expect(await ledgerLines(enrolment.id)).toBe(0);
    expect(await compareStats()).toEqual([]);

    const again = await submitAttempt(t.userId, t.attemptId, t.answers);
    expect(again).toMatchObject({ ok: true, already: false, courseCompleted: true });
    expect((await enrolment.reload()).completedAt).not.toBeNull();
    expect(await ledgerLines(enrolment.id)).toBe(1);
  });

  it("a last lesson whose ledger write fails is not marked read", async () => {
    const course = traffic();
    const [t] = await nearlyDone(1);
    await submitAttempt(t.userId, t.attemptId, t.answers);
    const enrolment = await enrolmentOf(t.userId);
    const last = course.lessons.at(-1)!.slug;
    const restore = crashOnLedgerWrite();
    try {
      await expect(markLessonRead(t.userId, course, last)).rejects.toThrow("simulated crash");
    } finally {
      restore();
    }
    expect(await LessonProgress.count({ where: { enrolmentId: enrolment.id, lessonSlug: last } })).toBe(0);
    expect((await enrolment.reload()).completedAt).toBeNull();
    expect(await ledgerLines(enrolment.id)).toBe(0);
    expect(await markLessonRead(t.userId, course, last)).toEqual({ ok: true, completedNow: true });
    expect(await ledgerLines(enrolment.id)).toBe(1);
  });
});

describe("a trainer's grade that passes a course quiz", () => {
  // No course quiz has a written answer yet: an annual-test attempt is made the traffic quiz's by hand.
  const inWindow = new Date("2026-11-20T02:00:00Z");

  async function pendingCourseAttempt() {
    const course = traffic();
    const [t] = await createTakers(1, ids.townshipMediator.orgUnitId);
    await enrol(t.userId, course.slug);
    for (const lesson of course.lessons) await markLessonRead(t.userId, course, lesson.slug);
    const started = await startAttempt(t.userId, getQuiz("annual-knowledge-2026")!, inWindow);
    if (!started.ok) throw new Error(started.error);
    await submitAttempt(t.userId, started.attemptId, await answersFor(started.attemptId), inWindow);
    const attempt = (await QuizAttempt.findByPk(started.attemptId))!;
    expect(attempt.state).toBe("pending");
    await attempt.update({ quizId: quizOfCourse(course.slug)!.id, settings: { ...attempt.settings, course: course.slug } });
    const waiting = await QuizAttemptItem.findAll({ where: { attemptId: attempt.id, score: null } });
    return { userId: t.userId, attempt, waiting };
  }

  it("completes the course in the grade's transaction; a crash there undoes the grade and its audit row", async () => {
    setClock(() => inWindow);
    const trainer = {
      id: (await User.findOne({ where: { username: "demo_trainer" } }))!.id,
      scopes: [(await getOrgScope(ids.county1.id))!],
    };
    const { userId, attempt, waiting } = await pendingCourseAttempt();
    expect(waiting).toHaveLength(1);
    const item = waiting[0];
    const enrolment = await enrolmentOf(userId);
    expect(enrolment.completedAt).toBeNull();

    const audits = await AuditEvent.count();
    const restore = crashOnLedgerWrite();
    try {
      await expect(
        gradeAnswer(trainer, item.id, { score: item.points, comment: "", version: item.lockVersion, reason: "" }),
      ).rejects.toThrow("simulated crash");
    } finally {
      restore();
    }
    expect((await item.reload()).score).toBeNull();
    expect((await attempt.reload()).state).toBe("pending");
    expect(await AuditEvent.count()).toBe(audits);
    expect((await enrolment.reload()).completedAt).toBeNull();
    expect(await ledgerLines(enrolment.id)).toBe(0);

    expect(await gradeAnswer(trainer, item.id, { score: item.points, comment: "", version: item.lockVersion, reason: "" })).toEqual({
      ok: true,
      attemptGraded: true,
    });
    expect((await attempt.reload()).passed).toBe(true);
    expect((await enrolment.reload()).completedAt).not.toBeNull();
    expect(await ledgerLines(enrolment.id)).toBe(1);
    expect(await compareStats()).toEqual([]);
  });
});

describe("stats:rebuild repairs a lost completion", () => {
  const sequelize = () => getSequelize();
  const at = (iso: string) => new Date(iso);

  /** Puts an enrolment in the state a crash between grading and completion left: no completion, no ledger line. */
  async function loseCompletion(enrolmentId: number, keepCompletion = false) {
    await sequelize().transaction(async (transaction) => {
      expect(await removeTraining("course", enrolmentId, transaction)).toBe(true);
      if (!keepCompletion) await CourseEnrolment.update({ completedAt: null }, { where: { id: enrolmentId }, transaction });
    });
  }

  /** A completed traffic course whose lessons were read at `readAt` (the last at `lastRead`) and quiz passed at `passedAt`. */
  async function completedWith(readAt: string, lastRead: string, passedAt: string) {
    const course = traffic();
    const [t] = await nearlyDone(1);
    await submitAttempt(t.userId, t.attemptId, t.answers);
    await markLessonRead(t.userId, course, course.lessons.at(-1)!.slug);
    const enrolment = await enrolmentOf(t.userId);
    await LessonProgress.update({ readAt: at(readAt) }, { where: { enrolmentId: enrolment.id } });
    await LessonProgress.update({ readAt: at(lastRead) }, { where: { enrolmentId: enrolment.id, lessonSlug: course.lessons[2].slug } });
    await QuizAttempt.update({ submittedAt: at(passedAt) }, { where: { id: t.attemptId } });
    return { userId: t.userId, enrolmentId: enrolment.id };
  }

  const snapshot = async () => ({
    enrolments: (await CourseEnrolment.findAll({ order: [["id", "ASC"]] })).map((e) => [e.id, e.completedAt?.toISOString() ?? null]),
    ledger: (await TrainingRecord.findAll({ order: [["id", "ASC"]] })).map((r) => [r.id, r.source, r.sourceId, r.occurredOn, r.hours]),
    stats: await compareStats(),
  });

  it("finds nothing to repair in a consistent database", async () => {
    expect(await repairCompletions()).toEqual([]);
  });

  it("puts back the completion and its ledger line, dated when the course was completed, and a second run changes nothing", async () => {
    const course = traffic();
    // Lessons read last at 17:30 UTC on 5 March (6 March in China), quiz passed before that.
    const afterReading = await completedWith("2026-03-02T01:00:00Z", "2026-03-05T17:30:00Z", "2026-03-01T02:00:00Z");
    // Quiz passed a month after the reading.
    const afterQuiz = await completedWith("2026-02-10T01:00:00Z", "2026-02-11T03:00:00Z", "2026-04-01T01:00:00Z");
    // A completion that kept its date but lost its ledger line.
    const unrecorded = await completedWith("2026-05-02T01:00:00Z", "2026-05-03T01:00:00Z", "2026-05-04T20:00:00Z");
    await loseCompletion(afterReading.enrolmentId);
    await loseCompletion(afterQuiz.enrolmentId);
    await loseCompletion(unrecorded.enrolmentId, true);
    await CourseEnrolment.update({ completedAt: at("2026-05-04T20:00:00Z") }, { where: { id: unrecorded.enrolmentId } });
    expect(await ledgerLines(afterReading.enrolmentId)).toBe(0);
    expect(await ledgerLines(unrecorded.enrolmentId)).toBe(0);

    // Not to be completed: a quiz passed with a lesson unread, and every lesson read with the quiz failed.
    const [unread] = await nearlyDone(1);
    await submitAttempt(unread.userId, unread.attemptId, unread.answers);
    const [failed] = await nearlyDone(1);
    await markLessonRead(failed.userId, course, course.lessons.at(-1)!.slug);
    await submitAttempt(failed.userId, failed.attemptId, await answersFor(failed.attemptId, { wrong: true }));

    const repairs = await repairCompletions();
    expect(repairs.sort((a, b) => a.enrolmentId - b.enrolmentId)).toEqual(
      [
        { ...afterReading, courseSlug: "traffic", occurredOn: "2026-03-06", hours: course.hours, wrote: "completion and ledger line" },
        { ...afterQuiz, courseSlug: "traffic", occurredOn: "2026-04-01", hours: course.hours, wrote: "completion and ledger line" },
        { ...unrecorded, courseSlug: "traffic", occurredOn: "2026-05-05", hours: course.hours, wrote: "ledger line" },
      ].sort((a, b) => a.enrolmentId - b.enrolmentId),
    );
    const expected = [
      [afterReading, "2026-03-05T17:30:00.000Z", "2026-03-06"],
      [afterQuiz, "2026-04-01T01:00:00.000Z", "2026-04-01"],
      [unrecorded, "2026-05-04T20:00:00.000Z", "2026-05-05"],
    ] as const;
    for (const [e, completedAt, occurredOn] of expected) {
      expect((await CourseEnrolment.findByPk(e.enrolmentId))!.completedAt!.toISOString()).toBe(completedAt);
      const lines = await TrainingRecord.findAll({ where: { source: "course", sourceId: String(e.enrolmentId) } });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        userId: e.userId,
        occurredOn,
        hours: course.hours,
        form: "online_course",
        kind: course.kind,
        title: course.title,
      });
    }
    expect((await enrolmentOf(unread.userId)).completedAt).toBeNull();
    expect((await enrolmentOf(failed.userId)).completedAt).toBeNull();
    expect(await compareStats()).toEqual([]);

    const before = await snapshot();
    expect(await repairCompletions()).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it("npm run stats:rebuild reports and repairs one, then finds nothing", async () => {
    const [t] = await nearlyDone(1);
    await submitAttempt(t.userId, t.attemptId, t.answers);
    await markLessonRead(t.userId, traffic(), traffic().lessons.at(-1)!.slug);
    const enrolment = await enrolmentOf(t.userId);
    await loseCompletion(enrolment.id);
    const run = () => {
      const root = path.resolve(__dirname, "../..");
      const result = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/stats-rebuild.ts"], {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: db.url },
      });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      return result.stdout;
    };
    const first = run();
    expect(first).toContain(`✚ enrolment ${enrolment.id} (user ${t.userId}, traffic): wrote the missing completion and ledger line`);
    expect(first).toContain("Repaired 1 course completions.");
    expect(first).toContain("they already agreed with the ledger");
    expect((await enrolment.reload()).completedAt).not.toBeNull();
    expect(await ledgerLines(enrolment.id)).toBe(1);
    const second = run();
    expect(second).toContain("Course completions: nothing missing.");
    expect(second).toContain("they already agreed with the ledger");
  });
});
