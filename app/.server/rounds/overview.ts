import { Op, type WhereOptions } from "sequelize";
import { APPLICATIONS_PER_PAGE } from "~/lib/round-apply";
import { APPLICATION_STAGES, type ApplicationStage, type RoundInput } from "~/lib/rounds";
import { EvaluationRound, Mediator, OrgUnit, RoundApplication } from "../db/models";
import { schemeAt } from "../levels/scheme";
import { orgPathInScopes, pathIds, type OrgScope } from "../org";
import { listQuizzes } from "../quizzes/bank";
import { orgOptions } from "../roster/scope";
import { createRound, findRound, type Actor, type RoundErrors } from "./rounds";
import { roundLevels } from "./applications";

/**
 * The bureau's pages of a round: the list of rounds an admin runs or takes part in, the form's
 * choices (bureau nodes of the subtree, the levels the chosen node evaluates, the exams the system
 * knows), and a round's overview (counts per stage, the applications with filters, a page at a time).
 */

export type StageCounts = Record<ApplicationStage, number>;
const noCounts = (): StageCounts => Object.fromEntries(APPLICATION_STAGES.map((s) => [s, 0])) as StageCounts;

async function stageCounts(roundIds: number[]) {
  const out = new Map<number, StageCounts>(roundIds.map((id) => [id, noCounts()]));
  if (!roundIds.length) return out;
  const rows = (await RoundApplication.count({ where: { roundId: roundIds }, group: ["roundId", "stage"] })) as unknown as {
    roundId: number;
    stage: ApplicationStage;
    count: number;
  }[];
  for (const r of rows) {
    const counts = out.get(Number(r.roundId));
    if (counts && r.stage in counts) counts[r.stage] = Number(r.count);
  }
  return out;
}

/** The paths of a node and all its ancestors ("/1/4/17/" → "/1/", "/1/4/", "/1/4/17/"). */
const ancestorPaths = (path: string) => pathIds(path).map((_, i, ids) => `/${ids.slice(0, i + 1).join("/")}/`);

/**
 * Rounds an admin runs (opened at or under their nodes) and rounds they take part in (opened above
 * them: a 司法所 reviews its committees' applications in the county's round), newest first.
 */
export async function roundsForAdmin(scopes: OrgScope[]) {
  if (!scopes.length) return [];
  const above = [...new Set(scopes.flatMap((s) => ancestorPaths(s.path)))];
  const rounds = await EvaluationRound.findAll({
    where: { [Op.or]: [orgPathInScopes(scopes), { orgPath: above }] } as WhereOptions,
    include: [{ model: OrgUnit, as: "orgUnit", attributes: ["name"] }],
    order: [["id", "DESC"]],
    limit: 200,
  });
  const counts = await stageCounts(rounds.map((r) => r.id));
  const schemes = new Map<number, ReturnType<typeof schemeAt>>();
  return Promise.all(
    rounds.map(async (r) => ({
      id: r.id,
      title: r.title,
      node: (r.get("orgUnit") as OrgUnit | null)?.name ?? "",
      levels: (await roundLevels(r, schemes)).map((l) => l.name),
      state: r.state,
      applicationsUntil: r.applicationsUntil,
      manages: scopes.some((s) => s.contains(r.orgPath)),
      stages: counts.get(r.id)!,
    })),
  );
}

/** The new-round form's choices: bureau nodes of the subtree, the chosen node's levels (scheme in force), the exams. */
export async function roundFormOptions(scopes: OrgScope[], asked: number | null) {
  const nodes = (await orgOptions(scopes, { limit: 500 })).filter((o) => o.kind !== "committee" && o.kind !== "township");
  const node = nodes.find((n) => n.id === asked) ?? nodes[0] ?? null;
  let levels: { key: string; name: string }[] = [];
  if (node) {
    const unit = (await OrgUnit.findByPk(node.id, { attributes: ["id", "path", "kind"] }))!;
    const { scheme } = await schemeAt(unit.path);
    levels = scheme.levels
      .filter((l) => l.evaluatedBy === unit.kind || l.recommendedBy === unit.kind)
      .map((l) => ({ key: l.key, name: l.name }));
  }
  const quizzes = listQuizzes().map((q) => ({ id: q.id, title: q.title }));
  return { nodes, node, levels, quizzes };
}

/** Opens a round (createRound), refusing an exam the system does not know. */
export async function openRound(actor: Actor, orgUnitId: number, input: RoundInput) {
  if (input.examQuizId && !listQuizzes().some((q) => q.id === input.examQuizId)) {
    return { ok: false as const, errors: { examQuizId: ["roundApply.error.exam"] } as RoundErrors };
  }
  return createRound(actor, orgUnitId, input);
}

/** A round with its node's name, for the pages (null for an unknown id). */
export async function roundFacts(id: unknown) {
  const round = await findRound(id);
  if (!round) return null;
  const node = await OrgUnit.findByPk(round.orgUnitId, { attributes: ["id", "name"] });
  return { round, node: node?.name ?? "", orgPath: round.orgPath };
}

export type OverviewFilter = { stage?: ApplicationStage; committeeId?: number; page?: number };

/** A round's overview: its counts per stage, the committees that have applications, and one page of applications. */
export async function roundOverview(round: EvaluationRound, filter: OverviewFilter) {
  const where: WhereOptions = { roundId: round.id };
  if (filter.stage) Object.assign(where, { stage: filter.stage });
  if (filter.committeeId) Object.assign(where, { committeeId: filter.committeeId });
  const page = Math.max(1, filter.page ?? 1);
  const [counts, committeeRows, list, levels] = await Promise.all([
    stageCounts([round.id]),
    RoundApplication.findAll({ where: { roundId: round.id }, attributes: ["committeeId"], group: ["committeeId"], raw: true }),
    RoundApplication.findAndCountAll({
      where,
      include: [
        { model: Mediator, as: "mediator", attributes: ["id", "name"] },
        { model: OrgUnit, as: "committee", attributes: ["id", "name"] },
      ],
      order: [["id", "ASC"]],
      limit: APPLICATIONS_PER_PAGE,
      offset: (page - 1) * APPLICATIONS_PER_PAGE,
    }),
    roundLevels(round),
  ]);
  const committees = await OrgUnit.findAll({
    where: { id: committeeRows.map((c) => c.committeeId) },
    attributes: ["id", "name"],
    order: [["path", "ASC"]],
  });
  const levelName = (key: string) => levels.find((l) => l.key === key)?.name ?? key;
  return {
    stages: counts.get(round.id)!,
    committees: committees.map((c) => ({ id: c.id, name: c.name })),
    levels: levels.map((l) => l.name),
    applications: list.rows.map((a) => ({
      id: a.id,
      name: (a.get("mediator") as Mediator).name,
      committee: (a.get("committee") as OrgUnit).name,
      level: levelName(a.level),
      stage: a.stage,
      submittedAt: a.submittedAt?.toISOString() ?? null,
      nominated: a.nominatedBy !== null,
    })),
    total: list.count,
    page,
    pageCount: Math.max(1, Math.ceil(list.count / APPLICATIONS_PER_PAGE)),
  };
}
