import { Op, QueryTypes, type Transaction } from "sequelize";
import type { CompiledCourse } from "~/lib/course";
import { todayInChina } from "~/lib/dates";
import { getSequelize, inTransaction } from "../db/connection";
import { parseDbDate } from "../db/dates";
import { CourseEnrolment, LessonProgress } from "../db/models";
import { quizOfCourse } from "../quizzes/bank";
import { recordTraining } from "../training/ledger";
import { listCourses } from "./catalog";
import { courseQuizPassed } from "./quiz-gate";

/**
 * A course completes when every lesson is read and its quiz (if it has one) is passed. The write
 * that makes the second of these true — the last lesson read, a quiz submitted and passed, a
 * trainer's grade that passes an attempt — completes it in its own transaction, together with the
 * course's one line in the training ledger, so a crash leaves both or neither.
 *
 * Both paths lock the enrolment row first (SELECT … FOR UPDATE on MySQL/MariaDB; SQLite runs one
 * writer at a time anyway) and only then read the other condition. Under READ COMMITTED each
 * statement sees what was committed before it, so of a last lesson and a quiz pass at the same
 * moment the second to get the lock sees the first's committed write: one of them completes the
 * course, never both, never neither.
 */

/** The enrolment, locked for this transaction. */
const lockEnrolment = (enrolmentId: number, transaction: Transaction) =>
  CourseEnrolment.findByPk(enrolmentId, { transaction, lock: transaction.LOCK.UPDATE });

export type CompleteOptions = {
  /** The caller has just passed the course quiz in this transaction. */
  quizPassed?: boolean;
  /** When the course completed (default now); the repair gives the moment it should have. */
  at?: Date;
};

/**
 * In the caller's transaction: locks the enrolment and completes the course, with its ledger line,
 * if it is not complete yet, every lesson is read and the quiz gate is passed. True when it
 * completed now. The caller must not have written to the enrolment's lessons before the lock.
 */
export async function completeIfDone(
  enrolmentId: number,
  userId: number,
  course: CompiledCourse,
  transaction: Transaction,
  options: CompleteOptions = {},
): Promise<boolean> {
  const enrolment = await lockEnrolment(enrolmentId, transaction);
  if (!enrolment || enrolment.completedAt) return false;
  return completeLocked(enrolment, userId, course, transaction, options);
}

/** completeIfDone for an enrolment the caller has already locked in this transaction. */
export async function completeLocked(
  enrolment: CourseEnrolment,
  userId: number,
  course: CompiledCourse,
  transaction: Transaction,
  options: CompleteOptions = {},
): Promise<boolean> {
  if (enrolment.completedAt) return false;
  const read = await LessonProgress.count({
    where: { enrolmentId: enrolment.id, lessonSlug: { [Op.in]: course.lessons.map((l) => l.slug) } },
    transaction,
  });
  if (read < course.lessons.length) return false;
  if (!options.quizPassed && !(await courseQuizPassed(userId, course.slug, transaction))) return false;
  const at = options.at ?? new Date();
  await enrolment.update({ completedAt: at }, { transaction });
  await writeLedgerLine(enrolment.id, userId, course, at, transaction);
  return true;
}

const writeLedgerLine = (enrolmentId: number, userId: number, course: CompiledCourse, at: Date, transaction: Transaction) =>
  recordTraining(
    {
      source: "course",
      sourceId: enrolmentId,
      userId,
      occurredOn: todayInChina(at),
      hours: course.hours,
      form: "online_course",
      kind: course.kind,
      title: course.title,
    },
    transaction,
  );

export type Repair = {
  enrolmentId: number;
  userId: number;
  courseSlug: string;
  occurredOn: string;
  hours: number;
  wrote: "completion and ledger line" | "ledger line";
};

const num = (v: unknown) => Number(v);
const dateOrNull = (v: unknown) => (v === null || v === undefined ? null : parseDbDate(v as Date | string));
const later = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);

/**
 * Finds and repairs what a crash between two writes could have left before completion became one
 * transaction (and what anything else may leave): an enrolment with every lesson read and the quiz
 * passed but no completion, and a completion without its ledger line. A missing completion is dated
 * when it should have happened — the later of the last lesson read and the first quiz pass (its
 * submission, or the last grade of its written answers) — and gets its ledger line, with the
 * course's hours, for that day in China. Each repair runs in its own transaction with the
 * enrolment locked and the conditions checked again, so it is safe beside live traffic; run twice,
 * the second run finds nothing. Called by `npm run stats:rebuild` before the summaries are rebuilt.
 */
