import { Op, QueryTypes, UniqueConstraintError, type Transaction } from "sequelize";
import type { AttemptSettings, Question, Quiz } from "~/lib/quiz";
import { now } from "../clock";
import { getSequelize, inTransaction } from "../db/connection";
import { CourseEnrolment, Mediator, QuizAttempt, QuizAttemptItem } from "../db/models";
import type { ClosedBy } from "../db/models/Quiz";
import { currentQuestions, ensureQuestionVersions, questionsByVersion, versionKey } from "./bank";
import { drawQuestions, optionOrder } from "./draw";
import { percentOf, scoreAnswer } from "./scoring";
import { completeOnPass } from "./completion";

/** A submit or autosave arriving this long after the deadline still counts (network delay). */
export const LATE_GRACE_MS = 5_000;
export const MAX_SHORT_ANSWER = 5_000;

export type StartError = "notOpen" | "closed" | "notMediator" | "notEnrolled" | "noAttemptsLeft";
export type AnswerError = "notFound" | "closed" | "unknownQuestion" | "invalidAnswer";

/** Answers as a form sends them: position → the values of field `q<position>` (option tokens, true/false, or text). */
export type RawAnswers = Map<number, string[]>;

const isPast = (deadline: Date | null, at: Date) => deadline !== null && at.getTime() > deadline.getTime() + LATE_GRACE_MS;

export function windowState(quiz: Pick<Quiz, "opensAt" | "closesAt">, at: Date): "notOpen" | "open" | "closed" {
  if (quiz.opensAt && at < new Date(quiz.opensAt)) return "notOpen";
  if (quiz.closesAt && at >= new Date(quiz.closesAt)) return "closed";
  return "open";
}

/**
 * Starts an attempt: checks the window, the attempt limit and (for a course quiz) the enrolment,
 * draws the questions and their option order on the server, and stores them in one transaction.
 * An attempt already in progress is resumed instead, so a double click never makes two.
 */
export async function startAttempt(
  userId: number,
  quiz: Quiz,
  at: Date = now(),
): Promise<{ ok: true; attemptId: number; resumed: boolean } | { ok: false; error: StartError }> {
  const window = windowState(quiz, at);
  if (window !== "open") return { ok: false, error: window };
  const mediator = await Mediator.findOne({ where: { userId }, attributes: ["id", "orgPath", "status"] });
  if (!mediator || mediator.status !== "active") return { ok: false, error: "notMediator" };
  if (quiz.course && !(await CourseEnrolment.findOne({ where: { userId, courseSlug: quiz.course }, attributes: ["id"] }))) {
    return { ok: false, error: "notEnrolled" };
  }
  // One look at the user's attempts of this quiz: close one whose time ran out, resume one running, count.
  let own = await QuizAttempt.findAll({ where: { quizId: quiz.id, userId }, attributes: ["id", "state", "deadlineAt"] });
  if (own.some((a) => a.state === "in_progress" && isPast(a.deadlineAt, at))) {
    await closeExpired({ quizId: quiz.id, userId }, at);
    own = await QuizAttempt.findAll({ where: { quizId: quiz.id, userId }, attributes: ["id", "state", "deadlineAt"] });
  }
  const running = own.find((a) => a.state === "in_progress");
  if (running) return { ok: true, attemptId: running.id, resumed: true };
  const used = own.length;
  if (quiz.attemptsAllowed > 0 && used >= quiz.attemptsAllowed) return { ok: false, error: "noAttemptsLeft" };
  const resume = async () => {
    const open = await QuizAttempt.findOne({ where: { quizId: quiz.id, userId, state: "in_progress" }, attributes: ["id"] });
    return open ? { ok: true as const, attemptId: open.id, resumed: true } : null;
  };

  await ensureQuestionVersions();
  const drawn = drawQuestions(quiz, currentQuestions());
  const items = drawn.map((q, i) => ({
    position: i + 1,
    questionId: q.id,
    questionVersion: q.version,
    optionOrder: optionOrder(q, quiz.shuffleOptions),
    points: quiz.points[q.type],
  }));
  let deadline = quiz.timeLimitMinutes ? new Date(at.getTime() + quiz.timeLimitMinutes * 60_000) : null;
  if (quiz.closesAt && (!deadline || new Date(quiz.closesAt) < deadline)) deadline = new Date(quiz.closesAt);
  const settings: AttemptSettings = {
    passMark: quiz.passMark,
    multipleScoring: quiz.multipleScoring,
    review: quiz.review,
    points: quiz.points,
    closesAt: quiz.closesAt,
    course: quiz.course,
    timeLimitMinutes: quiz.timeLimitMinutes,
  };
  try {
    const attemptId = await inTransaction(async (transaction) => {
      const attempt = await QuizAttempt.create(
        {
          quizId: quiz.id,
          userId,
          mediatorId: mediator.id,
          orgPath: mediator.orgPath,
          number: used + 1,
          state: "in_progress",
          settings,
          startedAt: at,
          deadlineAt: deadline,
          maxScore: items.reduce((n, i) => n + i.points, 0),
        },
        { transaction },
      );
      await QuizAttemptItem.bulkCreate(
        items.map((i) => ({ ...i, attemptId: attempt.id })),
        { transaction },
      );
      return attempt.id;
    });
    return { ok: true, attemptId, resumed: false };
  } catch (error) {
    // Two starts at once: the unique (quiz, user, number) key keeps one; the other resumes it.
    if (!(error instanceof UniqueConstraintError)) throw error;
    return (await resume()) ?? { ok: false, error: "noAttemptsLeft" };
  }
}

