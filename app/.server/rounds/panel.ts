import type { Transaction } from "sequelize";
import { OVERALL_ITEM, scoreItemsOf, sheetTotal, type ScoreItem, type ScoreSheetInput } from "~/lib/round-panel";
import { combineScores, type SubmittedFigures } from "~/lib/rounds";
import { withinScopes } from "../access";
import { audit } from "../audit";
import { inTransaction } from "../db/connection";
import { EvaluationRound, Mediator, OrgUnit, RoundApplication, RoundRelation, RoundReviewer, RoundScore, User } from "../db/models";
import { schemeAt } from "../levels/scheme";
import { notify } from "../notifications";
import { conflictOf, reviewerCandidates, reviewerFacts } from "../reviews/reviews";
import type { Actor } from "./rounds";

/**
 * A round's panel (评审委员会): who sits on it (accounts with a reviewer or trainer grant in or
 * above the round's node, as a case-file review names its reviewers), the relations they declared,
 * and their score sheets. A member never scores their own application, one of their committee (a
 * member of it or a grant on it), or an applicant they declared a relation with; each member keeps
 * one sheet per application (scoring again changes it), and the application's combined score is
 * recomputed from all sheets in the same transaction.
 */

export type PanelError = "notFound" | "candidate" | "state" | "notOnPanel" | "applicant";
export type ScoreRefusal = "notFound" | "notOnPanel" | "own" | "ownCommittee" | "relation" | "stage";

const nameOf = (u: Pick<User, "displayName" | "username">) => u.displayName || u.username;

/** The round, when it lies in the actor's scopes. */
async function roundInScope(actor: Actor, roundId: number, transaction?: Transaction) {
  const round = Number.isSafeInteger(roundId) ? await EvaluationRound.findByPk(roundId, { transaction }) : null;
  return round && withinScopes(actor.scopes, round.orgPath) ? round : null;
}

/** The user ids on a round's panel. */
export const panelIds = async (roundId: number, transaction?: Transaction) =>
  (await RoundReviewer.findAll({ where: { roundId }, attributes: ["userId"], transaction })).map((r) => r.userId);

/** The panel page: members, who else may be named, and the relations on record. */
export async function panelOf(round: EvaluationRound) {
  const ids = await panelIds(round.id);
  const candidates = await reviewerCandidates([round.orgPath]);
  const users = await User.findAll({ where: { id: ids }, attributes: ["id", "displayName", "username"] });
  const relations = await RoundRelation.findAll({ where: { roundId: round.id }, order: [["createdAt", "ASC"]] });
  const mediators = await Mediator.findAll({ where: { id: relations.map((r) => r.mediatorId) }, attributes: ["id", "name"] });
  const byUser = new Map(users.map((u) => [u.id, nameOf(u)]));
  const byMediator = new Map(mediators.map((m) => [m.id, m.name]));
  const appIds = (await RoundApplication.findAll({ where: { roundId: round.id }, attributes: ["id"] })).map((a) => a.id);
  const scored = appIds.length ? await RoundScore.findAll({ where: { applicationId: appIds }, attributes: ["reviewerId"] }) : [];
  const sheets = new Map<number, number>();
  for (const s of scored) sheets.set(s.reviewerId, (sheets.get(s.reviewerId) ?? 0) + 1);
  return {
    members: ids.map((id) => ({ id, name: byUser.get(id) ?? String(id), sheets: sheets.get(id) ?? 0 })),
    candidates: candidates.filter((c) => !ids.includes(c.id)),
    relations: relations.map((r) => ({
      userId: r.userId,
      reviewer: byUser.get(r.userId) ?? String(r.userId),
      mediatorId: r.mediatorId,
      mediator: byMediator.get(r.mediatorId) ?? String(r.mediatorId),
      relation: r.relation,
    })),
    applicants: await applicantsOf(round.id),
  };
}

