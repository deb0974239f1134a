import { withinScopes } from "../access";
import { audit } from "../audit";
import { inTransaction } from "../db/connection";
import { Mediator, MediatorSanction } from "../db/models";
import type { OrgScope } from "../org";
import type { SanctionInput } from "~/lib/levels";

/**
 * The sanctions list (处分记录) on a roster entry: entered by a bureau admin over the mediator,
 * with date, reason and document number; read by the "no disciplinary record" criterion. Entries
 * are never edited in place: a wrong one is removed with a reason, both audited.
 */
type Actor = { id: number; scopes: OrgScope[]; ip?: string };

export async function sanctionsOf(mediatorId: number) {
  const rows = await MediatorSanction.findAll({
    where: { mediatorId },
    order: [
      ["on", "DESC"],
      ["id", "DESC"],
    ],
  });
  return rows.map((s) => ({ id: s.id, on: String(s.on).slice(0, 10), reason: s.reason, documentNo: s.documentNo, note: s.note }));
}
export type SanctionRow = Awaited<ReturnType<typeof sanctionsOf>>[number];

export async function addSanction(actor: Actor, mediator: Pick<Mediator, "id" | "orgPath" | "orgUnitId">, input: SanctionInput) {
  if (!withinScopes(actor.scopes, mediator.orgPath)) return { ok: false as const, error: "notFound" as const };
  const created = await inTransaction(async (transaction) => {
    // The roster entry is locked so a status change and a sanction of the same person queue.
    await Mediator.findByPk(mediator.id, { transaction, lock: transaction.LOCK.UPDATE, attributes: ["id"] });
    const row = await MediatorSanction.create(
      {
        mediatorId: mediator.id,
        on: input.on,
        reason: input.reason,
        documentNo: input.documentNo,
        note: input.note ?? null,
        createdBy: actor.id,
      },
      { transaction },
    );
    await audit(
      {
        actorUserId: actor.id,
        action: "mediator.sanction_added",
        targetType: "mediator",
        targetId: mediator.id,
        orgUnitId: mediator.orgUnitId,
        after: { sanctionId: row.id, on: input.on, documentNo: input.documentNo },
        reason: input.reason,
        ip: actor.ip ?? null,
      },
      transaction,
    );
    return row;
  });
  return { ok: true as const, id: created.id };
}

export async function removeSanction(
  actor: Actor,
  mediator: Pick<Mediator, "id" | "orgPath" | "orgUnitId">,
  sanctionId: number,
  reason: string,
) {
  if (!withinScopes(actor.scopes, mediator.orgPath)) return { ok: false as const, error: "notFound" as const };
  return inTransaction(async (transaction) => {
    const row = await MediatorSanction.findOne({
      where: { id: sanctionId, mediatorId: mediator.id },
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    if (!row) return { ok: false as const, error: "notFound" as const };
    await audit(
      {
        actorUserId: actor.id,
        action: "mediator.sanction_removed",
        targetType: "mediator",
        targetId: mediator.id,
        orgUnitId: mediator.orgUnitId,
        before: { sanctionId: row.id, on: row.on, reason: row.reason, documentNo: row.documentNo },
        reason,
        ip: actor.ip ?? null,
      },
      transaction,
    );
    await row.destroy({ transaction });
    return { ok: true as const };
  });
}
