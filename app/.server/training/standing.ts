import { Op, QueryTypes } from "sequelize";
import { isPracticalUnder } from "~/lib/policy";
import { addDays, todayInChina } from "~/lib/dates";
import { getSequelize } from "../db/connection";
import { TrainingRecord } from "../db/models";
import { effectivePolicy, type EffectivePolicy } from "./policies";

/** 达标 compliant / 未达标 behind / 未参训 no training yet this year. */
export type YearState = "compliant" | "behind" | "none";
export type PreServiceState = "done" | "pending" | "overdue";

/**
 * A mediator's training year, read from the ledger summaries: practical trainings and hours under
 * the policy in force at their committee, hours by source and by form, the year's state, and for
 * a new mediator the pre-service training (hours within N days of appointment).
 */
export async function mediatorStanding(
  mediator: { id: number; orgPath: string; appointedOn: string | null },
  year: number,
  today = todayInChina(),
  inForce?: EffectivePolicy,
) {
  const sequelize = getSequelize();
  const policy = inForce ?? (await effectivePolicy(mediator.orgPath, year));
  const rows = (await sequelize.query("SELECT source, form, records, hours FROM mediator_year_stats WHERE mediator_id = ? AND year = ?", {
    replacements: [mediator.id, year],
    type: QueryTypes.SELECT,
  })) as { source: string; form: string; records: number | string; hours: number | string }[];
  const lines = rows.map((r) => ({ source: r.source, form: r.form, records: Number(r.records), hours: Number(r.hours) })).filter((r) => r.records > 0);
  const round1 = (n: number) => Math.round(n * 10) / 10;
  const practical = lines.filter((l) => isPracticalUnder(policy, l)).reduce((n, l) => n + l.records, 0);
  const hours = round1(lines.reduce((n, l) => n + l.hours, 0));
  const records = lines.reduce((n, l) => n + l.records, 0);
  const sum = (key: "source" | "form") => {
    const out: Record<string, number> = {};
    for (const l of lines) out[l[key]] = round1((out[l[key]] ?? 0) + l.hours);
    return out;
  };
  const state: YearState = records === 0 ? "none" : practical >= policy.minPractical && hours >= policy.minHours ? "compliant" : "behind";

  let preService: { due: string; hours: number; required: number; state: PreServiceState } | null = null;
  if (mediator.appointedOn) {
    const due = addDays(mediator.appointedOn, policy.preserviceDays);
    // Shown for the year the window touches.
    if (due >= `${year}-01-01` && mediator.appointedOn <= `${year}-12-31`) {
      const done = (await TrainingRecord.sum("hours", { where: { mediatorId: mediator.id, occurredOn: { [Op.gte]: mediator.appointedOn, [Op.lte]: due } } })) ?? 0;
      const got = round1(Number(done));
      preService = { due, hours: got, required: policy.preserviceHours, state: got >= policy.preserviceHours ? "done" : today <= due ? "pending" : "overdue" };
    }
  }
  return { year, practical, hours, records, bySource: sum("source"), byForm: sum("form"), state, targets: { practical: policy.minPractical, hours: policy.minHours }, policySource: policy.source?.name ?? null, preService };
}
export type Standing = Awaited<ReturnType<typeof mediatorStanding>>;