/** The round's applicants (past the drafts), for the relation form. */
export async function applicantsOf(roundId: number) {
  const apps = await RoundApplication.findAll({
    where: { roundId, stage: ["submitted", "returned", "committee_passed", "panel", "decided"] },
    attributes: ["mediatorId"],
  });
  const mediators = await Mediator.findAll({
    where: { id: apps.map((a) => a.mediatorId) },
    attributes: ["id", "name", "orgUnitId"],
    include: [{ model: OrgUnit, as: "committee", attributes: ["name"] }],
    order: [["name", "ASC"]],
  });
  return mediators.map((m) => ({ id: m.id, name: m.name, committee: (m.get("committee") as OrgUnit | null)?.name ?? "" }));
}

/** Names a member of the panel (a reviewer candidate of the round's node); naming one twice changes nothing. */
export async function addReviewer(actor: Actor, roundId: number, userId: number): Promise<{ ok: true } | { ok: false; error: PanelError }> {
  const round = await roundInScope(actor, roundId);
  if (!round) return { ok: false, error: "notFound" };
  if (round.state === "final" || round.state === "announcing") return { ok: false, error: "state" };
  const candidates = new Set((await reviewerCandidates([round.orgPath])).map((c) => c.id));
  if (!candidates.has(userId)) return { ok: false, error: "candidate" };
  return inTransaction(async (transaction) => {
    // Not findOrCreate: it opens a transaction of its own, which the SQLite queue would hold behind this one.
    const seated = await RoundReviewer.findOne({ where: { roundId: round.id, userId }, transaction });
    if (!seated) {
      await RoundReviewer.create({ roundId: round.id, userId }, { transaction });
      await audit(
        {
          actorUserId: actor.id,
          action: "round.reviewer_add",
          targetType: "evaluation_round",
          targetId: round.id,
          orgUnitId: round.orgUnitId,
          after: { userId },
          ip: actor.ip ?? null,
        },
        transaction,
      );
      await notify(userId, "roundPanelAssigned", { title: round.title }, { type: "round_panel", id: round.id }, transaction);
    }
    return { ok: true as const };
  });
}

/** Takes a member off the panel: they score no more; the sheets they gave are kept. */
export async function removeReviewer(
  actor: Actor,
  roundId: number,
  userId: number,
): Promise<{ ok: true } | { ok: false; error: PanelError }> {
  const round = await roundInScope(actor, roundId);
  if (!round) return { ok: false, error: "notFound" };
  if (round.state === "final" || round.state === "announcing") return { ok: false, error: "state" };
  return inTransaction(async (transaction) => {
    const removed = await RoundReviewer.destroy({ where: { roundId: round.id, userId }, transaction });
    if (!removed) return { ok: false as const, error: "notOnPanel" as const };
    await audit(
      {
        actorUserId: actor.id,
        action: "round.reviewer_remove",
        targetType: "evaluation_round",
        targetId: round.id,
        orgUnitId: round.orgUnitId,
        before: { userId },
        ip: actor.ip ?? null,
      },
      transaction,
    );
    return { ok: true as const };
  });
}

/**
 * Records a relation between a panel member and an applicant of the round: the member declares
 * their own (`byAdmin` false), or an admin over the round records one for a member. Audited.
 */
