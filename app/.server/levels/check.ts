import { checkLevel, type LevelCheck, type LevelScheme, type Period } from "~/lib/levels";
import { factsOf, factsOfMany, quizIdsOf } from "./facts";

/**
 * One mediator's criteria for every level of the scheme (highest first), or for the given levels;
 * null for an unknown mediator. The computation itself is checkLevel (app/lib/levels.ts), pure.
 */
export async function criteriaOf(
  mediatorId: number,
  scheme: LevelScheme,
  period: Period,
  levels?: readonly string[],
): Promise<LevelCheck[] | null> {
  const facts = await factsOf(mediatorId, period, quizIdsOf(scheme));
  if (!facts) return null;
  return (levels ?? scheme.levels.map((l) => l.key)).map((key) => checkLevel(scheme, key, facts, period));
}

/**
 * Many mediators' criteria for one level each (an applicant list: mediator and the level applied
 * for), one query per source for the whole batch. In the order given; unknown mediators are left out.
 */
export async function criteriaOfMany(
  applicants: readonly { mediatorId: number; level: string }[],
  scheme: LevelScheme,
  period: Period,
): Promise<{ mediatorId: number; check: LevelCheck }[]> {
  const facts = await factsOfMany([...new Set(applicants.map((a) => a.mediatorId))], period, quizIdsOf(scheme));
  const byId = new Map(facts.map((f) => [f.mediatorId, f]));
  return applicants
    .filter((a) => byId.has(a.mediatorId))
    .map((a) => ({ mediatorId: a.mediatorId, check: checkLevel(scheme, a.level, byId.get(a.mediatorId)!, period) }));
}
