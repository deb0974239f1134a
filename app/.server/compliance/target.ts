import { withinScopes } from "../access";
import { OrgUnit } from "../db/models";
import type { OrgScope } from "../org";
import { pathIds } from "../org";
import type { Node } from "./dashboard";

/** A node a compliance page can be about, by id; null when there is no such node. */
export async function complianceNode(id: number | undefined): Promise<Node | null> {
  if (!id) return null;
  const unit = await OrgUnit.findByPk(id, { attributes: ["id", "name", "path", "kind"] });
  return unit && { id: unit.id, name: unit.name, path: unit.path, kind: unit.kind };
}

/** The way down to the node from the admin's own top node, for the breadcrumb. */
export async function complianceTrail(scopes: OrgScope[], node: Node): Promise<Node[]> {
  const ids = pathIds(node.path);
  const above = await OrgUnit.findAll({ where: { id: ids }, attributes: ["id", "name", "path", "kind"] });
  return ids
    .map((id) => above.find((u) => u.id === id))
    .filter((u): u is OrgUnit => Boolean(u) && withinScopes(scopes, u!.path))
    .map((u) => ({ id: u.id, name: u.name, path: u.path, kind: u.kind }));
}
