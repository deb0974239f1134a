import type { MultipleScoring, Question } from "~/lib/quiz";

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Points for one answer. Single choice and true/false: all or nothing. Multiple choice: all or
 * nothing, or partial — any wrong option scores 0, otherwise the share of correct options chosen.
 * A short answer is null (a trainer grades it) unless left empty, which scores 0.
 */
export function scoreAnswer(
  q: Pick<Question, "type" | "answer">,
  answer: string[] | null,
  points: number,
  multiple: MultipleScoring,
): number | null {
  const given = answer ?? [];
  if (q.type === "short") return given.length && given[0].trim() ? null : 0;
  if (given.length === 0) return 0;
  const key = new Set(q.answer);
  const chosen = new Set(given);
  const wrong = [...chosen].some((a) => !key.has(a));
  if (wrong) return 0;
  if (q.type !== "multiple" || multiple === "all_or_nothing") return chosen.size === key.size ? points : 0;
  return round2((points * chosen.size) / key.size);
}

/** Percent of the maximum, two decimals. */
export const percentOf = (score: number, max: number) => (max > 0 ? round2((score * 100) / max) : 0);
