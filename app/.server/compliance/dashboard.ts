import { zonedToInstant } from "~/lib/dates";
import { QueryTypes } from "sequelize";
import { getSequelize } from "../db/connection";
import { pathRange } from "../org";
import { withMonthDeltas, withYearDeltas } from "../training/deltas";

/**
 * The annual training figures of an org node and of each node directly below it, read only from
 * the rollups (org_roster_stats, org_year_stats, org_month_stats): a few keyed reads whatever the
 * size of the subtree. Rates are null where there is nobody to divide by.
 */

export type Node = { id: number; name: string; path: string; kind: string };

export type Figures = {
  active: number;
  trained: number;
  coverage: number | null;
  practical: number;
  perCapita: number | null;
  records: number;
  hours: number;
  compliant: number;
  compliantShare: number | null;
  newcomers: number;
  preserviceDone: number;
  preserviceRate: number | null;
  events: number;
};

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const pct = (part: number, whole: number) => (whole > 0 ? round((part * 100) / whole, 1) : null);

type Raw = {
  active: number;
  newcomers: number;
  trained: number;
  compliant: number;
  practical: number;
  preserviceDone: number;
  records: number;
  hours: number;
  events: number;
};
const empty = (): Raw => ({
  active: 0,
  newcomers: 0,
  trained: 0,
  compliant: 0,
  practical: 0,
  preserviceDone: 0,
  records: 0,
  hours: 0,
  events: 0,
});

export function figuresOf(r: Raw): Figures {
  return {
    active: r.active,
    trained: r.trained,
    coverage: pct(r.trained, r.active),
    practical: r.practical,
    perCapita: r.active > 0 ? round(r.practical / r.active, 2) : null,
    records: r.records,
    hours: round(r.hours, 1),
    compliant: r.compliant,
    compliantShare: pct(r.compliant, r.active),
    newcomers: r.newcomers,
    preserviceDone: r.preserviceDone,
    preserviceRate: pct(r.preserviceDone, r.newcomers),
    events: r.events,
  };
}

const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/** The nodes directly below a node, in tree order. */
export async function childrenOf(node: Node): Promise<Node[]> {
  const rows = (await getSequelize().query("SELECT id, name, path, kind FROM org_units WHERE parent_id = ? ORDER BY id", {
    replacements: [node.id],
    type: QueryTypes.SELECT,
  })) as Node[];
  return rows.map((r) => ({ id: Number(r.id), name: r.name, path: r.path, kind: r.kind }));
}

/** Per node id, the raw figures for the year; the first id (the node itself) also split by employment. */
async function rawFigures(ids: number[], year: number) {
  const sequelize = getSequelize();
  const q = (sql: string, replacements: unknown[]) =>
    sequelize.query(sql, { replacements, type: QueryTypes.SELECT }) as Promise<Record<string, string | number>[]>;
  const [roster, standing, ledger] = await Promise.all([
    q(
      `SELECT org_unit_id, employment, appointed_year, active FROM org_roster_stats WHERE org_unit_id IN (${marks(
        ids.length,
      )}) AND appointed_year <= ?`,
      [...ids, year],
    ),
    // Rollups plus their deltas not yet folded (training/deltas.ts); each side filtered alike.
    q(
      `SELECT org_unit_id, employment, SUM(trained) AS trained, SUM(compliant) AS compliant, SUM(practical) AS practical,
              SUM(preservice_done) AS preservice_done
         FROM ${withYearDeltas(`org_unit_id IN (${marks(ids.length)}) AND year = ?`)} GROUP BY org_unit_id, employment`,
      [...ids, year, ...ids, year],
    ),
    q(
      `SELECT org_unit_id, SUM(records) AS records, SUM(hours) AS hours
         FROM ${withMonthDeltas(`org_unit_id IN (${marks(ids.length)}) AND year = ?`)} GROUP BY org_unit_id`,
      [...ids, year, ...ids, year],
    ),
  ]);
  const byNode = new Map<number, Raw>(ids.map((id) => [id, empty()]));
  // The node itself (ids[0]) is also split by employment.
  const byEmployment = new Map<string, Raw>();
  const targets = (id: number, employment: string) => {
    if (id !== ids[0]) return [byNode.get(id)!];
    if (!byEmployment.has(employment)) byEmployment.set(employment, empty());
    return [byNode.get(id)!, byEmployment.get(employment)!];
  };
  for (const r of roster) {
    for (const raw of targets(Number(r.org_unit_id), String(r.employment))) {
      raw.active += Number(r.active);
      if (Number(r.appointed_year) === year) raw.newcomers += Number(r.active);
    }
  }
  for (const r of standing) {
    for (const raw of targets(Number(r.org_unit_id), String(r.employment))) {
      raw.trained += Number(r.trained);
      raw.compliant += Number(r.compliant);
      raw.practical += Number(r.practical);
      raw.preserviceDone += Number(r.preservice_done);
    }
  }
  for (const r of ledger) {
    const raw = byNode.get(Number(r.org_unit_id))!;
    raw.records = Number(r.records);
    raw.hours = Number(r.hours);
  }
  return { byNode, byEmployment };
}

