import { Op } from "sequelize";
import { currentYearInChina } from "~/lib/dates";
import { nodeDashboard, type Node } from "../compliance/dashboard";
import { TrainingLog } from "../db/models";
import { orgPathInScopes, type OrgScope } from "../org";

/** How many child nodes the workspace lists, those with most mediators not yet compliant first. */
export const BEHIND_SHOWN = 5;

/**
 * A bureau admin's headline for their subtree, read from the rollups (compliance/dashboard):
 * coverage, practical trainings per head, hours, how many are not yet compliant, the child nodes
 * furthest behind, and the logs in the subtree waiting for verification.
 */
export async function adminWorkspace(node: Node, verifyScopes: OrgScope[], at: Date) {
  const year = currentYearInChina(at);
  const [dashboard, pendingLogs] = await Promise.all([
    nodeDashboard(node, year, at),
    verifyScopes.length ? TrainingLog.count({ where: { [Op.and]: [orgPathInScopes(verifyScopes), { status: "submitted" }] } }) : 0,
  ]);
  const behind = (f: { active: number; compliant: number }) => Math.max(0, f.active - f.compliant);
  const t = dashboard.totals;
  return {
    year,
    node: { id: node.id, name: node.name },
    active: t.active,
    coverage: t.coverage,
    perCapita: t.perCapita,
    hours: t.hours,
    compliantShare: t.compliantShare,
    behind: behind(t),
    children: dashboard.children
      .map((c) => ({ id: c.id, name: c.name, active: c.active, behind: behind(c), coverage: c.coverage }))
      .filter((c) => c.behind > 0)
      .sort((a, b) => b.behind - a.behind || a.id - b.id)
      .slice(0, BEHIND_SHOWN),
    pendingLogs,
  };
}
export type AdminWorkspace = Awaited<ReturnType<typeof adminWorkspace>>;
