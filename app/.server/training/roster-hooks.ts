import type { Transaction } from "sequelize";
import type { Mediator } from "../db/models";
import { refreshMediators, shiftRoster, type RosterEntry } from "./rollup";

type Options = { transaction?: Transaction | null };
const WATCHED = ["orgUnitId", "status", "employment", "appointedOn"] as const;

const entry = (m: Mediator): RosterEntry => ({
  orgUnitId: m.orgUnitId,
  employment: m.employment,
  status: m.status ?? "active",
  appointedOn: m.appointedOn,
});
const previous = (m: Mediator): RosterEntry => ({
  orgUnitId: m.previous("orgUnitId") ?? m.orgUnitId,
  employment: m.previous("employment") ?? m.employment,
  status: m.previous("status") ?? m.status,
  appointedOn: m.changed("appointedOn") ? m.previous("appointedOn") ?? null : m.appointedOn,
});

/**
 * Keeps the compliance rollups in step with the roster: a new mediator, a bulk import, a move to
 * another committee, a change of status, employment or appointment date — in the write's transaction.
 */
export function watchRoster(model: typeof Mediator) {
  model.addHook("afterCreate", "complianceRollups", async (m: Mediator, options: Options) => {
    await shiftRoster([], [entry(m)], options.transaction ?? undefined);
  });
  model.addHook("afterBulkCreate", "complianceRollups", async (ms: Mediator[], options: Options) => {
    await shiftRoster([], ms.map(entry), options.transaction ?? undefined);
  });
  model.addHook("afterUpdate", "complianceRollups", async (m: Mediator, options: Options) => {
    if (!WATCHED.some((field) => m.changed(field))) return;
    const run = async (t: Transaction) => {
      await shiftRoster([previous(m)], [entry(m)], t);
      await refreshMediators([m.id], null, t);
    };
    await (options.transaction ? run(options.transaction) : m.sequelize.transaction(run));
  });
}
