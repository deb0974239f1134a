import { QuizAttemptItem, User } from "../../app/.server/db/models";
import { startAttempt, submitAttempt, windowState, type RawAnswers } from "../../app/.server/quizzes/attempts";
import { currentQuestions, getQuiz } from "../../app/.server/quizzes/bank";

const DAY = 86_400_000;

/** Form values for an attempt: right answers except at the given positions. */
async function answers(attemptId: number, wrongAt: number[], essay: string): Promise<RawAnswers> {
  const bank = new Map(currentQuestions().map((q) => [q.id, q]));
  const raw: RawAnswers = new Map();
  for (const item of await QuizAttemptItem.findAll({ where: { attemptId } })) {
    const q = bank.get(item.questionId)!;
    const wrong = wrongAt.includes(item.position);
    if (q.type === "short") raw.set(item.position, [essay]);
    else if (q.type === "true_false") raw.set(item.position, [wrong === (q.answer[0] === "true") ? "false" : "true"]);
    else {
      const ids = wrong ? item.optionOrder.filter((id) => !q.answer.includes(id)).slice(0, 1) : q.answer;
      raw.set(item.position, ids.map((id) => String(item.optionOrder.indexOf(id))));
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
  if (first.ok) await submitAttempt(user.id, first.attemptId, await answers(first.attemptId, [2, 7, 11], ""), new Date(startedAt.getTime() + 11 * 60_000));

  const annual = getQuiz("annual-knowledge-2026");
  const at = new Date(now.getTime() - DAY);
  if (!annual || windowState(annual, at) !== "open") return;
  const second = await startAttempt(user.id, annual, at);
  if (!second.ok) return;
  const essay =
    "一、先稳定情绪：把双方请到调解室分开坐，先听申请人讲清经过，再听被申请人说明，不打断、不评判。\n" +
    "二、查明事实：核对借条、转账记录和证人说法，确认借款金额和约定的还款时间。\n" +
    "三、讲明法律：向双方说明借款应当按约定归还，逾期未还的，出借人可以依法主张权利；同时提醒诉讼时效。\n" +
    "四、促成协议：在双方自愿的基础上，商定分期还款的金额和日期，写进调解协议书，并告知可以共同申请司法确认。";
  await submitAttempt(user.id, second.attemptId, await answers(second.attemptId, [3, 9, 15, 22], essay), new Date(at.getTime() + 48 * 60_000));
}
