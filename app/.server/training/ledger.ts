import { Op, UniqueConstraintError, type Transaction } from "sequelize";
import type { TrainingForm } from "~/lib/training";
import { Mediator, TrainingRecord } from "../db/models";
import type { TrainingSource } from "../db/models/TrainingRecord";
import { refreshMediators } from "./rollup";
import { applyToMediatorStats, applyToOrgStats } from "./stats";

const yearOf = (day: string) => Number(day.slice(0, 4));

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
 * Brings the summaries up to date for one ledger line added (+1), removed (−1) or changed (0):
 * the mediator's own rows first, then the rollups of every unit above — shared by everyone under
 * them, hence last, so their row locks are held only until the commit that follows (a check-in
 * storm queues on the province's rows). Always in this order, so writers never wait in a cycle.
 */
async function summarise(record: TrainingRecord, records: number, hours: number, transaction: Transaction) {
  await applyToMediatorStats(record, records, hours, transaction);
  if (record.mediatorId) await refreshMediators([record.mediatorId], [yearOf(record.occurredOn)], transaction);
  await applyToOrgStats(record, records, hours, transaction);
}

/**
 * Writes one line of the training ledger for a user, attached to their roster entry when they
 * have one. A second write for the same (source, sourceId) changes nothing: { created: false }.
 */
export async function recordTraining(entry: LedgerEntry, transaction: Transaction): Promise<{ created: boolean }> {
  const sourceId = String(entry.sourceId);
  const existing = await TrainingRecord.findOne({ where: { source: entry.source, sourceId }, transaction });
  if (existing) return { created: false };
  // Locked first: the summaries of one mediator are recomputed by one writer at a time.
  const mediator = await Mediator.findOne({
    where: { userId: entry.userId },
    attributes: ["id", "orgPath"],
    transaction,
    lock: transaction.LOCK.UPDATE,
  });
  try {
    const record = await TrainingRecord.create(
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
    await summarise(record, 1, record.hours, transaction);
    return { created: true };
  } catch (error) {
    if (error instanceof UniqueConstraintError) return { created: false };
    throw error;
  }
}

const lockMediator = async (id: number | null, transaction: Transaction) => {
  if (id) await Mediator.findByPk(id, { attributes: ["id"], transaction, lock: transaction.LOCK.UPDATE });
};

/** Takes a ledger line out (a log returned, an exercise failed on review), with its summaries. */
export async function removeTraining(source: TrainingSource, sourceId: string | number, transaction: Transaction): Promise<boolean> {
  const record = await TrainingRecord.findOne({ where: { source, sourceId: String(sourceId) }, transaction });
  if (!record) return false;
  await lockMediator(record.mediatorId, transaction);
  await record.destroy({ transaction });
  await summarise(record, -1, -record.hours, transaction);
  return true;
}

/** Changes the hours of a ledger line (an event's attendee credited differently), with its summaries. */
export async function setTrainingHours(record: TrainingRecord, hours: number, transaction: Transaction) {
  const before = record.hours;
  await lockMediator(record.mediatorId, transaction);
  await record.update({ hours }, { transaction });
  await summarise(record, 0, hours - before, transaction);
}

/** A user's ledger lines for a year, newest first. */
export async function trainingOfUser(userId: number, year: number) {
  return TrainingRecord.findAll({
    where: { userId, occurredOn: { [Op.gte]: `${year}-01-01`, [Op.lte]: `${year}-12-31` } },
    order: [
      ["occurredOn", "DESC"],
      ["id", "DESC"],
    ],
  });
}
