import { redirect } from "@remix-run/node";
import { can, mayTry, scopesFor, type Action, type Target } from "../access";
import { type CurrentUser } from "../auth/users";
import { clientIp, getCurrentUser } from "../web/session";
import type { OrgScope } from "../org";
import { refuseBadUrl } from "./form";

/**
 * The guard every loader and action calls. It answers the same way everywhere:
 * signed out → redirect to /login?redirectTo=…; no grant for the action → 403;
 * a target outside the user's scope, or no such target → 404, with none of its data.
 * Routes that call nothing here are public by decision, and the access-control matrix says so.
 */

export const forbidden = () => new Response("Forbidden", { status: 403 });
export const notFound = () => new Response("Not Found", { status: 404 });

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  return redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** The signed-in user, or a redirect to /login. A user who must change their password is sent there first. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  refuseBadUrl(request);
  const user = await getCurrentUser(request);
  if (!user) throw loginRedirect(request);
  const path = new URL(request.url).pathname;
  if (user.mustChangePassword && path !== "/account/password" && path !== "/logout") {
    throw redirect("/account/password");
  }
  return user;
}

/** Who acts, for domain functions that record and scope what they do. */
export type Actor = { id: number; scopes: OrgScope[]; isSysadmin: boolean; ip: string };

export type Access<T> = {
  user: CurrentUser;
  /** The subtrees over which the user may do the action by role. */
  scopes: OrgScope[];
  actor: Actor;
  target: T;
};

/**
 * Signed in, allowed to try the action, and — when `load` is given — allowed on the record it
 * loads (`load` gets the user and the action's scopes, returns null for an unknown id, and the
 * record carries its `Target` facts). Without `load`, list pages narrow what they show themselves
 * (by `scopes`, or by what is the user's own).
 */
export async function requireAccess(request: Request, action: Action): Promise<Access<undefined>>;
export async function requireAccess<T extends Target>(
  request: Request,
  action: Action,
  load: (user: CurrentUser, scopes: OrgScope[]) => Promise<T | null | undefined>,
): Promise<Access<T>>;
export async function requireAccess<T extends Target>(
  request: Request,
  action: Action,
  load?: (user: CurrentUser, scopes: OrgScope[]) => Promise<T | null | undefined>,
): Promise<Access<T | undefined>> {
  const user = await requireUser(request);
  if (!mayTry(user, action)) throw forbidden();
  const scopes = scopesFor(user, action);
  let target: T | undefined;
  if (load) {
    const found = await load(user, scopes);
    if (!found || !can(user, action, found)) throw notFound();
    target = found;
  }
  return {
    user,
    scopes,
    target,
    actor: { id: user.id, scopes, isSysadmin: can(user, "account:grant-sysadmin"), ip: clientIp(request) },
  };
}

/**
 * A second action on a record the user may already see (organising an event they can see): 403
 * when not allowed, since the record's existence is no secret to them.
 */
export function requireCan(user: CurrentUser, action: Action, target: Target) {
  if (!can(user, action, target)) throw forbidden();
}
