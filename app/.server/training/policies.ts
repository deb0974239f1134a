import { Op } from "sequelize";
import { policyFromInput, type PolicyInput, type TrainingPolicy as Policy } from "~/lib/policy";
import { audit } from "../audit";
import { inTransaction } from "../db/connection";
import { OrgUnit, TrainingPolicy } from "../db/models";
import { pathIds, type OrgScope } from "../org";
import { refreshAfterPolicyChange } from "../jobs/policy-refresh";
import { withinScopes } from "../access";
import { policyInForce } from "./year-rules";

export type EffectivePolicy = Policy & { source: { orgUnitId: number; name: string } | null };

/**
 * The policy in force at a node for a year: its own, else the nearest ancestor's, else the
 * defaults. `source` says where it comes from (null: the defaults).
 */
export async function effectivePolicy(orgPath: string, year: number): Promise<EffectivePolicy> {
  const ids = pathIds(orgPath);
  const rows = await TrainingPolicy.findAll({ where: { orgUnitId: { [Op.in]: ids }, year } });
  const { policy, sourceId } = policyInForce(rows, ids, year);
  if (sourceId === null) return { ...policy, source: null };
  const unit = await OrgUnit.findByPk(sourceId, { attributes: ["id", "name"] });
  return { ...policy, source: { orgUnitId: sourceId, name: unit?.name ?? "" } };
}

/** Sets (or replaces) a node's own policy for a year; admins over the node only; audited with the old and new values. */
export async function setPolicy(
  actor: { id: number; scopes: OrgScope[]; ip?: string },
  orgUnitId: number,
  year: number,
  input: PolicyInput,
) {
  const unit = await OrgUnit.findByPk(orgUnitId, { attributes: ["id", "path"] });
  if (!unit || !withinScopes(actor.scopes, unit.path)) return { ok: false as const, error: "notFound" as const };
  const policy = policyFromInput(input);
  const recompute = await inTransaction(async (transaction) => {
    const existing = await TrainingPolicy.findOne({ where: { orgUnitId, year }, transaction, lock: transaction.LOCK.UPDATE });
    const before = existing
      ? {
          minPractical: existing.minPractical,
          minHours: existing.minHours,
          preserviceHours: existing.preserviceHours,
          preserviceDays: existing.preserviceDays,
          practical: existing.practical,
        }
      : null;
    if (existing) await existing.update({ ...policy, updatedBy: actor.id }, { transaction });
    else await TrainingPolicy.create({ orgUnitId, year, ...policy, updatedBy: actor.id }, { transaction });
    const mode = await refreshAfterPolicyChange(unit, year, actor.id, transaction);
    await audit(
      {
        actorUserId: actor.id,
        action: "policy.set",
        targetType: "training_policy",
        targetId: `${orgUnitId}/${year}`,
        orgUnitId,
        before,
        after: { ...policy },
        ip: actor.ip ?? null,
      },
      transaction,
    );
    return mode;
  });
  return { ok: true as const, recompute };
}

/** Removes a node's own policy for a year, so it inherits again; audited. */
export async function clearPolicy(actor: { id: number; scopes: OrgScope[]; ip?: string }, orgUnitId: number, year: number) {
  const unit = await OrgUnit.findByPk(orgUnitId, { attributes: ["id", "path"] });
  if (!unit || !withinScopes(actor.scopes, unit.path)) return { ok: false as const, error: "notFound" as const };
  const recompute = await inTransaction(async (transaction) => {
    const existing = await TrainingPolicy.findOne({ where: { orgUnitId, year }, transaction, lock: transaction.LOCK.UPDATE });
    if (!existing) return "inline" as const;
    await audit(
      {
        actorUserId: actor.id,
        action: "policy.clear",
        targetType: "training_policy",
        targetId: `${orgUnitId}/${year}`,
        orgUnitId,
        before: { minPractical: existing.minPractical, minHours: existing.minHours, practical: existing.practical },
        after: null,
        ip: actor.ip ?? null,
      },
      transaction,
    );
    await existing.destroy({ transaction });
    return refreshAfterPolicyChange(unit, year, actor.id, transaction);
  });
  return { ok: true as const, recompute };
}
