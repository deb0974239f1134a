import { Op, QueryTypes } from "sequelize";
import type { CriterionKind, CriterionStatus } from "~/lib/levels";
import type { Outcome, SubmittedFigures } from "~/lib/rounds";
import { getSequelize } from "../db/connection";
import { EvaluationRound, OrgUnit, RoundApplication } from "../db/models";
import { schemeAt } from "../levels/scheme";

/**
 * A round's results as a bureau reports them: the level distribution (counts and shares per
 * resulting level, 未定级 included) for a node of the round and each of its child nodes, how many
 * applications reached each stage, and the pass rate of each criterion among submitted
 * applications. One grouped query per figure over the round's applications (index-only, 0030);
 * the criteria rates read the submitted figures, kept in memory for a minute per round.
 */

/** What a decided application leaves the mediator with: the awarded level, the one kept, or none (未定级). */
export function resultLevel(outcome: Outcome | null, awardedLevel: string | null, levelBefore: string | null): string | null {
  if (outcome === "notAwarded") return levelBefore;
  return awardedLevel;
}

export const UNGRADED = "ungraded";
export type Distribution = { levels: { key: string; name: string }[]; total: number; counts: Record<string, number> };
export type DistributionRow = { id: number; name: string; kind: string; distribution: Distribution };

type Group = {
  org_path: string;
  outcome: Outcome | null;
  awarded_level: string | null;
  level_before: string | null;
  n: number | string;
};

/** The node's path and its children, for drilling down. */
async function nodeAndChildren(round: EvaluationRound, nodeId: number | null) {
  const node = nodeId && Number.isSafeInteger(nodeId) ? await OrgUnit.findByPk(nodeId) : await OrgUnit.findByPk(round.orgUnitId);
  if (!node || !node.path.startsWith(round.orgPath)) return null;
  const children = await OrgUnit.findAll({
    where: { parentId: node.id },
    attributes: ["id", "name", "kind", "path"],
    order: [["id", "ASC"]],
  });
  return { node, children };
}

/** Distributions by round, node and the round's results version (moves.ts bumps it), for a minute. */
const distributionCache = new Map<string, { at: number; value: Awaited<ReturnType<typeof countDistribution>> }>();
const DISTRIBUTION_TTL_MS = 60_000;

/**
 * The level distribution of a round's decided applications under a node (the round's own by
 * default) and each of its child nodes, with the trail down to it; null for a node outside the
 * round. Kept in memory under the round's results version, so only a decision (in any process:
 * the version is in the database) or a minute passing makes it count again.
 */
export async function roundDistribution(round: EvaluationRound, nodeId: number | null = null, now = Date.now()) {
  const key = `${round.id}:${nodeId ?? ""}:${round.resultsVersion ?? 0}`;
  const hit = distributionCache.get(key);
  if (hit && now - hit.at < DISTRIBUTION_TTL_MS) return hit.value;
  const value = await countDistribution(round, nodeId);
  if (distributionCache.size >= 1000) distributionCache.clear();
  distributionCache.set(key, { at: now, value });
  return value;
}

async function countDistribution(round: EvaluationRound, nodeId: number | null) {
  const place = await nodeAndChildren(round, nodeId);
  if (!place) return null;
  const { scheme } = await schemeAt(round.orgPath);
  const levels = [...scheme.levels.map((l) => ({ key: l.key, name: l.name })), { key: UNGRADED, name: scheme.ungradedName }];
  // Grouped in the order of the index round_applications_results (0030), so the database reads the
  // index alone and groups as it goes (no temporary table): one row per committee and result. Each
  // committee's path then names the child node it lies under (its path up to the next segment).
  const groups = (await getSequelize().query(
    `SELECT org_path, outcome, awarded_level, level_before, COUNT(*) AS n
     FROM round_applications
     WHERE round_id = ? AND stage = 'decided' AND org_path LIKE ?
     GROUP BY org_path, committee_id, outcome, awarded_level, level_before`,
    { replacements: [round.id, `${place.node.path}%`], type: QueryTypes.SELECT },
  )) as Group[];
  const cut = place.node.path.length;
  const empty = (): Distribution => ({ levels, total: 0, counts: Object.fromEntries(levels.map((l) => [l.key, 0])) });
  const whole = empty();
  const byChild = new Map(place.children.map((c) => [c.id, empty()]));
  const childAt = new Map(place.children.map((c) => [c.path, c.id]));
  for (const g of groups) {
    const n = Number(g.n);
    const key = resultLevel(g.outcome, g.awarded_level, g.level_before) ?? UNGRADED;
    const add = (d: Distribution) => {
      d.total += n;
      d.counts[key] = (d.counts[key] ?? 0) + n;
    };
    add(whole);
    const path = String(g.org_path);
    const end = path.indexOf("/", cut);
    const child = end < 0 ? undefined : childAt.get(path.slice(0, end + 1));
    if (child) add(byChild.get(child)!);
  }
  const rows: DistributionRow[] = place.children
    .map((c) => ({ id: c.id, name: c.name, kind: c.kind, distribution: byChild.get(c.id)! }))
    .filter((r) => r.distribution.total > 0);
  const trail = (
    await OrgUnit.findAll({ where: { id: place.node.path.split("/").filter(Boolean).map(Number) }, attributes: ["id", "name", "path"] })
  )
    .filter((o) => o.path.startsWith(round.orgPath))
    .sort((a, b) => a.path.length - b.path.length)
    .map((o) => ({ id: o.id, name: o.name }));
  return { node: { id: place.node.id, name: place.node.name }, trail, whole, rows };
}

