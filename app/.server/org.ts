import { Op, type Transaction, type WhereOptions } from "sequelize";
import { ALLOWED_PARENT, type CommitteeKind, type OrgKind } from "~/lib/org";
import { getSequelize, inTransaction } from "./db/connection";
import { OrgUnit } from "./db/models";

/**
 * "Everything under node X" for access checks and statistics. The org tree is stored as a
 * materialised path ("/1/4/17/"); a subtree is the half-open range [path, path-with-last-"/"-as-"0"),
 * because "/" sorts directly before "0". One indexed range scan on SQLite and MySQL alike.
 */
export type OrgScope = {
  rootId: number;
  path: string;
  /** Where-clause on OrgUnit selecting the root and all its descendants. */
  where: WhereOptions<OrgUnit>;
  /** True when a node with this path lies inside the scope. */
  contains(path: string): boolean;
};

export function pathRange(path: string): { from: string; to: string } {
  if (!/^(\/\d+)+\/$/.test(path)) throw new Error(`not an org path: ${path}`);
  return { from: path, to: `${path.slice(0, -1)}0` };
}

/** The ids of a path's nodes, root first: "/1/4/17/" → [1, 4, 17]. */
export const pathIds = (path: string) => path.split("/").filter(Boolean).map(Number);

/** The deepest org node above all these paths ("/1/4/17/" and "/1/4/20/" → 4). */
export function commonAncestor(paths: string[]): number | null {
  if (paths.length === 0) return null;
  let prefix = paths[0].split("/").filter(Boolean);
  for (const p of paths.slice(1)) {
    const ids = p.split("/").filter(Boolean);
    let i = 0;
    while (i < prefix.length && i < ids.length && prefix[i] === ids[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix.length ? Number(prefix[prefix.length - 1]) : null;
}

export function scopeFromPath(rootId: number, path: string): OrgScope {
  const { from, to } = pathRange(path);
  return {
    rootId,
    path,
    where: { path: { [Op.gte]: from, [Op.lt]: to } },
    contains: (other) => other.startsWith(path),
  };
}

/** The scope of a node, or null when there is no such node. */
export async function getOrgScope(orgUnitId: number): Promise<OrgScope | null> {
  const root = await OrgUnit.findByPk(orgUnitId, { attributes: ["id", "path"] });
  return root ? scopeFromPath(root.id, root.path) : null;
}

/**
 * SQL condition "column holds an org unit inside the scope", for tables that point at org_units
 * (mediators, events, …): `{ orgUnitId: { [Op.in]: inScope(scope) } }`.
 */
export function inScope(scope: OrgScope) {
  const sequelize = getSequelize();
  const { from, to } = pathRange(scope.path);
  return sequelize.literal(`(SELECT id FROM org_units WHERE path >= ${sequelize.escape(from)} AND path < ${sequelize.escape(to)})`);
}

/** Where-clause "this row's copied org path lies inside one of the scopes" (mediators.org_path). */
export function orgPathInScopes(scopes: OrgScope[]): WhereOptions {
  const ranges = scopes.map((s) => {
    const { from, to } = pathRange(s.path);
    return { orgPath: { [Op.gte]: from, [Op.lt]: to } };
  });
  return ranges.length === 1 ? ranges[0] : { [Op.or]: ranges };
}

export class OrgTreeError extends Error {}

export type NewOrgUnit = {
  parentId: number | null;
  kind: OrgKind;
  name: string;
  committeeKind?: CommitteeKind | null;
  regionCode?: string | null;
};

/** Adds a node under its parent, checking the tree's shape, and stores its path. */
export async function createOrgUnit(input: NewOrgUnit, transaction?: Transaction): Promise<OrgUnit> {
  const run = async (t: Transaction) => {
    const parent = input.parentId ? await OrgUnit.findByPk(input.parentId, { transaction: t }) : null;
    if (input.parentId && !parent) throw new OrgTreeError(`parent ${input.parentId} does not exist`);
    if (!ALLOWED_PARENT[input.kind].includes(parent ? parent.kind : null)) {
      throw new OrgTreeError(`a ${input.kind} cannot sit under ${parent ? parent.kind : "nothing"}`);
    }
    if ((input.kind === "committee") !== Boolean(input.committeeKind)) {
      throw new OrgTreeError("committee kind is required for committees and only for them");
    }
    const unit = await OrgUnit.create(
      {
        parentId: parent ? parent.id : null,
        kind: input.kind,
        name: input.name,
        committeeKind: input.committeeKind ?? null,
        regionCode: input.regionCode ?? null,
      },
      { transaction: t },
    );
    unit.path = `${parent ? parent.path : "/"}${unit.id}/`;
    unit.depth = parent ? parent.depth + 1 : 0;
    await unit.save({ transaction: t });
    return unit;
  };
  return inTransaction(run, transaction);
}

/** The node and its ancestors, root first (for breadcrumbs and policy inheritance). */
export async function getAncestry(unit: Pick<OrgUnit, "path">): Promise<OrgUnit[]> {
  const ids = unit.path.split("/").filter(Boolean).map(Number);
  const rows = await OrgUnit.findAll({ where: { id: ids } });
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is OrgUnit => Boolean(r));
}
