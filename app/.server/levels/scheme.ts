import type { Transaction } from "sequelize";
import {
  NATIONAL_SCHEME,
  SCHEME_PRESETS,
  levelSchemeSchema,
  type LevelScheme as Scheme,
  type LevelSchemeInput,
  type SchemePreset,
} from "~/lib/levels";
import { withinScopes } from "../access";
import { audit } from "../audit";
import { inTransaction } from "../db/connection";
import { LevelScheme, OrgUnit } from "../db/models";
import { pathIds, type OrgScope } from "../org";

/**
 * A province node's level scheme: its own row in level_schemes, else the national scheme. The
 * scheme of any node is its province's (the root of its path).
 */
export type SchemeInForce = { scheme: Scheme; provinceId: number; own: boolean };

const parsed = new Map<string, Scheme>();

export async function schemeOfProvince(provinceId: number, transaction?: Transaction): Promise<SchemeInForce> {
  const row = await LevelScheme.findByPk(provinceId, { transaction });
  if (!row) return { scheme: NATIONAL_SCHEME, provinceId, own: false };
  // A stored scheme is re-read through the form's schema, so one written by an older version still
  // has every field; the result is kept by the stored text, as pages read the scheme often.
  const stored = JSON.stringify(row.scheme);
  let scheme = parsed.get(stored);
  if (!scheme) {
    scheme = levelSchemeSchema.parse(row.scheme) as Scheme;
    if (parsed.size >= 100) parsed.clear();
    parsed.set(stored, scheme);
  }
  return { scheme: structuredClone(scheme), provinceId, own: true };
}

/** The scheme in force at a node (by its org path). */
export const schemeAt = (orgPath: string) => schemeOfProvince(pathIds(orgPath)[0]);

type Actor = { id: number; scopes: OrgScope[]; ip?: string };
export type SchemeError = "notFound" | "notProvince";

async function provinceInScope(actor: Actor, provinceId: number): Promise<OrgUnit | SchemeError> {
  const unit = await OrgUnit.findByPk(provinceId, { attributes: ["id", "parentId", "path", "kind", "name"] });
  if (!unit || !withinScopes(actor.scopes, unit.path)) return "notFound";
  if (unit.parentId !== null && unit.kind !== "province") return "notProvince";
  return unit;
}

/** Sets a province's scheme (admins over the province only: sysadmin or the province's own admins); audited. */
export async function saveScheme(actor: Actor, provinceId: number, input: LevelSchemeInput, reason: string | null = null) {
  const unit = await provinceInScope(actor, provinceId);
  if (typeof unit === "string") return { ok: false as const, error: unit };
  const scheme = levelSchemeSchema.parse(input) as Scheme;
  await inTransaction(async (transaction) => {
    const existing = await LevelScheme.findByPk(provinceId, { transaction, lock: transaction.LOCK.UPDATE });
    const before = existing ? (existing.scheme as unknown as Record<string, unknown>) : null;
    if (existing) await existing.update({ scheme, updatedBy: actor.id }, { transaction });
    else await LevelScheme.create({ orgUnitId: provinceId, scheme, updatedBy: actor.id }, { transaction });
    await audit(
      {
        actorUserId: actor.id,
        action: "level_scheme.set",
        targetType: "level_scheme",
        targetId: provinceId,
        orgUnitId: provinceId,
        before,
        after: scheme as unknown as Record<string, unknown>,
        reason,
        ip: actor.ip ?? null,
      },
      transaction,
    );
  });
  return { ok: true as const };
}

/** Replaces a province's scheme by a preset (the national scheme, Guangdong's rule). */
export const applyPreset = (actor: Actor, provinceId: number, preset: SchemePreset) =>
  saveScheme(actor, provinceId, SCHEME_PRESETS[preset] as LevelSchemeInput, `preset:${preset}`);

/** Removes a province's own scheme, so the national scheme applies again; audited. */
export async function clearScheme(actor: Actor, provinceId: number) {
  const unit = await provinceInScope(actor, provinceId);
  if (typeof unit === "string") return { ok: false as const, error: unit };
  await inTransaction(async (transaction) => {
    const existing = await LevelScheme.findByPk(provinceId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!existing) return;
    await audit(
      {
        actorUserId: actor.id,
        action: "level_scheme.cleared",
        targetType: "level_scheme",
        targetId: provinceId,
        orgUnitId: provinceId,
        before: existing.scheme as unknown as Record<string, unknown>,
        after: null,
        ip: actor.ip ?? null,
      },
      transaction,
    );
    await existing.destroy({ transaction });
  });
  return { ok: true as const };
}

/**
 * The province a scheme page is about: the one asked for (it must be a root node), else the root
 * of the user's first admin grant; with its Target facts (null: no such province).
 */
export async function provinceTarget(asked: string | null, grantPaths: readonly string[]) {
  const id = asked && /^\d+$/.test(asked) ? Number(asked) : grantPaths.length ? pathIds(grantPaths[0])[0] : null;
  if (!id) return null;
  const unit = await OrgUnit.findByPk(id, { attributes: ["id", "parentId", "name", "path"] });
  if (!unit || unit.parentId !== null) return null;
  return { id: unit.id, name: unit.name, path: unit.path, orgPath: unit.path };
}
