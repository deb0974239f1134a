import type { CreationAttributes, Transaction } from "sequelize";
import { inTransaction } from "../db/connection";
import { Mediator } from "../db/models";
import { refreshMediators, shiftRoster, type RosterEntry } from "../training/rollup";
import { nameKey } from "./name-key";

/**
 * Every write that adds or changes roster entries goes through here, so the compliance rollups
 * (active mediators per node, each mediator's year) move in the same transaction: a new entry, a
 * bulk import, a move to another committee, a change of status, employment or appointment date.
 * Each entry's pinyin sort key (name-key.ts) is written here too, with the name it is made from.
 */
const WATCHED = ["orgUnitId", "status", "employment", "appointedOn"] as const;
type Changes = Partial<Pick<Mediator, (typeof WATCHED)[number] | "statusChangedOn" | "statusReason" | "userId">> &
  Partial<CreationAttributes<Mediator>>;

const entry = (m: Pick<Mediator, "orgUnitId" | "employment" | "status" | "appointedOn">): RosterEntry => ({
  orgUnitId: m.orgUnitId,
  employment: m.employment,
  status: m.status ?? "active",
  appointedOn: m.appointedOn,
});

/** Adds roster entries and counts them in the rollups. */
export async function addMediators(rows: CreationAttributes<Mediator>[], transaction?: Transaction | null): Promise<Mediator[]> {
  return inTransaction(async (t) => {
    const created = await Mediator.bulkCreate(
      rows.map((r) => ({ ...r, nameKey: nameKey(r.name) })),
      { transaction: t },
    );
    await shiftRoster([], created.map(entry), t);
    return created;
  }, transaction);
}

export async function addMediator(attrs: CreationAttributes<Mediator>, transaction?: Transaction | null): Promise<Mediator> {
  return inTransaction(async (t) => {
    const created = await Mediator.create({ ...attrs, nameKey: nameKey(attrs.name) }, { transaction: t });
    await shiftRoster([], [entry(created)], t);
    return created;
  }, transaction);
}

/** Changes a roster entry; when a watched field changes, the rollups follow (old place out, new in). */
export async function changeMediator(mediator: Mediator, changes: Changes, transaction?: Transaction | null): Promise<Mediator> {
  return inTransaction(async (t) => {
    const before = entry(mediator);
    mediator.set(changes);
    if (mediator.changed("name")) mediator.nameKey = nameKey(mediator.name);
    const moved = WATCHED.some((field) => mediator.changed(field));
    await mediator.save({ transaction: t });
    if (moved) {
      await shiftRoster([before], [entry(mediator)], t);
      await refreshMediators([mediator.id], null, t);
    }
    return mediator;
  }, transaction);
}
