import type { TrainingRecord } from "../db/models";
import { trainingOfUser } from "./ledger";

/**
 * Defaults until the compliance issue brings per-node policies: at least one practical training
 * a year (Mianyang's 人均实训频次不低于每年1次) and 20 hours. Practical training means events of
 * these forms, verified logs and passed exercises; every source counts toward hours.
 */
export const DEFAULT_POLICY = { practicalPerYear: 1, hoursPerYear: 20, practicalEventForms: ["drill", "observation", "court_hearing", "case_review"] };

export function isPractical(record: Pick<TrainingRecord, "source" | "form">) {
  return record.source === "log" || record.source === "exercise" || (record.source === "event" && DEFAULT_POLICY.practicalEventForms.includes(record.form));
}

/** A user's year: its ledger lines, practical-training count and hours, against the defaults. */
export async function yearSummary(userId: number, year: number) {
  const records = await trainingOfUser(userId, year);
  return {
    year,
    practical: records.filter(isPractical).length,
    hours: Math.round(records.reduce((sum, r) => sum + r.hours, 0) * 10) / 10,
    targets: { practical: DEFAULT_POLICY.practicalPerYear, hours: DEFAULT_POLICY.hoursPerYear },
    records: records.map((r) => ({ id: r.id, source: r.source, form: r.form, title: r.title, occurredOn: r.occurredOn, hours: r.hours })),
  };
}
