import { Op, type Transaction } from "sequelize";
import { DEFAULT_ROOM_POLICY, type PolicyInput, type RoomPolicy, policyOf } from "~/lib/rooms";
import { audit } from "../audit";
import { inTransaction } from "../db/connection";
import { RoomPolicyRow } from "../db/models";
import { pathIds } from "../org";

/**
 * A node's room rules (eligibility, rating window, target): the nearest node on the path with its
 * own rules applies; without any, Quanzhou's rule (DEFAULT_ROOM_POLICY). `source`: the node whose
 * rules apply (null: the default).
 */
export async function policyAt(orgPath: string, transaction?: Transaction): Promise<{ policy: RoomPolicy; source: number | null }> {
  const ids = pathIds(orgPath);
  if (ids.length === 0) return { policy: DEFAULT_ROOM_POLICY, source: null };
  const rows = await RoomPolicyRow.findAll({ where: { orgUnitId: { [Op.in]: ids } }, transaction });
  for (const id of [...ids].reverse()) {
    const row = rows.find((r) => r.orgUnitId === id);
    if (row) return { policy: { ...DEFAULT_ROOM_POLICY, ...row.settings }, source: id };
  }
  return { policy: DEFAULT_ROOM_POLICY, source: null };
}

/** The node's own rules, or null when it inherits them. */
export const ownPolicy = async (orgUnitId: number) => (await RoomPolicyRow.findByPk(orgUnitId))?.settings ?? null;

/** Sets a node's own rules (audited). Callers check the node is inside the admin's scope. */
export async function savePolicy(actor: { id: number; ip?: string | null }, orgUnitId: number, input: PolicyInput) {
  const settings = policyOf(input);
  return inTransaction(async (transaction) => {
    const existing = await RoomPolicyRow.findByPk(orgUnitId, { transaction, lock: transaction.LOCK.UPDATE });
    const before = existing?.settings ?? null;
    if (existing) await existing.update({ settings, updatedBy: actor.id }, { transaction });
    else await RoomPolicyRow.create({ orgUnitId, settings, updatedBy: actor.id }, { transaction });
    await audit(
      {
        actorUserId: actor.id,
        action: "room.policy",
        targetType: "org_unit",
        targetId: orgUnitId,
        orgUnitId,
        before,
        after: settings,
        ip: actor.ip,
      },
      transaction,
    );
    return settings;
  });
}
