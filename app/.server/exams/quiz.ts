import { Op } from "sequelize";
import { examIdOf, examQuizId } from "~/lib/exam";
import type { Quiz } from "~/lib/quiz";
import type { ApplicationStage } from "~/lib/rounds";
import { EvaluationRound, MediatorSpecialty, RoundApplication, ScheduledExam } from "../db/models";
import { orgPathInScopes, pathIds, type OrgScope } from "../org";
import { currentQuestions, getQuiz } from "../quizzes/bank";
import { examPools } from "../quizzes/secrecy";
import { rosterEntryOfAccount } from "../roster/account-entry";

/**
 * Scheduled exams as the quiz engine sees them: each is the quiz "exam-<id>", of the same shape
 * as a content quiz, so startAttempt, autosave, submit, results and reports run unchanged.
 */
const DEFAULT_POINTS = { single: 1, multiple: 2, true_false: 1, short: 5 };

export function examQuiz(exam: ScheduledExam): Quiz {
  const { settings } = exam;
  return {
    id: examQuizId(exam.id),
    title: exam.title,
    description: "",
    // A bureau's exam is always a graded exam: other quizzes' reviews keep its pool's keys while it is open.
    graded: true,
    draw: exam.draw.map((r) => ({
      ...(r.category ? { category: r.category } : {}),
      ...(r.difficulty ? { difficulty: r.difficulty } : {}),
      ...(r.type ? { type: r.type } : {}),
      count: r.count,
    })),
    passMark: settings.passMark,
    attemptsAllowed: settings.attemptsAllowed,
    timeLimitMinutes: settings.timeLimitMinutes ?? undefined,
    shuffleQuestions: true,
    shuffleOptions: true,
    multipleScoring: settings.multipleScoring,
    review: settings.review,
    points: DEFAULT_POINTS,
    opensAt: exam.opensAt.toISOString(),
    closesAt: exam.closesAt.toISOString(),
    questionCount: exam.draw.reduce((n, r) => n + r.count, 0),
  };
}

export async function findExam(id: number | null): Promise<ScheduledExam | null> {
  return id === null ? null : ScheduledExam.findByPk(id);
}

/** A quiz by id, content or scheduled, with no audience check (an attempt's own quiz, a title). */
export async function findQuiz(quizId: string | undefined): Promise<Quiz | undefined> {
  const examId = examIdOf(quizId);
  if (examId === null) return getQuiz(quizId);
  const exam = await findExam(examId);
  return exam ? examQuiz(exam) : undefined;
}

/**
 * The stages at which a round's applicant may sit the round's exam: past the committee's
 * pre-review (初审通过), at the panel, or decided. Drafts, submitted applications still waiting for
 * the committee, returned and withdrawn ones may not.
 */
export const EXAM_APPLICANT_STAGES: readonly ApplicationStage[] = ["committee_passed", "panel", "decided"];

/** The rounds an exam belongs to: the one it was set for (roundId), and every round naming it as its exam criterion. */
export async function examRoundIds(exam: Pick<ScheduledExam, "id" | "roundId">): Promise<number[]> {
  const naming = await EvaluationRound.findAll({ where: { examQuizId: examQuizId(exam.id) }, attributes: ["id"] });
  return [...new Set([...(exam.roundId ? [exam.roundId] : []), ...naming.map((r) => r.id)])];
}

/**
 * Narrows an exam tied to a round (评定批次) to that round's applicants: null when the exam is tied
 * to no round (no narrowing), otherwise whether the mediator has an application in one of its
 * rounds at one of EXAM_APPLICANT_STAGES.
 */
export async function roundApplicantFilter(exam: Pick<ScheduledExam, "id" | "roundId">, mediatorId: number): Promise<boolean | null> {
  const rounds = await examRoundIds(exam);
  if (!rounds.length) return null;
  const n = await RoundApplication.count({
    where: { roundId: { [Op.in]: rounds }, mediatorId, stage: { [Op.in]: [...EXAM_APPLICANT_STAGES] } },
  });
  return n > 0;
}

export type AudienceMember = { id: number; orgUnitId: number; orgPath: string; specialties: readonly string[] };

/** The roster entry of a user, with what an exam's audience asks of it; null without one. */
export async function audienceMember(userId: number): Promise<AudienceMember | null> {
  const mediator = await rosterEntryOfAccount(userId);
  if (!mediator) return null;
  const specialties = await MediatorSpecialty.findAll({ where: { mediatorId: mediator.id }, attributes: ["category"], raw: true });
  return { id: mediator.id, orgUnitId: mediator.orgUnitId, orgPath: mediator.orgPath, specialties: specialties.map((s) => s.category) };
}

