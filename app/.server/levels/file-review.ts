import type { Period } from "~/lib/levels";

/**
 * The hook through which the case-file quality review (卷宗评查) feeds the evaluation: the mean
 * review score of each mediator's files reviewed in the period. The review module (built
 * separately) replaces the body of these two functions; until then there is no review data, and
 * the criterion reads "no data" (never "not met").
 */
export type FileReviewMeans = (mediatorIds: readonly number[], period: Period) => Promise<Map<number, number>>;

/** Mean scores for many mediators, one query for the batch; a mediator without reviewed files is absent. */
export const fileReviewMeans: FileReviewMeans = async () => new Map();

/** One mediator's mean score, or null when none of their files was reviewed in the period. */
export async function fileReviewMean(mediatorId: number, period: Period): Promise<number | null> {
  return (await fileReviewMeans([mediatorId], period)).get(mediatorId) ?? null;
}