type ItemRow = Pick<QuizAttemptItem, "id" | "position" | "questionId" | "questionVersion" | "optionOrder" | "points">;

/** Turns the form's values for one item into stored answer values; option tokens are display positions. */
export function parseAnswer(q: Question, order: string[], values: string[]): { ok: true; answer: string[] | null } | { ok: false } {
  const given = values.map((v) => v.trim()).filter((v) => v !== "");
  if (q.type === "short") {
    const text = values.join("\n").trim();
    if (text.length > MAX_SHORT_ANSWER) return { ok: false };
    return { ok: true, answer: text ? [text] : null };
  }
  if (given.length === 0) return { ok: true, answer: null };
  if (q.type === "true_false")
    return given.length === 1 && (given[0] === "true" || given[0] === "false") ? { ok: true, answer: given } : { ok: false };
  if (new Set(given).size !== given.length) return { ok: false };
  if (q.type === "single" && given.length !== 1) return { ok: false };
  const ids: string[] = [];
  for (const token of given) {
    if (!/^\d{1,2}$/.test(token) || Number(token) >= order.length) return { ok: false };
    ids.push(order[Number(token)]);
  }
  return { ok: true, answer: ids.sort() };
}

type Loaded = { userId: number; items: ItemRow[]; questions: Map<string, Question> };
/** What an attempt drew never changes: its items and their questions are kept in memory once read. */
const loadedCache = new Map<number, Loaded>();
const CACHE_LIMIT = 5_000;

async function loadItems(attemptId: number): Promise<Loaded | null> {
  const hit = loadedCache.get(attemptId);
  if (hit) return hit;
  if (!Number.isSafeInteger(attemptId)) return null;
  const [attempt, items] = await Promise.all([
    QuizAttempt.findByPk(attemptId, { attributes: ["id", "userId"] }),
    QuizAttemptItem.findAll({
      where: { attemptId },
      attributes: ["id", "position", "questionId", "questionVersion", "optionOrder", "points"],
      order: [["position", "ASC"]],
    }),
  ]);
  if (!attempt || items.length === 0) return null;
  const loaded = { userId: attempt.userId, items, questions: await questionsByVersion(items) };
  if (loadedCache.size >= CACHE_LIMIT) loadedCache.delete(loadedCache.keys().next().value!);
  loadedCache.set(attemptId, loaded);
  return loaded;
}

