import type { CurrentUser } from "../auth/users";
import { can, scopesFor } from "../access";
import { complianceNode } from "../compliance/target";
import { verificationQueue } from "../training/logs";
import { adminWorkspace } from "./admin";
import { mediatorWorkspace } from "./mediator";
import { roundsWorkspace } from "./rounds";
import { trainerWorkspace } from "./trainer";
import { rosterEntryOfAccount } from "../roster/account-entry";

/** The roster entry tied to an account, as the workspaces and the menu need it; null when there is none. */
export async function rosterEntryOf(userId: number) {
  const m = await rosterEntryOfAccount(userId);
  return m && m.status === "active" ? { id: m.id, userId, orgPath: m.orgPath, appointedOn: m.appointedOn ?? null } : null;
}

/**
 * The signed-in person's workspace: one section per kind of grant they hold — mediator (a roster
 * entry), trainer, bureau admin — each loaded in parallel, each in one round of reads.
 */
export async function workspaceFor(user: CurrentUser, at: Date) {
  const roles = new Set(user.grants.map((g) => g.role));
  const adminScopes = scopesFor(user, "compliance:read");
  // The admin's top node (a grant on the province before one on a county inside it).
  const top = [...adminScopes].sort((a, b) => a.path.length - b.path.length)[0];
  const [mediatorRef, logs, node] = await Promise.all([
    rosterEntryOf(user.id),
    roles.has("trainer") ? verificationQueue(user, { status: "submitted" }) : null,
    top ? complianceNode(top.rootId) : null,
  ]);
  const [mediator, trainer, admin, rounds] = await Promise.all([
    mediatorRef ? mediatorWorkspace(mediatorRef, at) : null,
    logs
      ? trainerWorkspace(
          {
            userId: user.id,
            gradingScopes: can(user, "exercise:grade") ? scopesFor(user, "exercise:grade") : [],
            logsToVerify: logs.map((l) => l.id),
          },
          at,
        )
      : null,
    node ? adminWorkspace(node, scopesFor(user, "log:verify"), at) : null,
    roundsWorkspace(user, Boolean(mediatorRef)),
  ]);
  return { mediator, trainer, admin, rounds };
}
export type Workspace = Awaited<ReturnType<typeof workspaceFor>>;
