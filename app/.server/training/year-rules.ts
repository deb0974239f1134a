import { addDays } from "~/lib/dates";
import { DEFAULT_POLICY, isPracticalUnder, type TrainingPolicy } from "~/lib/policy";

/**
 * The training-year rules in one place, without the database (plain values in, plain values out):
 * - which policy is in force at a node for a year (its own, else the nearest ancestor's, else the
 *   defaults);
 * - what a mediator's year comes to under it: lines, hours, practical trainings, 达标 / 未达标 /
 *   未参训, and for a new mediator the pre-service training.
 * 我的培训 (./policies.ts, ./summary.ts, ./standing.ts) and the compliance rollups (./rollup.ts,
 * read by the compliance pages) all call these, so the pages cannot disagree.
 */

/** A node's own policy for a year (a training_policies row). */
export type PolicyRow = TrainingPolicy & { orgUnitId: number; year: number };
/** The policy in force and the node it comes from (null: the defaults). */
export type InForce = { policy: TrainingPolicy; sourceId: number | null };

const own = (r: PolicyRow): TrainingPolicy => ({
  minPractical: r.minPractical,
  minHours: r.minHours,
  preserviceHours: r.preserviceHours,
  preserviceDays: r.preserviceDays,
  practical: r.practical,
});

/**
 * Indexes policy rows once; the lookup takes a node's ancestry (its ids, root first, the node last)
 * and a year, and returns the policy of the lowest node on it that set one for that year.
 */
export function policyIndex(rows: Iterable<PolicyRow>): (ancestry: readonly number[], year: number) => InForce {
  const byKey = new Map<string, InForce>();
  for (const r of rows) byKey.set(`${r.orgUnitId}|${r.year}`, { policy: own(r), sourceId: r.orgUnitId });
  const defaults: InForce = { policy: DEFAULT_POLICY, sourceId: null };
  return (ancestry, year) => {
    for (let i = ancestry.length - 1; i >= 0; i--) {
      const found = byKey.get(`${ancestry[i]}|${year}`);
      if (found) return found;
    }
    return defaults;
  };
}

/** The policy in force at the last node of `ancestry` for `year`, from the policy rows along it. */
export const policyInForce = (rows: Iterable<PolicyRow>, ancestry: readonly number[], year: number): InForce =>
  policyIndex(rows)(ancestry, year);

/** Hours are kept to one decimal. */
export const round1 = (n: number) => Math.round(n * 10) / 10;

/** A line of a mediator's ledger summary for a year: `records` ledger lines of one source and form. */
export type LedgerLine = { source: string; form: string; records: number; hours: number };
/** A dated ledger line, for the pre-service window. */
export type DatedLine = { day: string; hours: number };

/** 达标 compliant / 未达标 behind / 未参训 no training yet this year. */
export type YearState = "compliant" | "behind" | "none";
export type PreServiceState = "done" | "pending" | "overdue";

/** The year's figures under a policy: lines, practical trainings, hours (by source and by form), and the state. */
export function yearFigures(policy: TrainingPolicy, lines: readonly LedgerLine[]) {
  const counted = lines.filter((l) => l.records > 0);
  const records = counted.reduce((n, l) => n + l.records, 0);
  const practical = counted.filter((l) => isPracticalUnder(policy, l)).reduce((n, l) => n + l.records, 0);
  const hours = round1(counted.reduce((n, l) => n + l.hours, 0));
  const sum = (key: "source" | "form") => {
    const out: Record<string, number> = {};
    for (const l of counted) out[l[key]] = round1((out[l[key]] ?? 0) + l.hours);
    return out;
  };
  return {
    records,
    practical,
    hours,
    bySource: sum("source"),
    byForm: sum("form"),
    state: yearState(records, practical, hours, policy),
    targets: { practical: policy.minPractical, hours: policy.minHours },
  };
}

/** 未参训 without a line this year; 达标 when both minimums are met; 未达标 otherwise. */
export function yearState(
  records: number,
  practical: number,
  hours: number,
  policy: Pick<TrainingPolicy, "minPractical" | "minHours">,
): YearState {
  if (records <= 0) return "none";
  return practical >= policy.minPractical && hours >= policy.minHours ? "compliant" : "behind";
}

/** The last day of the pre-service window: `preserviceDays` after the appointment. */
export const preServiceDue = (policy: Pick<TrainingPolicy, "preserviceDays">, appointedOn: string) =>
  addDays(appointedOn, policy.preserviceDays);

/** Done once the hours are in; until the due date pending, after it overdue. */
export const preServiceState = (done: boolean, due: string, today: string): PreServiceState =>
  done ? "done" : today <= due ? "pending" : "overdue";

/** Whether a pre-service window (appointment to due date) reaches into a year. */
export const preServiceTouches = (appointedOn: string, due: string, year: number) =>
  due >= `${year}-01-01` && appointedOn <= `${year}-12-31`;

/**
 * The pre-service training under the policy in force in the appointment year: the hours of the
 * lines from the appointment day to the due day (both included) against the hours required.
 */
export function preServiceOf(policy: TrainingPolicy, appointedOn: string, lines: readonly DatedLine[], today: string) {
  const due = preServiceDue(policy, appointedOn);
  const hours = round1(lines.filter((l) => l.day >= appointedOn && l.day <= due).reduce((n, l) => n + l.hours, 0));
  const done = hours >= policy.preserviceHours;
  return { due, hours, required: policy.preserviceHours, done, state: preServiceState(done, due, today) };
}

export type MediatorYearInput = {
  year: number;
  /** The policy in force at the mediator's committee for `year`. */
  policy: TrainingPolicy;
  /** The year's ledger summary. */
  lines: readonly LedgerLine[];
  appointedOn: string | null;
  /** The policy in force at the committee in the appointment year (the pre-service rules); `policy` when that is `year`. */
  appointmentPolicy?: TrainingPolicy;
  /** The mediator's dated lines covering at least the pre-service window (others are ignored). */
  windowLines?: readonly DatedLine[];
  today: string;
};

/**
 * A mediator's training year: the year's figures and state, whether `year` is the appointment
 * year (`newcomer`), and the pre-service training for every year its window reaches into (null
 * otherwise, or without an appointment date).
 */
export function mediatorYear(input: MediatorYearInput) {
  const figures = yearFigures(input.policy, input.lines);
  const appointedOn = input.appointedOn;
  const newcomer = Boolean(appointedOn && Number(appointedOn.slice(0, 4)) === input.year);
  let preService: ReturnType<typeof preServiceOf> | null = null;
  if (appointedOn) {
    const rules = input.appointmentPolicy ?? input.policy;
    if (preServiceTouches(appointedOn, preServiceDue(rules, appointedOn), input.year))
      preService = preServiceOf(rules, appointedOn, input.windowLines ?? [], input.today);
  }
  return { year: input.year, ...figures, newcomer, preService };
}
export type MediatorYearRules = ReturnType<typeof mediatorYear>;
