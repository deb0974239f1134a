import crypto from "node:crypto";
import { matchesRule, type Question, type Quiz } from "~/lib/quiz";

export type Random = () => number;
/** A uniform random number in [0, 1) from the OS generator: draws must not be predictable. */
export const secureRandom: Random = () => crypto.randomInt(0, 2 ** 47) / 2 ** 47;

export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export class DrawError extends Error {}

/**
 * Draws a quiz's questions: for each rule in turn, `count` questions at random among those the rule
 * matches and no earlier rule took. Kept in rule order unless the quiz shuffles questions.
 */
export function drawQuestions(
  quiz: Pick<Quiz, "draw" | "shuffleQuestions">,
  bank: readonly Question[],
  random: Random = secureRandom,
): Question[] {
  const taken = new Set<string>();
  const drawn: Question[] = [];
  quiz.draw.forEach((rule, i) => {
    const pool = bank.filter((q) => !taken.has(q.id) && matchesRule(q, rule));
    if (pool.length < rule.count) throw new DrawError(`draw rule ${i + 1} needs ${rule.count} questions, ${pool.length} left`);
    for (const q of shuffle(pool, random).slice(0, rule.count)) {
      taken.add(q.id);
      drawn.push(q);
    }
  });
  return quiz.shuffleQuestions ? shuffle(drawn, random) : drawn;
}

/** The order an attempt shows a question's options in (original ids). */
export function optionOrder(q: Question, shuffleOptions: boolean, random: Random = secureRandom): string[] {
  const ids = q.type === "true_false" ? ["true", "false"] : q.options.map((o) => o.id);
  return shuffleOptions && q.type !== "true_false" ? shuffle(ids, random) : ids;
}
