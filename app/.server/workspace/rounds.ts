import { mayTry, type Principal } from "../access";
import { myApplications } from "../rounds/applications";
import { waitingReviews } from "../rounds/prereview";

/**
 * Grade evaluation on the workspace: a mediator's applications (stage and next step) and the rounds
 * open to them; an admin's applications waiting for their pre-reviews, per round.
 */
export async function roundsWorkspace(user: Principal, hasRoster: boolean) {
  const [mine, waiting] = await Promise.all([
    hasRoster ? myApplications(user.id) : null,
    mayTry(user, "application:review") ? waitingReviews(user) : [],
  ]);
  const applications = (mine?.applications ?? []).filter((a) => a.stage !== "withdrawn").slice(0, 5);
  const open = mine?.open ?? [];
  if (!applications.length && !open.length && !waiting.length) return null;
  return { applications, open, waiting };
}
export type RoundsWorkspace = NonNullable<Awaited<ReturnType<typeof roundsWorkspace>>>;