/**
 * Why the mediator is not in the exam's audience, or null when they are: "outside" unless in the
 * node's subtree, in a named committee and with a named specialty when the exam names them;
 * "roundApplicant" when all that holds but the exam is tied to a round they have not passed the
 * committee's pre-review in (they are told so, where others are told nothing).
 */
export async function audienceRefusal(exam: ScheduledExam, member: AudienceMember | null): Promise<"outside" | "roundApplicant" | null> {
  if (!member || !member.orgPath.startsWith(exam.orgPath)) return "outside";
  const { committeeIds, specialties } = exam.audience;
  if (committeeIds.length && !committeeIds.includes(member.orgUnitId)) return "outside";
  if (specialties.length && !specialties.some((s) => member.specialties.includes(s))) return "outside";
  return (await roundApplicantFilter(exam, member.id)) === false ? "roundApplicant" : null;
}

/** Is the mediator in the exam's audience (audienceRefusal says why not). */
export async function inAudience(exam: ScheduledExam, member: AudienceMember | null): Promise<boolean> {
  return (await audienceRefusal(exam, member)) === null;
}

/** The scheduled exams whose audience holds this user's roster entry (newest window first). */
export async function examQuizzesFor(userId: number): Promise<Quiz[]> {
  const member = await audienceMember(userId);
  if (!member) return [];
  const exams = await ScheduledExam.findAll({
    where: { orgUnitId: { [Op.in]: pathIds(member.orgPath) } },
    order: [["opensAt", "DESC"]],
    limit: 200,
  });
  const out: Quiz[] = [];
  for (const exam of exams) if (await inAudience(exam, member)) out.push(examQuiz(exam));
  return out;
}

/**
 * A quiz a signed-in user may open: a content quiz, or a scheduled exam whose audience holds them
 * (to take it) or that lies in or over their staff scopes (to look at it and its report).
 */
export async function quizFor(userId: number, quizId: string | undefined, staffScopes: readonly OrgScope[] = []) {
  const examId = examIdOf(quizId);
  if (examId === null) {
    const quiz = getQuiz(quizId);
    return quiz ? { quiz, inAudience: true, refused: null } : null;
  }
  const exam = await findExam(examId);
  if (!exam) return null;
  const refused = await audienceRefusal(exam, await audienceMember(userId));
  // A mediator of the audience who is no applicant of the exam's round is told why; anyone else outside sees nothing.
  if (refused === "outside" && !overlapsScopes(exam, staffScopes)) return null;
  return { quiz: examQuiz(exam), inAudience: refused === null, refused };
}

/** A report's reader sees a scheduled exam set at, above or below one of their nodes (the report itself counts only their subtree's attempts). */
export const overlapsScopes = (exam: Pick<ScheduledExam, "orgPath">, scopes: readonly OrgScope[]) =>
  scopes.some((s) => exam.orgPath.startsWith(s.path) || s.path.startsWith(exam.orgPath));

/** The report's quiz: content, or a scheduled exam overlapping the reader's scopes. */
export async function reportQuiz(quizId: string | undefined, scopes: readonly OrgScope[]): Promise<Quiz | undefined> {
  const examId = examIdOf(quizId);
  if (examId === null) return getQuiz(quizId);
  const exam = await findExam(examId);
  return exam && overlapsScopes(exam, scopes) ? examQuiz(exam) : undefined;
}

/** The pools (question ids) of the scheduled exams open at `at` that keep their keys, for secrecy.ts. */
export async function openExamPools(at: Date) {
  const open = await ScheduledExam.findAll({ where: { opensAt: { [Op.lte]: at }, closesAt: { [Op.gt]: at } }, limit: 500 });
  return open.length ? examPools(open.map(examQuiz), currentQuestions()) : [];
}

/** The scheduled exams set at, above or below the scopes' nodes (a grader's quiz filter), newest first. */
export async function examQuizzesOverScopes(scopes: readonly OrgScope[], limit = 200): Promise<Quiz[]> {
  if (!scopes.length) return [];
  const above = [...new Set(scopes.flatMap((s) => pathIds(s.path)))];
  const exams = await ScheduledExam.findAll({
    where: { [Op.or]: [orgPathInScopes([...scopes]), { orgUnitId: { [Op.in]: above } }] },
    order: [["opensAt", "DESC"]],
    limit,
  });
  return exams.map(examQuiz);
}