export const questionOf = (questions: Map<string, Question>, item: Pick<ItemRow, "questionId" | "questionVersion">) =>
  questions.get(versionKey(item.questionId, item.questionVersion))!;

/** Checks every raw answer against the attempt before anything is written. */
function parseAll(raw: RawAnswers, items: ItemRow[], questions: Map<string, Question>) {
  const parsed: { item: ItemRow; answer: string[] | null }[] = [];
  for (const [position, values] of raw) {
    const item = items.find((i) => i.position === position);
    if (!item) return { ok: false as const, error: "unknownQuestion" as const };
    const result = parseAnswer(questionOf(questions, item), item.optionOrder, values);
    if (!result.ok) return { ok: false as const, error: "invalidAnswer" as const };
    parsed.push({ item, answer: result.answer });
  }
  return { ok: true as const, parsed };
}

/** One UPDATE setting a column per row: `SET col = CASE id WHEN … END`. */
async function updateEach(
  column: "answer" | "score",
  attemptId: number,
  values: [number, unknown][],
  transaction: Transaction,
  extra = "",
) {
  if (values.length === 0) return;
  const sequelize = getSequelize();
  const cases = values
    .map(([id, v]) => `WHEN ${Number(id)} THEN ${v === null ? "NULL" : sequelize.escape(v as string | number)}`)
    .join(" ");
  const ids = values.map(([id]) => Number(id)).join(",");
  await sequelize.query(
    `UPDATE quiz_attempt_items SET ${column} = CASE id ${cases} END${extra} WHERE attempt_id = ${Number(attemptId)} AND id IN (${ids})`,
    { transaction, type: QueryTypes.UPDATE },
  );
}

async function writeAnswers(attemptId: number, parsed: { item: ItemRow; answer: string[] | null }[], at: Date, transaction: Transaction) {
  const values = parsed.map(({ item, answer }): [number, unknown] => [item.id, answer === null ? null : JSON.stringify(answer)]);
  await updateEach("answer", attemptId, values, transaction, `, answered_at = ${getSequelize().escape(at as unknown as string)}`);
}

async function lockAttempt(attemptId: number, transaction: Transaction) {
  return QuizAttempt.findByPk(attemptId, { transaction, lock: transaction.LOCK.UPDATE });
}

/** Autosave: stores answers of an attempt in progress, before its deadline. Nothing is written on any error. */
export async function saveAnswers(
  userId: number,
  attemptId: number,
  raw: RawAnswers,
  at: Date = now(),
): Promise<{ ok: true } | { ok: false; error: AnswerError }> {
  const loaded = await loadItems(attemptId);
  if (!loaded || loaded.userId !== userId) return { ok: false, error: "notFound" };
  const check = parseAll(raw, loaded.items, loaded.questions);
  if (!check.ok) return check;
  return inTransaction(async (transaction) => {
    const attempt = await lockAttempt(attemptId, transaction);
    if (!attempt || attempt.state !== "in_progress" || isPast(attempt.deadlineAt, at))
      return { ok: false as const, error: "closed" as const };
    await writeAnswers(attemptId, check.parsed, at, transaction);
    return { ok: true as const };
  });
}

export type SubmitResult = { ok: true; late: boolean; already: boolean; courseCompleted: boolean } | { ok: false; error: AnswerError };

/**
 * Submits: saves the answers sent with it (unless the deadline has passed — then only the answers
 * saved before it count) and grades on the server, exactly once: a second submit finds the attempt
 * closed and changes nothing. A passed course quiz completes the course in the same transaction.
 */
export async function submitAttempt(userId: number, attemptId: number, raw: RawAnswers | null, at: Date = now()): Promise<SubmitResult> {
  const loaded = await loadItems(attemptId);
  if (!loaded || loaded.userId !== userId) return { ok: false, error: "notFound" };
  const check = raw ? parseAll(raw, loaded.items, loaded.questions) : { ok: true as const, parsed: [] };
  if (!check.ok) return check;
  const outcome = await grade(attemptId, loaded.items, loaded.questions, at, (attempt) =>
    isPast(attempt.deadlineAt, at) ? null : check.parsed,
  );
  return { ok: true, late: outcome.late, already: !outcome.graded, courseCompleted: outcome.courseCompleted };
}

