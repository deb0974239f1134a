import { Op } from "sequelize";
import { OrgUnit } from "../db/models";
import { scopeFromPath, type OrgScope } from "../org";
import { withinScopes } from "../access";

/** The admin's scopes narrowed to one org node, when that node lies inside them; null otherwise. */
export async function narrowScopes(scopes: OrgScope[], orgUnitId?: number): Promise<OrgScope[] | null> {
  if (orgUnitId === undefined) return scopes;
  const node = await OrgUnit.findByPk(orgUnitId, { attributes: ["id", "path"] });
  if (!node || !withinScopes(scopes, node.path)) return null;
  return [scopeFromPath(node.id, node.path)];
}

/** The committee with this id, if it is a committee inside the scopes. */
export async function committeeInScopes(scopes: OrgScope[], orgUnitId: number) {
  const unit = await OrgUnit.findByPk(orgUnitId);
  if (!unit || unit.kind !== "committee" || !withinScopes(scopes, unit.path)) return null;
  return unit;
}

/** Org nodes an admin can pick in filters and forms, in tree order; committees can be left out. */
export async function orgOptions(scopes: OrgScope[], options: { committeesOnly?: boolean; limit?: number } = {}) {
  const rows = await OrgUnit.findAll({
    where: {
      [Op.and]: [{ [Op.or]: scopes.map((s) => s.where) }, options.committeesOnly ? { kind: "committee" } : {}],
    },
    attributes: ["id", "name", "kind", "depth", "path"],
    order: [["path", "ASC"]],
    limit: options.limit ?? 2000,
  });
  const minDepth = Math.min(...rows.map((r) => r.depth));
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, level: r.depth - minDepth }));
}
