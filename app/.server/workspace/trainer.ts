import { Op } from "sequelize";
import { addDays, isoOrNull, todayInChina, zonedToInstant } from "~/lib/dates";
import { EventTrainer, TrainingEvent } from "../db/models";
import { nextUngraded, submissionCounts } from "../exercises/grading";
import { answerQueue, nextWaiting } from "../grading/answers";
import type { OrgScope } from "../org";

/** The trainer's queues as the workspace needs them: the logs to verify come from training/logs.verificationQueue. */
export type TrainerInput = {
  userId: number;
  /** Where they grade (exercise:grade / answer:grade scopes). */
  gradingScopes: OrgScope[];
  /** The ids of the logs waiting for their decision, oldest first (verificationQueue). */
  logsToVerify: number[];
};

const chinaMidnight = (day: string) => zonedToInstant(day);

/**
 * What waits for a trainer — submissions and short answers to grade, logs to verify, each with a
 * count and the first to start with — and the events they run today and in the next seven days.
 */
export async function trainerWorkspace(input: TrainerInput, at: Date) {
  const today = todayInChina(at);
  const from = chinaMidnight(today);
  const weekEnd = chinaMidnight(addDays(today, 7));
  const tomorrow = chinaMidnight(addDays(today, 1));
  const grading = input.gradingScopes.length > 0;
  const [counts, firstSubmission, answers, firstAnswer, named] = await Promise.all([
    grading ? submissionCounts(input.gradingScopes) : null,
    grading ? nextUngraded(input.gradingScopes) : null,
    grading ? answerQueue(input.gradingScopes, { state: "waiting" }, 1) : null,
    grading ? nextWaiting(input.gradingScopes) : null,
    EventTrainer.findAll({ where: { userId: input.userId }, attributes: ["eventId"] }),
  ]);
  const events = await TrainingEvent.findAll({
    where: {
      status: "scheduled",
      startsAt: { [Op.lt]: weekEnd },
      endsAt: { [Op.gte]: from },
      [Op.or]: [{ createdBy: input.userId }, { id: { [Op.in]: named.map((n) => n.eventId) } }],
    },
    attributes: ["id", "title", "startsAt", "endsAt", "place"],
    order: [["startsAt", "ASC"]],
    limit: 50,
  });
  return {
    submissions: { count: counts?.submitted ?? 0, first: firstSubmission },
    answers: { count: answers?.waiting ?? 0, first: firstAnswer },
    logs: { count: input.logsToVerify.length, first: input.logsToVerify[0] ?? null },
    events: events.map((e) => ({
      id: e.id,
      title: e.title,
      startsAt: isoOrNull(e.startsAt),
      endsAt: isoOrNull(e.endsAt),
      place: e.place,
      today: e.startsAt < tomorrow,
    })),
  };
}
export type TrainerWorkspace = Awaited<ReturnType<typeof trainerWorkspace>>;
