import { z } from "zod";
import { currentYearInChina } from "~/lib/dates";
import { scopesFor, type Action } from "../access";
import { complianceNode, complianceTrail } from "../compliance/target";
import { requireAccess } from "./guards";

const querySchema = z.object({
  org: z.coerce.number().int().positive().optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});

/**
 * The node and year a compliance page is about (`?org=&year=`): the admin's own top node and the
 * current year by default; 404 for a node outside their subtree or one that does not exist.
 */
export async function requireComplianceTarget(request: Request, action: Action) {
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const access = await requireAccess(request, action, async (user) => {
    const node = await complianceNode(query.org ?? scopesFor(user, action)[0]?.rootId);
    return node && { node, orgPath: node.path };
  });
  const { node } = access.target;
  return { ...access, node, year: query.year ?? currentYearInChina(), trail: await complianceTrail(access.scopes, node) };
}