export async function repairCompletions(): Promise<Repair[]> {
  const sequelize = getSequelize();
  const repairs: Repair[] = [];
  let recorded: Set<string> | undefined;
  for (const course of listCourses()) {
    if (course.lessons.length === 0) continue;
    const quiz = quizOfCourse(course.slug);
    const lessons = course.lessons.map((l) => l.slug);

    // Every lesson read, quiz passed (when there is one), not completed.
    const missing = (await sequelize.query(
      `SELECT e.id, e.user_id, MAX(p.read_at) AS last_read
         FROM course_enrolments e
         JOIN lesson_progress p ON p.enrolment_id = e.id AND p.lesson_slug IN (:lessons)
        WHERE e.course_slug = :slug AND e.completed_at IS NULL
          ${quiz ? "AND EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.user_id = e.user_id AND a.quiz_id = :quiz AND a.passed = :yes)" : ""}
        GROUP BY e.id, e.user_id
       HAVING COUNT(DISTINCT p.lesson_slug) = :count`,
      { replacements: { lessons, slug: course.slug, quiz: quiz?.id ?? null, yes: true, count: lessons.length }, type: QueryTypes.SELECT },
    )) as { id: number; user_id: number; last_read: Date | string }[];
    for (const row of missing) {
      const enrolmentId = num(row.id);
      const userId = num(row.user_id);
      const at = later(dateOrNull(row.last_read), quiz ? await firstPass(userId, quiz.id) : null) ?? new Date();
      const done = await inTransaction((transaction) => completeIfDone(enrolmentId, userId, course, transaction, { at }));
      if (!done) continue;
      recorded?.add(String(enrolmentId));
      repairs.push({
        enrolmentId,
        userId,
        courseSlug: course.slug,
        occurredOn: todayInChina(at),
        hours: course.hours,
        wrote: "completion and ledger line",
      });
    }

    // Completed, but no ledger line (compared here: source_id is text, and a cast's collation differs by server).
    const completed = (await sequelize.query(
      "SELECT id, user_id FROM course_enrolments WHERE course_slug = :slug AND completed_at IS NOT NULL",
      {
        replacements: { slug: course.slug },
        type: QueryTypes.SELECT,
      },
    )) as { id: number; user_id: number }[];
    recorded ??= new Set(
      (
        (await sequelize.query("SELECT source_id FROM training_records WHERE source = 'course'", { type: QueryTypes.SELECT })) as {
          source_id: string;
        }[]
      ).map((r) => String(r.source_id)),
    );
    for (const row of completed.filter((e) => !recorded!.has(String(e.id)))) {
      const enrolmentId = num(row.id);
      const userId = num(row.user_id);
      const written = await inTransaction(async (transaction) => {
        const enrolment = await lockEnrolment(enrolmentId, transaction);
        if (!enrolment?.completedAt) return null;
        const { created } = await writeLedgerLine(enrolmentId, userId, course, enrolment.completedAt, transaction);
        return created ? todayInChina(enrolment.completedAt) : null;
      });
      if (written)
        repairs.push({ enrolmentId, userId, courseSlug: course.slug, occurredOn: written, hours: course.hours, wrote: "ledger line" });
    }
  }
  return repairs;
}

/** When the user first passed the quiz: an attempt's submission, or the last grade of its written answers. */
async function firstPass(userId: number, quizId: string): Promise<Date | null> {
  const rows = (await getSequelize().query(
    `SELECT a.submitted_at, MAX(i.graded_at) AS graded_at
       FROM quiz_attempts a LEFT JOIN quiz_attempt_items i ON i.attempt_id = a.id
      WHERE a.user_id = :userId AND a.quiz_id = :quizId AND a.passed = :yes
      GROUP BY a.id, a.submitted_at`,
    { replacements: { userId, quizId, yes: true }, type: QueryTypes.SELECT },
  )) as { submitted_at: Date | string | null; graded_at: Date | string | null }[];
  let first: Date | null = null;
  for (const r of rows) {
    const passedAt = later(dateOrNull(r.submitted_at), dateOrNull(r.graded_at));
    if (passedAt && (!first || passedAt < first)) first = passedAt;
  }
  return first;
}
