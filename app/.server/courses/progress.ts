import { QueryTypes, UniqueConstraintError } from "sequelize";
import type { CompiledCourse } from "~/lib/course";
import { getSequelize, inTransaction } from "../db/connection";
import { parseDbDate } from "../db/dates";
import { CourseEnrolment, LessonProgress } from "../db/models";
import { completeLocked } from "./completion";

/** Enrols the user (again: nothing changes). */
export async function enrol(userId: number, courseSlug: string): Promise<CourseEnrolment> {
  const existing = await CourseEnrolment.findOne({ where: { userId, courseSlug } });
  if (existing) return existing;
  try {
    return await CourseEnrolment.create({ userId, courseSlug, enrolledAt: new Date() });
  } catch (error) {
    if (error instanceof UniqueConstraintError) return (await CourseEnrolment.findOne({ where: { userId, courseSlug } }))!;
    throw error;
  }
}

export type CourseProgress = { enrolled: boolean; read: string[]; completedAt: string | null };

/** One user's progress in one course; a raw query, as every lesson page asks for it. */
export async function progressIn(userId: number, course: CompiledCourse): Promise<CourseProgress> {
  const rows = (await getSequelize().query(
    `SELECT e.completed_at, p.lesson_slug
       FROM course_enrolments e
       LEFT JOIN lesson_progress p ON p.enrolment_id = e.id
      WHERE e.user_id = :userId AND e.course_slug = :slug`,
    { replacements: { userId, slug: course.slug }, type: QueryTypes.SELECT },
  )) as { completed_at: Date | string | null; lesson_slug: string | null }[];
  if (rows.length === 0) return { enrolled: false, read: [], completedAt: null };
  const slugs = new Set(course.lessons.map((l) => l.slug));
  const read = rows.map((r) => r.lesson_slug).filter((s): s is string => s !== null && slugs.has(s));
  const completed = rows[0].completed_at;
  return { enrolled: true, read, completedAt: completed ? parseDbDate(completed).toISOString() : null };
}

/** Read counts and completion for every course the user is enrolled in, for catalog progress bars. */
export async function progressByCourse(userId: number, courses: CompiledCourse[]) {
  const enrolments = await CourseEnrolment.findAll({
    where: { userId },
    include: [{ model: LessonProgress, as: "progress", attributes: ["lessonSlug"] }],
  });
  const result: Record<string, { read: number; total: number; completed: boolean }> = {};
  for (const e of enrolments) {
    const course = courses.find((c) => c.slug === e.courseSlug);
    if (!course) continue;
    const slugs = new Set(course.lessons.map((l) => l.slug));
    const read = (e.get("progress") as LessonProgress[]).filter((p) => slugs.has(p.lessonSlug)).length;
    result[course.slug] = { read, total: course.lessons.length, completed: Boolean(e.completedAt) };
  }
  return result;
}

export type MarkResult = { ok: true; completedNow: boolean } | { ok: false; error: "notEnrolled" | "unknownLesson" };

/**
 * Marks a lesson read (twice counts once). When every lesson is then read and the quiz gate is
 * passed, completes the course and writes its one training record, in the same transaction: the
 * enrolment is locked before the lesson is written and the quiz is looked at (./completion.ts).
 */
export async function markLessonRead(userId: number, course: CompiledCourse, lessonSlug: string): Promise<MarkResult> {
  if (!course.lessons.some((l) => l.slug === lessonSlug)) return { ok: false, error: "unknownLesson" };
  const found = await CourseEnrolment.findOne({ where: { userId, courseSlug: course.slug }, attributes: ["id"] });
  if (!found) return { ok: false, error: "notEnrolled" };
  return inTransaction(async (transaction) => {
    const enrolment = (await CourseEnrolment.findByPk(found.id, { transaction, lock: transaction.LOCK.UPDATE }))!;
    const already = await LessonProgress.findOne({ where: { enrolmentId: enrolment.id, lessonSlug }, transaction });
    if (!already) {
      // With the enrolment locked, a double submit waits here and then finds the row; the unique key stays as a guard.
      await LessonProgress.create({ enrolmentId: enrolment.id, lessonSlug, readAt: new Date() }, { transaction }).catch((error) => {
        if (!(error instanceof UniqueConstraintError)) throw error;
      });
    }
    const completedNow = await completeLocked(enrolment, userId, course, transaction);
    return { ok: true as const, completedNow };
  });
}
