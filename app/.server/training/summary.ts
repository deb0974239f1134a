import { trainingOfUser } from "./ledger";
import { effectivePolicy, type EffectivePolicy } from "./policies";
import { yearFigures } from "./year-rules";
import { rosterEntryOfAccount } from "../roster/account-entry";

/**
 * A user's year: its ledger lines, practical-training count and hours, against the policy in
 * force at their committee for that year (inherited down the tree; the defaults where none is set).
 */
export async function yearSummary(userId: number, year: number, inForce?: EffectivePolicy) {
  const [records, mediator] = await Promise.all([trainingOfUser(userId, year), inForce ? null : rosterEntryOfAccount(userId)]);
  const policy = inForce ?? (await effectivePolicy(mediator?.orgPath ?? "/", year));
  // Each ledger line counts once, by the same rules as the year's standing (./year-rules.ts).
  const figures = yearFigures(
    policy,
    records.map((r) => ({ source: r.source, form: r.form, records: 1, hours: Number(r.hours) })),
  );
  return {
    year,
    practical: figures.practical,
    hours: figures.hours,
    targets: figures.targets,
    policySource: policy.source?.name ?? null,
    records: records.map((r) => ({ id: r.id, source: r.source, form: r.form, title: r.title, occurredOn: r.occurredOn, hours: r.hours })),
  };
}
