import { QueryTypes } from "sequelize";
import { addCounts, caseFigures, emptyCounts, type CaseCounts, type CaseFigures } from "~/lib/case-file";
import { getSequelize } from "../db/connection";
import { childrenOf, type Node } from "../compliance/dashboard";

/**
 * The derived case figures, read only from the rollups (./rollup.ts): a few keyed reads whatever
 * the size of the register.
 */

const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");
const read = (r: Record<string, unknown>): CaseCounts => ({
  handled: Number(r.handled),
  successful: Number(r.successful),
  oral: Number(r.oral),
  confirmed: Number(r.confirmed),
  followedUp: Number(r.followed_up),
  assisted: Number(r.assisted),
});

export type MediatorCaseYear = CaseFigures & { year: number };

/** A mediator's figures per closing year, newest first (years without any file are absent). */
export async function mediatorCaseYears(mediatorId: number): Promise<MediatorCaseYear[]> {
  const rows = (await getSequelize().query("SELECT * FROM mediator_case_years WHERE mediator_id = ? ORDER BY year DESC", {
    replacements: [mediatorId],
    type: QueryTypes.SELECT,
  })) as Record<string, unknown>[];
  return rows.map((r) => ({ year: Number(r.year), ...caseFigures(read(r)) })).filter((y) => y.handled > 0 || y.assisted > 0);
}

/** Totals over a span of years (the last n), as grade criteria read them. */
export function overYears(years: MediatorCaseYear[], from: number, to: number): CaseFigures {
  return caseFigures(years.filter((y) => y.year >= from && y.year <= to).reduce<CaseCounts>((sum, y) => addCounts(sum, y), emptyCounts()));
}

export type CaseMediatorRow = CaseFigures & { id: number; name: string; status: string };

/** The node's figures for a year, by dispute category, per child node, and at a committee per mediator. */
export async function nodeCaseStats(node: Node, year: number) {
  const sequelize = getSequelize();
  const children = node.kind === "committee" ? [] : await childrenOf(node);
  const ids = [node.id, ...children.map((c) => c.id)];
  const rows = (await sequelize.query(`SELECT * FROM org_case_years WHERE org_unit_id IN (${marks(ids.length)}) AND year = ?`, {
    replacements: [...ids, year],
    type: QueryTypes.SELECT,
  })) as Record<string, unknown>[];
  const byNode = new Map<number, CaseCounts>(ids.map((id) => [id, emptyCounts()]));
  const byCategory = new Map<string, CaseCounts>();
  for (const r of rows) {
    const id = Number(r.org_unit_id);
    byNode.set(id, addCounts(byNode.get(id)!, read(r)));
    if (id === node.id) byCategory.set(String(r.category), addCounts(byCategory.get(String(r.category)) ?? emptyCounts(), read(r)));
  }
  let mediators: CaseMediatorRow[] = [];
  if (node.kind === "committee") {
    const people = (await sequelize.query(
      `SELECT m.id, m.name, m.status, y.handled, y.successful, y.oral, y.confirmed, y.followed_up, y.assisted
         FROM mediators m LEFT JOIN mediator_case_years y ON y.mediator_id = m.id AND y.year = ?
        WHERE m.org_unit_id = ? ORDER BY m.id`,
      { replacements: [year, node.id], type: QueryTypes.SELECT },
    )) as Record<string, unknown>[];
    mediators = people
      .map((p) => ({
        id: Number(p.id),
        name: String(p.name),
        status: String(p.status),
        ...caseFigures(p.handled == null ? emptyCounts() : read(p)),
      }))
      .filter((p) => p.status === "active" || p.handled > 0 || p.assisted > 0);
  }
  return {
    year,
    totals: caseFigures(byNode.get(node.id)!),
    byCategory: [...byCategory.entries()]
      .map(([category, c]) => ({ category, ...caseFigures(c) }))
      .filter((c) => c.handled > 0)
      .sort((a, b) => b.handled - a.handled),
    children: children.map((c) => ({ id: c.id, name: c.name, kind: c.kind, ...caseFigures(byNode.get(c.id)!) })),
    mediators,
  };
}
export type NodeCaseStats = Awaited<ReturnType<typeof nodeCaseStats>>;

/** A mediator's years for the profile pages, with the last three years' total. */
export async function mediatorCaseSummary(mediatorId: number, thisYear: number) {
  const years = await mediatorCaseYears(mediatorId);
  return { years, total: years.length ? overYears(years, thisYear - 2, thisYear) : null };
}

export type SubtreeMediatorRow = CaseFigures & { id: number; name: string; committee: string };

/** Every mediator of the subtree with files closed in the year, in tree order, a page at a time (for the export). */
export async function subtreeMediatorRows(path: string, year: number, limit: number, offset: number): Promise<SubtreeMediatorRow[]> {
  const to = `${path.slice(0, -1)}0`;
  const rows = (await getSequelize().query(
    `SELECT m.id, m.name, o.name AS committee, y.handled, y.successful, y.oral, y.confirmed, y.followed_up, y.assisted
       FROM mediator_case_years y JOIN mediators m ON m.id = y.mediator_id JOIN org_units o ON o.id = m.org_unit_id
      WHERE y.year = ? AND m.org_path >= ? AND m.org_path < ?
      ORDER BY m.org_path, m.id LIMIT ? OFFSET ?`,
    { replacements: [year, path, to, limit, offset], type: QueryTypes.SELECT },
  )) as Record<string, unknown>[];
  return rows.map((r) => ({ id: Number(r.id), name: String(r.name), committee: String(r.committee), ...caseFigures(read(r)) }));
}