/** Applications per stage (everything, drafts included) for the round's whole subtree. */
export async function stageCounts(roundId: number): Promise<Record<string, number>> {
  const rows = (await getSequelize().query("SELECT stage, COUNT(*) AS n FROM round_applications WHERE round_id = ? GROUP BY stage", {
    replacements: [roundId],
    type: QueryTypes.SELECT,
  })) as { stage: string; n: number | string }[];
  return Object.fromEntries(rows.map((r) => [r.stage, Number(r.n)]));
}

export type CriterionRate = { level: string; kind: CriterionKind; counts: Record<CriterionStatus, number>; rate: number | null };

const rateCache = new Map<number, { at: number; rates: CriterionRate[] }>();
const RATE_TTL_MS = 60_000;

/**
 * Per level applied for and criterion: how many submitted applications met it, missed it, rest on
 * evidence or had no data; the pass rate is met / (met + notMet). Read in pages of 2,000 rows.
 */
export async function criterionRates(roundId: number, now = Date.now()): Promise<CriterionRate[]> {
  const hit = rateCache.get(roundId);
  if (hit && now - hit.at < RATE_TTL_MS) return hit.rates;
  const table = new Map<string, CriterionRate>();
  let after = 0;
  for (;;) {
    const page = await RoundApplication.findAll({
      where: { roundId, id: { [Op.gt]: after }, submittedAt: { [Op.ne]: null }, stage: { [Op.ne]: "withdrawn" } },
      attributes: ["id", "figures"],
      order: [["id", "ASC"]],
      limit: 2000,
      raw: true,
    });
    if (!page.length) break;
    for (const row of page) {
      const figures = (typeof row.figures === "string" ? JSON.parse(row.figures) : row.figures) as SubmittedFigures | null;
      for (const c of figures?.criteria ?? []) {
        const key = `${figures!.level}|${c.kind}`;
        let entry = table.get(key);
        if (!entry)
          table.set(
            key,
            (entry = { level: figures!.level, kind: c.kind, counts: { met: 0, notMet: 0, evidence: 0, noData: 0 }, rate: null }),
          );
        entry.counts[c.status] += 1;
      }
    }
    after = page[page.length - 1].id;
  }
  const rates = [...table.values()].map((r) => {
    const judged = r.counts.met + r.counts.notMet;
    return { ...r, rate: judged ? Math.round((r.counts.met / judged) * 1000) / 10 : null };
  });
  rateCache.set(roundId, { at: now, rates });
  return rates;
}

/**
 * The next page of a round's decided applications after (committee, id), with only what the
 * results export shows (full names: admins only). Keyset paging along round_applications_order.
 */
export async function decidedPage(roundId: number, after: { committeeId: number; id: number }, limit: number) {
  return RoundApplication.findAll({
    where: {
      roundId,
      stage: "decided",
      [Op.or]: [{ committeeId: { [Op.gt]: after.committeeId } }, { committeeId: after.committeeId, id: { [Op.gt]: after.id } }],
    },
    attributes: ["id", "committeeId", "level", "levelBefore", "score", "outcome", "awardedLevel", "decisionReason", "certificateId"],
    include: [
      { association: "mediator", attributes: ["id", "name"] },
      { association: "committee", attributes: ["id", "name"] },
    ],
    order: [
      ["committeeId", "ASC"],
      ["id", "ASC"],
    ],
    limit,
  });
}
