import { Op } from "sequelize";
import { currentYearInChina, isoOrNull, todayInChina } from "~/lib/dates";
import { checkinWindow } from "~/lib/event";
import { assignmentsForUser } from "../courses/assignments";
import { getCourse, listCourses } from "../courses/catalog";
import { progressByCourse } from "../courses/progress";
import { EventRegistration, Exercise, ExerciseSubmission, TrainingEvent, TrainingLog } from "../db/models";
import { quizCards } from "../quizzes/overview";
import { mediatorStanding } from "../training/standing";

export type MediatorRef = { id: number; userId: number; orgPath: string; appointedOn: string | null };

/**
 * What a mediator has to do and where they stand: assigned courses with progress, exams open to
 * them, their registrations ahead (with check-in open or not), the year against the minimums,
 * logs and exercises returned to fix, and grades released lately. One round of parallel reads.
 */
export async function mediatorWorkspace(mediator: MediatorRef, at: Date) {
  const year = currentYearInChina(at);
  const [assigned, progress, quizzes, registrations, standing, returnedLogs, submissions] = await Promise.all([
    assignmentsForUser(mediator.userId, year),
    progressByCourse(mediator.userId, listCourses()),
    quizCards(mediator.userId, at),
    EventRegistration.findAll({
      where: { userId: mediator.userId, status: { [Op.in]: ["confirmed", "waitlisted"] } },
      include: [
        {
          model: TrainingEvent,
          as: "event",
          where: { status: "scheduled", endsAt: { [Op.gte]: at } },
          attributes: ["id", "title", "startsAt", "endsAt", "place"],
        },
      ],
      attributes: ["id", "status", "attendedAt"],
    }),
    mediatorStanding(mediator, year, todayInChina(at)),
    TrainingLog.findAll({
      where: { authorUserId: mediator.userId, status: "rejected" },
      attributes: ["id", "type", "occurredOn", "rejectionReason"],
      order: [["decidedAt", "DESC"]],
      limit: 10,
      raw: true,
    }),
    ExerciseSubmission.findAll({
      where: { userId: mediator.userId, state: { [Op.in]: ["returned", "released"] } },
      include: [{ model: Exercise, as: "exercise", attributes: ["id", "title", "rubric"] }],
      attributes: ["id", "exerciseId", "state", "score", "passed", "releasedAt", "gradedAt"],
      order: [["gradedAt", "DESC"]],
      limit: 20,
    }),
  ]);
  const events = registrations
    .map((r) => ({ r, e: r.get("event") as TrainingEvent }))
    .sort((a, b) => a.e.startsAt.getTime() - b.e.startsAt.getTime())
    .map(({ r, e }) => ({
      id: e.id,
      title: e.title,
      startsAt: isoOrNull(e.startsAt),
      endsAt: isoOrNull(e.endsAt),
      place: e.place,
      status: r.status,
      attended: Boolean(r.attendedAt),
      // The same window as events.checkIn (from 30 minutes before the start to the end).
      checkinOpen: !r.attendedAt && r.status === "confirmed" && checkinWindow(e, at.getTime()).state === "open",
    }));
  const exercise = (s: ExerciseSubmission) => s.get("exercise") as Exercise;
  return {
    year,
    courses: assigned.map((a) => {
      const p = progress[a.courseSlug];
      const course = getCourse(a.courseSlug);
      return {
        slug: a.courseSlug,
        title: course?.title ?? a.courseSlug,
        dueOn: a.dueOn,
        read: p?.read ?? 0,
        total: p?.total ?? course?.lessons.length ?? 0,
        completed: p?.completed ?? false,
      };
    }),
    quizzes: quizzes
      .filter((q) => q.window === "open" && !q.passed && !q.pending && (q.inProgress || q.used < q.attemptsAllowed))
      .map((q) => ({
        id: q.id,
        title: q.title,
        closesAt: q.closesAt ?? null,
        inProgress: q.inProgress,
        used: q.used,
        attemptsAllowed: q.attemptsAllowed,
      })),
    events,
    standing: {
      practical: standing.practical,
      hours: standing.hours,
      targets: standing.targets,
      state: standing.state,
      preService: standing.preService,
    },
    returnedLogs: returnedLogs.map((l) => ({ id: l.id, type: l.type, occurredOn: String(l.occurredOn), reason: l.rejectionReason ?? "" })),
    returnedExercises: submissions
      .filter((s) => s.state === "returned")
      .map((s) => ({ exerciseId: s.exerciseId, title: exercise(s).title })),
    releasedGrades: submissions
      .filter((s) => s.state === "released")
      .slice(0, 5)
      .map((s) => ({
        exerciseId: s.exerciseId,
        title: exercise(s).title,
        score: s.score ?? 0,
        max: exercise(s).rubric.maxPoints,
        passed: Boolean(s.passed),
      })),
  };
}
export type MediatorWorkspace = Awaited<ReturnType<typeof mediatorWorkspace>>;