/** Training events held (not cancelled, started by now) in the year by each of the nodes' subtrees. */
async function eventsHeld(nodes: Node[], year: number, now: Date) {
  const root = nodes[0];
  const rows = (await getSequelize().query(
    `SELECT o.path AS path, COUNT(*) AS n FROM training_events e JOIN org_units o ON o.id = e.org_unit_id
      WHERE o.path >= ? AND o.path < ? AND e.status <> 'cancelled' AND e.starts_at >= ? AND e.starts_at < ? AND e.starts_at <= ?
      GROUP BY o.path`,
    {
      replacements: [root.path, pathRange(root.path).to, zonedToInstant(`${year}-01-01`), zonedToInstant(`${year + 1}-01-01`), now],
      type: QueryTypes.SELECT,
    },
  )) as { path: string; n: number | string }[];
  return new Map(nodes.map((node) => [node.id, rows.filter((r) => r.path.startsWith(node.path)).reduce((sum, r) => sum + Number(r.n), 0)]));
}

/** The node's dashboard for a year: its figures (also by employment), each child's, the monthly trend and the split by form. */
export async function nodeDashboard(node: Node, year: number, now = new Date()) {
  const sequelize = getSequelize();
  const children = await childrenOf(node);
  const ids = [node.id, ...children.map((c) => c.id)];
  const [{ byNode, byEmployment }, months, forms, events] = await Promise.all([
    rawFigures(ids, year),
    sequelize.query(
      `SELECT month, SUM(records) AS records, SUM(hours) AS hours FROM ${withMonthDeltas("org_unit_id = ? AND year = ?")} GROUP BY month`,
      {
        replacements: [node.id, year, node.id, year],
        type: QueryTypes.SELECT,
      },
    ) as Promise<{ month: number; records: number | string; hours: number | string }[]>,
    sequelize.query(
      `SELECT form, SUM(records) AS records, SUM(hours) AS hours FROM ${withMonthDeltas("org_unit_id = ? AND year = ?")} GROUP BY form`,
      {
        replacements: [node.id, year, node.id, year],
        type: QueryTypes.SELECT,
      },
    ) as Promise<{ form: string; records: number | string; hours: number | string }[]>,
    eventsHeld([node, ...children], year, now),
  ]);
  for (const [id, n] of events) byNode.get(id)!.events = n;
  return {
    year,
    totals: figuresOf(byNode.get(node.id)!),
    byEmployment: ["full_time", "part_time"].map((employment) => ({ employment, ...figuresOf(byEmployment.get(employment) ?? empty()) })),
    children: children.map((c) => ({ id: c.id, name: c.name, kind: c.kind, ...figuresOf(byNode.get(c.id)!) })),
    months: Array.from({ length: 12 }, (_, i) => {
      const m = months.find((r) => Number(r.month) === i + 1);
      return { month: i + 1, records: Number(m?.records ?? 0), hours: round(Number(m?.hours ?? 0), 1) };
    }),
    forms: forms
      .map((f) => ({ form: f.form, records: Number(f.records), hours: round(Number(f.hours), 1) }))
      .filter((f) => f.records > 0)
      .sort((a, b) => b.records - a.records),
  };
}
export type NodeDashboard = Awaited<ReturnType<typeof nodeDashboard>>;
