import { redirect } from "@remix-run/node";
import type { Role } from "~/lib/roles";
import { getSequelize } from "../db/connection";
import { OrgUnit } from "../db/models";
import { scopeFromPath, type OrgScope } from "../org";
import { getCurrentUser, type CurrentUser, type Grant } from "./session";

/**
 * The access checks every loader and action calls. Deny by default: a route that does not call
 * one of these is public by decision, and the access-control matrix test says so.
 */

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

export const forbidden = () => new Response("Forbidden", { status: 403 });
export const notFound = () => new Response("Not Found", { status: 404 });

/** The signed-in user, or a redirect to /login. A user who must change their password is sent there first. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getCurrentUser(request);
  if (!user) throw loginRedirect(request);
  const path = new URL(request.url).pathname;
  if (user.mustChangePassword && path !== "/account/password" && path !== "/logout") {
    throw redirect("/account/password");
  }
  return user;
}

/** Admin rights over a subtree: sysadmin grants count as bureau_admin over their node. */
function grantsFor(user: CurrentUser, roles: Role[]): Grant[] {
  const wanted = new Set<Role>(roles);
  if (wanted.has("bureau_admin")) wanted.add("sysadmin");
  return user.grants.filter((g) => wanted.has(g.role));
}

/** The subtrees in which the user holds one of these roles. */
export function scopesOf(user: CurrentUser, roles: Role | Role[]): OrgScope[] {
  return grantsFor(user, Array.isArray(roles) ? roles : [roles]).map((g) => scopeFromPath(g.orgUnitId, g.orgPath));
}

/** True when one of the user's grants of these roles covers the org unit with this path. */
export function holdsOver(user: CurrentUser, roles: Role | Role[], orgPath: string): boolean {
  return scopesOf(user, roles).some((scope) => scope.contains(orgPath));
}

/**
 * The user, when they hold one of `roles` — over `over` (an org unit id) if given, anywhere
 * otherwise. Signed out → redirect to /login; signed in without the grant → 403.
 */
export async function requireGrant(
  request: Request,
  roles: Role | Role[],
  options: { over?: number } = {},
): Promise<CurrentUser & { scopes: OrgScope[] }> {
  const user = await requireUser(request);
  const scopes = scopesOf(user, roles);
  if (scopes.length === 0) throw forbidden();
  if (options.over !== undefined) {
    getSequelize();
    const target = await OrgUnit.findByPk(options.over, { attributes: ["path"] });
    if (!target || !scopes.some((s) => s.contains(target.path))) throw forbidden();
  }
  return { ...user, scopes };
}
