import { Op } from "sequelize";
import { EXPERTS_PAGE_SIZE, type ExpertField, type PublicExpert } from "~/lib/experts";
import { todayInChina } from "~/lib/dates";
import { now } from "../clock";
import { Expert, ExpertPool } from "../db/models";

/**
 * The public expert list (/experts): listed experts whose term runs, and the experts under public
 * notice (公示) today. Only name, field, title, organisation and pool leave this module — never
 * the contact, the account or the roster link — and nothing depends on who asks, so every
 * signed-out visitor gets the same page (cached by server/public-cache.ts).
 */
const PUBLIC_ATTRIBUTES = ["id", "name", "field", "title", "organisation", "poolId"] as const;

export async function publicDirectory(filter: { poolId?: number; field?: ExpertField; page?: number }) {
  const day = todayInChina(now());
  const pools = await ExpertPool.findAll({
    attributes: ["id", "name", "orgPath"],
    order: [
      ["orgPath", "ASC"],
      ["id", "ASC"],
    ],
  });
  const poolName = new Map(pools.map((p) => [p.id, p.name]));
  const where = {
    state: "listed",
    termUntil: { [Op.gte]: day },
    ...(filter.poolId ? { poolId: filter.poolId } : {}),
    ...(filter.field ? { field: filter.field } : {}),
  };
  const page = Math.max(1, filter.page ?? 1);
  const { rows, count } = await Expert.findAndCountAll({
    where,
    attributes: [...PUBLIC_ATTRIBUTES],
    order: [
      ["poolId", "ASC"],
      ["field", "ASC"],
      ["id", "ASC"],
    ],
    limit: EXPERTS_PAGE_SIZE,
    offset: (page - 1) * EXPERTS_PAGE_SIZE,
  });
  const notices = await Expert.findAll({
    where: { state: "notice", noticeFrom: { [Op.lte]: day }, noticeUntil: { [Op.gte]: day } },
    attributes: [...PUBLIC_ATTRIBUTES, "noticeFrom", "noticeUntil"],
    order: [
      ["noticeUntil", "ASC"],
      ["id", "ASC"],
    ],
    limit: 100,
  });
  const view = (e: Expert): PublicExpert => ({
    id: e.id,
    name: e.name,
    field: e.field,
    title: e.title,
    organisation: e.organisation,
    pool: poolName.get(e.poolId) ?? "",
  });
  return {
    pools: pools.map((p) => ({ id: p.id, name: p.name })),
    rows: rows.map(view),
    total: count,
    page,
    pages: Math.max(1, Math.ceil(count / EXPERTS_PAGE_SIZE)),
    notices: notices.map((e) => ({ ...view(e), noticeFrom: e.noticeFrom ?? "", noticeUntil: e.noticeUntil ?? "" })),
  };
}
