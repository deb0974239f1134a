import { isPracticalUnder } from "~/lib/policy";
import { Mediator } from "../db/models";
import { trainingOfUser } from "./ledger";
import { effectivePolicy, type EffectivePolicy } from "./policies";

/**
 * A user's year: its ledger lines, practical-training count and hours, against the policy in
 * force at their committee for that year (inherited down the tree; the defaults where none is set).
 */
export async function yearSummary(userId: number, year: number, inForce?: EffectivePolicy) {
  const [records, mediator] = await Promise.all([trainingOfUser(userId, year), inForce ? null : Mediator.findOne({ where: { userId }, attributes: ["orgPath"] })]);
  const policy = inForce ?? (await effectivePolicy(mediator?.orgPath ?? "/", year));
  return {
    year,
    practical: records.filter((r) => isPracticalUnder(policy, r)).length,
    hours: Math.round(records.reduce((sum, r) => sum + r.hours, 0) * 10) / 10,
    targets: { practical: policy.minPractical, hours: policy.minHours },
    policySource: policy.source?.name ?? null,
    records: records.map((r) => ({ id: r.id, source: r.source, form: r.form, title: r.title, occurredOn: r.occurredOn, hours: r.hours })),
  };
}
