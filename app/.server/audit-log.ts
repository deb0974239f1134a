import { Op, type WhereOptions } from "sequelize";
import { AuditEvent, User } from "./db/models";
import { inScope, type OrgScope } from "./org";

export const AUDIT_PAGE = 50;

export type AuditFilter = { action?: string; actor?: string; from?: string; to?: string; page: number };

/** Audit events that belong to org units inside the scopes, newest first. */
export async function listAuditEvents(scopes: OrgScope[], filter: AuditFilter) {
  const and: WhereOptions[] = [
    scopes.length === 1
      ? { orgUnitId: { [Op.in]: inScope(scopes[0]) } }
      : { [Op.or]: scopes.map((s) => ({ orgUnitId: { [Op.in]: inScope(s) } })) },
  ];
  if (filter.action) and.push({ action: filter.action });
  if (filter.from) and.push({ at: { [Op.gte]: new Date(`${filter.from}T00:00:00Z`) } });
  if (filter.to) and.push({ at: { [Op.lt]: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000) } });
  if (filter.actor) {
    const actor = await User.findOne({ where: { username: filter.actor.trim().toLowerCase() }, attributes: ["id"] });
    and.push({ actorUserId: actor ? actor.id : -1 });
  }
  const { count, rows } = await AuditEvent.findAndCountAll({
    where: { [Op.and]: and },
    order: [
      ["at", "DESC"],
      ["id", "DESC"],
    ],
    limit: AUDIT_PAGE,
    offset: (filter.page - 1) * AUDIT_PAGE,
    include: [{ model: User, as: "actor", attributes: ["username", "displayName"] }],
  });
  return {
    total: count,
    pageCount: Math.max(1, Math.ceil(count / AUDIT_PAGE)),
    rows: rows.map((e) => {
      const actor = e.get("actor") as User | null;
      return {
        id: e.id,
        at: e.at.toISOString(),
        actor: actor ? `${actor.displayName} (${actor.username})` : null,
        action: e.action,
        target: `${e.targetType}${e.targetId ? ` #${e.targetId}` : ""}`,
        before: e.beforeSummary,
        after: e.afterSummary,
        reason: e.reason,
      };
    }),
  };
}
