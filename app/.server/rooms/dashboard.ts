import { Op, QueryTypes } from "sequelize";
import { todayInChina } from "~/lib/dates";
import { ratingYearOn, type RoomStatus } from "~/lib/rooms";
import { now } from "../clock";
import { childrenOf, type Node } from "../compliance/dashboard";
import { getSequelize } from "../db/connection";
import { MediationRoom, RoomRating } from "../db/models";
import { policyAt } from "./policy";

/**
 * The bureau's room dashboard for a node: named rooms in its subtree and in each child node
 * against the target each sets (its own rules or inherited), the stars distribution of the named
 * rooms (by their latest rating), rooms by status (applications waiting), and the named rooms not
 * yet rated for the year the node's rating window has open. A few grouped queries on the rooms'
 * (status, org_path) index, whatever the number of rooms.
 */
export async function roomDashboard(node: Node, today = todayInChina(now())) {
  const sequelize = getSequelize();
  const children = node.kind === "committee" ? [] : await childrenOf(node);
  const rows = (await sequelize.query(
    "SELECT org_path, status, stars, COUNT(*) AS n FROM mediation_rooms WHERE org_path LIKE ? GROUP BY org_path, status, stars",
    { replacements: [`${node.path}%`], type: QueryTypes.SELECT },
  )) as { org_path: string; status: RoomStatus; stars: number | null; n: number }[];
  const named = (path: string) =>
    rows.filter((r) => r.status === "named" && r.org_path.startsWith(path)).reduce((s, r) => s + Number(r.n), 0);
  const { policy } = await policyAt(node.path);
  const targets = await Promise.all(children.map(async (c) => (await policyAt(c.path)).policy.target));
  const byStatus: Partial<Record<RoomStatus, number>> = {};
  for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + Number(r.n);
  const stars = [5, 4, 3, 2, 1].map((s) => ({
    stars: s,
    rooms: rows.filter((r) => r.status === "named" && Number(r.stars) === s).reduce((sum, r) => sum + Number(r.n), 0),
  }));
  const unrated = rows.filter((r) => r.status === "named" && r.stars === null).reduce((s, r) => s + Number(r.n), 0);
  const year = ratingYearOn(policy, today);
  let due: { id: number; name: string; stars: number | null; starsYear: number | null }[] = [];
  if (year !== null) {
    const candidates = await MediationRoom.findAll({
      where: { status: "named", orgPath: { [Op.startsWith]: node.path } },
      attributes: ["id", "name", "stars", "starsYear"],
      order: [["id", "ASC"]],
      limit: 500,
    });
    const rated = new Set(
      (await RoomRating.findAll({ where: { year, roomId: candidates.map((c) => c.id) }, attributes: ["roomId"] })).map((r) => r.roomId),
    );
    due = candidates.filter((c) => !rated.has(c.id)).map((c) => ({ id: c.id, name: c.name, stars: c.stars, starsYear: c.starsYear }));
  }
  return {
    node: { id: node.id, name: node.name, kind: node.kind },
    named: named(node.path),
    target: policy.target,
    children: children.map((c, i) => ({ id: c.id, name: c.name, named: named(c.path), target: targets[i] })),
    byStatus,
    stars,
    unrated,
    ratingYear: year,
    due,
  };
}
