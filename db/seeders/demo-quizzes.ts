import { QuizAttemptItem, User } from "../../app/.server/db/models";
import { startAttempt, submitAttempt, windowState, type RawAnswers } from "../../app/.server/quizzes/attempts";
import { currentQuestions, getQuiz } from "../../app/.server/quizzes/bank";

const DAY = 86_400_000;

const partialAnswer = (reference: string) =>
  reference
    .split("\n")
    .filter(Boolean)
    .slice(0, 3)
    .map((line) => line.replace(/（[^）]*第[^）]*条[^）]*）/g, ""))
    .join("\n");

/** Form values for an attempt: right answers except at the given positions, a partial written answer. */
async function answers(attemptId: number, wrongAt: number[]): Promise<RawAnswers> {
  const bank = new Map(currentQuestions().map((q) => [q.id, q]));
  const raw: RawAnswers = new Map();
  for (const item of await QuizAttemptItem.findAll({ where: { attemptId } })) {
    const q = bank.get(item.questionId)!;
    const wrong = wrongAt.includes(item.position);
    // A partial written answer: the first points of the model answer, without the citations.
    if (q.type === "short") raw.set(item.position, [partialAnswer(q.reference ?? "")]);
    else if (q.type === "true_false") raw.set(item.position, [wrong === (q.answer[0] === "true") ? "false" : "true"]);
    else {
      const ids = wrong ? item.optionOrder.filter((id) => !q.answer.includes(id)).slice(0, 1) : q.answer;
      raw.set(
        item.position,
        ids.map((id) => String(item.optionOrder.indexOf(id))),
      );
    }
  }
  return raw;
}

/**
 * demo_mediator's quiz history: a practice paper passed three days ago and, while the annual test
 * is open, an attempt whose case analysis waits for a trainer. Runs after the seed transaction
 * (attempts are written by the quiz module itself); skipped when the content has no quizzes.
 */
export async function seedDemoQuizzes(now = new Date()) {
  const user = await User.findOne({ where: { username: "demo_mediator" } });
  const practice = getQuiz("practice-mixed");
  if (!user || !practice) return;
  const startedAt = new Date(now.getTime() - 3 * DAY);
  const first = await startAttempt(user.id, practice, startedAt);
  if (first.ok)
    await submitAttempt(user.id, first.attemptId, await answers(first.attemptId, [2, 7, 11]), new Date(startedAt.getTime() + 11 * 60_000));

  const annual = getQuiz("annual-knowledge-2026");
  const at = new Date(now.getTime() - DAY);
  if (!annual || windowState(annual, at) !== "open") return;
  const second = await startAttempt(user.id, annual, at);
  if (!second.ok) return;
  await submitAttempt(user.id, second.attemptId, await answers(second.attemptId, [3, 9, 15, 22]), new Date(at.getTime() + 48 * 60_000));
}
