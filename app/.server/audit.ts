import type { Transaction } from "sequelize";
import { AuditEvent } from "./db/models";

export type AuditEntry = {
  actorUserId: number | null;
  action: string;
  targetType: string;
  targetId?: string | number | null;
  orgUnitId?: number | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
  ip?: string | null;
};

const summary = (value: Record<string, unknown> | null | undefined) => (value ? JSON.stringify(value).slice(0, 60_000) : null);

/**
 * Records one audit event inside the caller's transaction: if the change rolls back, so does its
 * audit row. A transaction is required on purpose.
 */
export async function audit(entry: AuditEntry, transaction: Transaction): Promise<void> {
  await AuditEvent.create(
    {
      at: new Date(),
      actorUserId: entry.actorUserId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId == null ? null : String(entry.targetId),
      orgUnitId: entry.orgUnitId ?? null,
      beforeSummary: summary(entry.before),
      afterSummary: summary(entry.after),
      reason: entry.reason?.slice(0, 500) ?? null,
      ip: entry.ip ?? null,
    },
    { transaction },
  );
}

/** Only the fields that changed, as { before, after }, for a readable audit summary. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}