export async function declareRelation(
  actor: Actor,
  roundId: number,
  input: { userId: number; mediatorId: number; relation: string },
  byAdmin: boolean,
): Promise<{ ok: true } | { ok: false; error: PanelError }> {
  const round = Number.isSafeInteger(roundId) ? await EvaluationRound.findByPk(roundId) : null;
  if (!round || (byAdmin && !withinScopes(actor.scopes, round.orgPath))) return { ok: false, error: "notFound" };
  if (!byAdmin && input.userId !== actor.id) return { ok: false, error: "notOnPanel" };
  if (round.state === "final") return { ok: false, error: "state" };
  if (!(await panelIds(round.id)).includes(input.userId)) return { ok: false, error: "notOnPanel" };
  const applicant = await RoundApplication.findOne({ where: { roundId: round.id, mediatorId: input.mediatorId }, attributes: ["id"] });
  if (!applicant) return { ok: false, error: "applicant" };
  return inTransaction(async (transaction) => {
    const existing = await RoundRelation.findOne({
      where: { roundId: round.id, userId: input.userId, mediatorId: input.mediatorId },
      transaction,
    });
    if (existing) await existing.update({ relation: input.relation }, { transaction });
    else
      await RoundRelation.create(
        { roundId: round.id, userId: input.userId, mediatorId: input.mediatorId, relation: input.relation },
        { transaction },
      );
    await audit(
      {
        actorUserId: actor.id,
        action: "round.relation",
        targetType: "evaluation_round",
        targetId: round.id,
        orgUnitId: round.orgUnitId,
        after: { userId: input.userId, mediatorId: input.mediatorId, relation: input.relation },
        ip: actor.ip ?? null,
      },
      transaction,
    );
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------------------------
// Scoring

/** Why this member may not score this application now, or null. */
async function refusalFor(userId: number, application: RoundApplication, transaction?: Transaction): Promise<ScoreRefusal | null> {
  const onPanel = await RoundReviewer.count({ where: { roundId: application.roundId, userId }, transaction });
  if (!onPanel) return "notOnPanel";
  if (application.userId === userId) return "own";
  const facts = (await reviewerFacts([userId], transaction)).get(userId)!;
  const conflict = conflictOf(facts, { committeeId: application.committeeId, mediatorIds: [application.mediatorId] });
  if (conflict === "ownFile") return "own";
  if (conflict) return "ownCommittee";
  const related = await RoundRelation.count({
    where: { roundId: application.roundId, userId, mediatorId: application.mediatorId },
    transaction,
  });
  if (related) return "relation";
  if (application.stage !== "panel") return "stage";
  return null;
}

/** The items of an application's sheet: from the criteria it was submitted with, or the scheme's for its level. */
async function itemsFor(application: RoundApplication, round: EvaluationRound): Promise<{ items: ScoreItem[]; levelName: string }> {
  const { scheme } = await schemeAt(round.orgPath);
  const level = scheme.levels.find((l) => l.key === application.level);
  const figures = application.figures as SubmittedFigures | null;
  const criteria = figures?.criteria?.length ? figures.criteria : [...scheme.common, ...(level?.criteria ?? [])];
  return { items: scoreItemsOf(criteria), levelName: level?.name ?? application.level };
}

/** A member's queue: the applications of the rounds they sit on that wait at the panel, with their own sheet's total. */
export async function scoringQueue(userId: number, roundId?: number) {
  const seats = await RoundReviewer.findAll({ where: { userId, ...(roundId ? { roundId } : {}) }, attributes: ["roundId"] });
  if (!seats.length) return { rows: [], withheld: 0 };
  const apps = await RoundApplication.findAll({
    where: { roundId: seats.map((s) => s.roundId), stage: "panel" },
    include: [
      { model: Mediator, as: "mediator", attributes: ["id", "name"] },
      { model: OrgUnit, as: "committee", attributes: ["name"] },
    ],
    order: [["id", "ASC"]],
  });
  const mine = new Map(
    (
      await RoundScore.findAll({
        where: { reviewerId: userId, applicationId: apps.map((a) => a.id) },
        attributes: ["applicationId", "total"],
      })
    ).map((s) => [s.applicationId, Number(s.total)]),
  );
  const rows = [];
  let withheld = 0;
  for (const a of apps) {
    if (await refusalFor(userId, a)) {
      withheld++;
      continue;
    }
    rows.push({
      id: a.id,
      roundId: a.roundId,
      name: (a.get("mediator") as Mediator).name,
      committee: (a.get("committee") as OrgUnit | null)?.name ?? "",
      level: a.level,
      myTotal: mine.get(a.id) ?? null,
    });
  }
  return { rows, withheld };
}

/**
 * The score sheet page of an application, for a panel member of its round (namedIds: the panel);
 * null for an unknown id. `refusal` says why the member may not score it.
 */
export async function sheetFor(userId: number, applicationId: number) {
  const application = Number.isSafeInteger(applicationId) && applicationId > 0 ? await RoundApplication.findByPk(applicationId) : null;
  if (!application) return null;
  const round = (await EvaluationRound.findByPk(application.roundId))!;
  const mediator = await Mediator.findByPk(application.mediatorId, { attributes: ["id", "name"] });
  const committee = await OrgUnit.findByPk(application.committeeId, { attributes: ["name"] });
  const { items, levelName } = await itemsFor(application, round);
  const own = await RoundScore.findOne({ where: { applicationId: application.id, reviewerId: userId } });
  return {
    namedIds: await panelIds(round.id),
    refusal: await refusalFor(userId, application),
    application: {
      id: application.id,
      name: mediator?.name ?? "",
      committee: committee?.name ?? "",
      level: application.level,
      levelName,
      stage: application.stage,
      figures: application.figures as SubmittedFigures | null,
      evidence: application.evidence ?? {},
    },
    round: { id: round.id, title: round.title },
    items,
    sheet: own ? { points: own.sheet, comment: own.comment, total: Number(own.total) } : null,
  };
}

/**
 * Saves a member's sheet for an application (a second time changes their own sheet) and recomputes
 * the application's combined score, under the application's row lock, in one transaction.
 */
export async function scoreApplication(
  actor: Actor,
  applicationId: number,
  input: ScoreSheetInput,
): Promise<{ ok: true; total: number; score: number | null } | { ok: false; error: ScoreRefusal | "items" }> {
  return inTransaction(async (transaction) => {
    const application = Number.isSafeInteger(applicationId)
      ? await RoundApplication.findByPk(applicationId, { transaction, lock: transaction.LOCK.UPDATE })
      : null;
    if (!application) return { ok: false as const, error: "notFound" as const };
    const refusal = await refusalFor(actor.id, application, transaction);
    if (refusal) return { ok: false as const, error: refusal };
    const round = (await EvaluationRound.findByPk(application.roundId, { transaction }))!;
    const { items } = await itemsFor(application, round);
    const keys = items.map((i) => i.key);
    const given = input.points ?? {};
    if (
      !keys.every((k) => typeof given[k] === "number" && given[k] >= 0 && given[k] <= 100) ||
      Object.keys(given).some((k) => !keys.includes(k))
    )
      return { ok: false as const, error: "items" as const };
    const sheet = Object.fromEntries(keys.map((k) => [k, given[k]]));
    const total = sheetTotal(sheet, keys);
    const comment = input.comment?.trim() || null;
    const existing = await RoundScore.findOne({ where: { applicationId: application.id, reviewerId: actor.id }, transaction });
    const before = existing ? { total: Number(existing.total), sheet: existing.sheet } : null;
    if (existing) await existing.update({ sheet, total, comment }, { transaction });
    else await RoundScore.create({ applicationId: application.id, reviewerId: actor.id, sheet, total, comment }, { transaction });
    const totals = (await RoundScore.findAll({ where: { applicationId: application.id }, attributes: ["total"], transaction })).map((s) =>
      Number(s.total),
    );
    const score = combineScores(totals, round.combine);
    await application.update({ score }, { transaction });
    await audit(
      {
        actorUserId: actor.id,
        action: "application.score",
        targetType: "round_application",
        targetId: application.id,
        orgUnitId: application.committeeId,
        before,
        after: { total, sheet, combined: score, sheets: totals.length },
        ip: actor.ip ?? null,
      },
      transaction,
    );
    return { ok: true as const, total, score };
  });
}

export { OVERALL_ITEM };
