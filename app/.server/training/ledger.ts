import { Op, UniqueConstraintError, type Transaction } from "sequelize";
import type { TrainingForm } from "~/lib/training";
import { getSequelize } from "../db/connection";
import { Mediator, TrainingRecord } from "../db/models";
import type { TrainingSource } from "../db/models/TrainingRecord";

export type LedgerEntry = {
  source: TrainingSource;
  sourceId: string | number;
  userId: number;
  occurredOn: string;
  hours: number;
  form: TrainingForm;
  kind: string | null;
  title: string;
};

/**
 * Writes one line of the training ledger for a user, attached to their roster entry when they
 * have one. A second write for the same (source, sourceId) changes nothing: { created: false }.
 */
export async function recordTraining(entry: LedgerEntry, transaction: Transaction): Promise<{ created: boolean }> {
  getSequelize();
  const sourceId = String(entry.sourceId);
  const existing = await TrainingRecord.findOne({ where: { source: entry.source, sourceId }, transaction });
  if (existing) return { created: false };
  const mediator = await Mediator.findOne({ where: { userId: entry.userId }, attributes: ["id", "orgPath"], transaction });
  try {
    await TrainingRecord.create(
      {
        source: entry.source,
        sourceId,
        userId: entry.userId,
        mediatorId: mediator?.id ?? null,
        orgPath: mediator?.orgPath ?? null,
        occurredOn: entry.occurredOn,
        hours: entry.hours,
        form: entry.form,
        kind: entry.kind,
        title: entry.title.slice(0, 200),
      },
      { transaction },
    );
    return { created: true };
  } catch (error) {
    if (error instanceof UniqueConstraintError) return { created: false };
    throw error;
  }
}

/** A user's ledger lines for a year, newest first. */
export async function trainingOfUser(userId: number, year: number) {
  getSequelize();
  return TrainingRecord.findAll({
    where: { userId, occurredOn: { [Op.gte]: `${year}-01-01`, [Op.lte]: `${year}-12-31` } },
    order: [["occurredOn", "DESC"], ["id", "DESC"]],
  });
}
