import type { AccountActor } from "../accounts";
import { requireGrant } from "./guards";
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