/**
 * Grades an attempt in one transaction, if it is still in progress. `answersToSave` decides, with
 * the attempt locked, which answers (if any) are written first. A pass of a course quiz completes
 * the course in the same transaction (./completion.ts).
 */
async function grade(
  attemptId: number,
  items: ItemRow[],
  questions: Map<string, Question>,
  at: Date,
  answersToSave: (attempt: QuizAttempt) => { item: ItemRow; answer: string[] | null }[] | null,
): Promise<{ graded: QuizAttempt | null; late: boolean; courseCompleted: boolean }> {
  return inTransaction(async (transaction) => {
    const attempt = await lockAttempt(attemptId, transaction);
    if (!attempt || attempt.state !== "in_progress") return { graded: null, late: false, courseCompleted: false };
    const toSave = answersToSave(attempt);
    const late = toSave === null;
    if (toSave?.length) await writeAnswers(attemptId, toSave, at, transaction);
    const saved = await QuizAttemptItem.findAll({ where: { attemptId }, attributes: ["id", "answer"], transaction });
    const answers = new Map(saved.map((s) => [s.id, s.answer]));
    const settings = attempt.settings;
    let score = 0;
    let pending = false;
    const scores: [number, unknown][] = items.map((item) => {
      const s = scoreAnswer(questionOf(questions, item), answers.get(item.id) ?? null, item.points, settings.multipleScoring);
      if (s === null) pending = true;
      else score += s;
      return [item.id, s];
    });
    await updateEach("score", attemptId, scores, transaction);
    const percent = percentOf(score, attempt.maxScore);
    const closedBy: ClosedBy = late ? "timeout" : "user";
    const result = {
      state: pending ? ("pending" as const) : ("graded" as const),
      score: Math.round(score * 100) / 100,
      percent: pending ? null : percent,
      passed: pending ? null : percent >= settings.passMark,
      submittedAt: late && attempt.deadlineAt ? attempt.deadlineAt : at,
      closedBy,
    };
    const [changed] = await QuizAttempt.update(
      { ...result, gradings: getSequelize().literal("gradings + 1") as unknown as number },
      { where: { id: attemptId, state: "in_progress" }, transaction },
    );
    if (changed !== 1) throw new Error(`attempt ${attemptId} was graded concurrently`);
    attempt.set({ ...result, gradings: attempt.gradings + 1 }, { raw: true });
    const courseCompleted = await completeOnPass(attempt, transaction);
    return { graded: attempt, late, courseCompleted };
  });
}

/**
 * Closes and grades attempts whose deadline has passed, with the answers saved before it; run by a
 * timer in the server and before any page that shows an attempt's state.
 */
export async function closeExpired(
  filter: { quizId?: string; userId?: number; attemptId?: number } = {},
  at: Date = now(),
): Promise<number> {
  const where: Record<string, unknown> = { state: "in_progress", deadlineAt: { [Op.lt]: new Date(at.getTime() - LATE_GRACE_MS) } };
  if (filter.quizId) where.quizId = filter.quizId;
  if (filter.userId) where.userId = filter.userId;
  if (filter.attemptId) where.id = filter.attemptId;
  const expired = await QuizAttempt.findAll({ where, attributes: ["id"], limit: 500, order: [["deadlineAt", "ASC"]] });
  let closed = 0;
  for (const { id } of expired) {
    const loaded = await loadItems(id);
    if (!loaded) continue;
    const outcome = await grade(id, loaded.items, loaded.questions, at, () => null);
    if (outcome.graded) closed++;
  }
  return closed;
}

export async function attemptsOf(userId: number, quizId: string) {
  return QuizAttempt.findAll({ where: { userId, quizId }, order: [["number", "ASC"]] });
}
