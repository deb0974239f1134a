import type { AccountActor } from "../accounts";
import { getMediatorInScopes } from "../roster/queries";
import { notFound, requireGrant } from "./guards";
import { clientIp } from "./session";

/** A bureau admin (or sysadmin) with the subtrees they act on; 403 for anyone else. */
export async function requireAdmin(request: Request) {
  const user = await requireGrant(request, "bureau_admin");
  const actor: AccountActor = {
    id: user.id,
    scopes: user.scopes,
    isSysadmin: user.grants.some((g) => g.role === "sysadmin"),
    ip: clientIp(request),
  };
  return { user, actor };
}

/** A roster entry the admin may act on, with the admin; 404 (never the data) when outside their subtree. */
export async function requireMediatorForAdmin(request: Request, id: string | undefined) {
  const { actor } = await requireAdmin(request);
  const mediator = await getMediatorInScopes(actor.scopes, Number(id));
  if (!mediator) throw notFound();
  return { actor, mediator };
}
