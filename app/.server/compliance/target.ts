import { z } from "zod";
import { currentYearInChina } from "~/lib/dates";
import { notFound } from "../auth/guards";
import { OrgUnit } from "../db/models";
import type { OrgScope } from "../org";
import type { Node } from "./dashboard";

const querySchema = z.object({
  org: z.coerce.number().int().positive().optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});

/**
 * The node and year a compliance page is about (`?org=&year=`): the admin's own top node and the
 * current year by default; 404 for a node outside their subtree or one that does not exist.
 */
export async function complianceTarget(request: Request, scopes: OrgScope[]): Promise<{ node: Node; year: number; trail: Node[] }> {
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  if (!scopes.length) throw notFound();
  const unit = await OrgUnit.findByPk(query.org ?? scopes[0].rootId, { attributes: ["id", "name", "path", "kind"] });
  if (!unit || !scopes.some((s) => s.contains(unit.path))) throw notFound();
  // The way down from the admin's own top node, for the breadcrumb.
  const ids = unit.path.split("/").filter(Boolean).map(Number);
  const above = await OrgUnit.findAll({ where: { id: ids }, attributes: ["id", "name", "path", "kind"] });
  const trail = ids
    .map((id) => above.find((u) => u.id === id)!)
    .filter((u) => u && scopes.some((s) => s.contains(u.path)))
    .map((u) => ({ id: u.id, name: u.name, path: u.path, kind: u.kind }));
  return { node: { id: unit.id, name: unit.name, path: unit.path, kind: unit.kind }, year: query.year ?? currentYearInChina(), trail };
}
