import { Op, QueryTypes } from "sequelize";
import { dayOf, todayInChina } from "~/lib/dates";
import { getSequelize } from "../db/connection";
import { TrainingRecord } from "../db/models";
import { effectivePolicy, type EffectivePolicy } from "./policies";
import { mediatorYear, preServiceDue, preServiceTouches, type DatedLine } from "./year-rules";

export type { PreServiceState, YearState } from "./year-rules";

/**
 * A mediator's training year, read from the ledger summaries: practical trainings and hours under
 * the policy in force at their committee, hours by source and by form, the year's state, and for
 * a new mediator the pre-service training (hours within N days of appointment, under the rules of
 * the appointment year), shown for every year the window reaches into. The rules are ./year-rules.ts.
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
  const lines = rows.map((r) => ({ source: r.source, form: r.form, records: Number(r.records), hours: Number(r.hours) }));

  const appointedOn = mediator.appointedOn;
  let appointmentPolicy: EffectivePolicy | undefined;
  let windowLines: DatedLine[] = [];
  if (appointedOn) {
    const appointed = Number(appointedOn.slice(0, 4));
    // The window lasts at most a year: only the appointment year and the next can see it.
    appointmentPolicy =
      appointed === year ? policy : appointed === year - 1 ? await effectivePolicy(mediator.orgPath, appointed) : undefined;
    const due = appointmentPolicy ? preServiceDue(appointmentPolicy, appointedOn) : null;
    if (due && preServiceTouches(appointedOn, due, year)) {
      const records = await TrainingRecord.findAll({
        where: { mediatorId: mediator.id, occurredOn: { [Op.gte]: appointedOn, [Op.lte]: due } },
        attributes: ["occurredOn", "hours"],
      });
      windowLines = records.map((r) => ({ day: dayOf(r.occurredOn) ?? "", hours: Number(r.hours) }));
    }
  }
  // An appointment more than a year before (or after) `year` has no window in it: passed as none.
  const y = mediatorYear({
    year,
    policy,
    lines,
    appointedOn: appointmentPolicy ? appointedOn : null,
    appointmentPolicy,
    windowLines,
    today,
  });
  return {
    year,
    practical: y.practical,
    hours: y.hours,
    records: y.records,
    bySource: y.bySource,
    byForm: y.byForm,
    state: y.state,
    targets: y.targets,
    policySource: policy.source?.name ?? null,
    preService: y.preService
      ? { due: y.preService.due, hours: y.preService.hours, required: y.preService.required, state: y.preService.state }
      : null,
  };
}
export type Standing = Awaited<ReturnType<typeof mediatorStanding>>;
