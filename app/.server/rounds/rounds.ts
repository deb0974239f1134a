import { Op } from "sequelize";
import { ROUND_TRANSITIONS, announcementEnds, OPEN_STAGES, type RoundInput, type RoundState } from "~/lib/rounds";
import { todayInChina } from "~/lib/dates";
import { withinScopes } from "../access";
import { audit } from "../audit";
import { inTransaction } from "../db/connection";
import { EvaluationRound, OrgUnit, RoundApplication, RoundObjection } from "../db/models";
import { orgPathInScopes, type OrgScope } from "../org";
import { schemeAt } from "../levels/scheme";
import { publicPagesChangeOnCommit } from "../public-pages";

/**
 * Opening a grade evaluation round (评定批次) and moving it through its states. A bureau admin opens
 * one for a bureau node of its subtree (not a committee) and a range of levels of the scheme in
 * force that this node's kind evaluates. Every change of state is one of ROUND_TRANSITIONS, checked
 * under the round's row lock with what it requires, and audited.
 */

const RANKS = ["county", "city", "province"] as const;

export type Actor = { id: number; scopes: OrgScope[]; ip?: string | null };
export type RoundField = keyof RoundInput | "orgUnitId" | "form";
export type RoundErrors = Partial<Record<RoundField, string[]>>;

export async function createRound(
  actor: Actor,
  orgUnitId: number,
  input: RoundInput,
): Promise<{ ok: true; round: EvaluationRound } | { ok: false; errors: RoundErrors }> {
  const node = Number.isSafeInteger(orgUnitId) ? await OrgUnit.findByPk(orgUnitId) : null;
  if (!node || !withinScopes(actor.scopes, node.path)) return { ok: false, errors: { orgUnitId: ["round.error.node"] } };
  if (node.kind === "committee" || node.kind === "township") return { ok: false, errors: { orgUnitId: ["round.error.nodeKind"] } };
  const { scheme } = await schemeAt(node.path);
  // A node runs rounds for the levels it evaluates or recommends upward, and may run a joint round
  // for the levels its lower bureaus evaluate (a city-wide round of 四级 to 一级, as Beijing did).
  const rank = (kind: string) => RANKS.indexOf(kind as (typeof RANKS)[number]);
  const known = scheme.levels.filter((l) => rank(l.evaluatedBy) <= rank(node.kind) || l.recommendedBy === node.kind).map((l) => l.key);
  const levels = [...new Set(input.levels)];
  if (levels.some((l) => !known.includes(l))) return { ok: false, errors: { levels: ["round.error.levels"] } };
  const ordered = scheme.levels.map((l) => l.key).filter((k) => levels.includes(k));
  return inTransaction(async (transaction) => {
    const round = await EvaluationRound.create(
      {
        orgUnitId: node.id,
        orgPath: node.path,
        title: input.title,
        levels: ordered,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        applicationsFrom: input.applicationsFrom,
        applicationsUntil: input.applicationsUntil,
        reviewsUntil: input.reviewsUntil,
        announcementDays: input.announcementDays,
        validityYears: input.validityYears,
        combine: input.combine,
        examQuizId: input.examQuizId || null,
        createdBy: actor.id,
      },
      { transaction },
    );
    await audit(
      {
        actorUserId: actor.id,
        action: "round.open",
        targetType: "evaluation_round",
        targetId: round.id,
        orgUnitId: node.id,
        after: { title: round.title, levels: ordered, applicationsUntil: input.applicationsUntil },
        ip: actor.ip ?? null,
      },
      transaction,
    );
    return { ok: true as const, round };
  });
}

/** Rounds opened at or under the given scopes, newest first. */
export const roundsIn = (scopes: OrgScope[]) =>
  EvaluationRound.findAll({ where: orgPathInScopes(scopes), order: [["id", "DESC"]], limit: 200 });

/** Rounds whose subtree contains a mediator's committee and that take applications today. */
export async function roundsOpenTo(orgPath: string, today = todayInChina()) {
  const rounds = await EvaluationRound.findAll({
    where: { state: "applications", applicationsFrom: { [Op.lte]: today }, applicationsUntil: { [Op.gte]: today } },
    order: [["id", "DESC"]],
  });
  return rounds.filter((r) => orgPath.startsWith(r.orgPath));
}

export async function findRound(id: unknown) {
  const n = Number(id);
  return Number.isSafeInteger(n) && n > 0 ? EvaluationRound.findByPk(n) : null;
}

export type AdvanceError = "notFound" | "scope" | "state" | "openApplications" | "undecided" | "announcementRunning" | "openObjections";

/**
 * Moves a round to its next state: reviewing (applications close), announcing (公示 starts today;
 * every application that reached a review is decided — none waits in a review or the panel),
 * final (the announcement period is over and every objection is answered). The finalising work
 * itself (levels, certificates) runs in the caller's `onFinal` inside the same transaction.
 */
export async function advanceRound(
  actor: Actor,
  roundId: number,
  to: RoundState,
  today = todayInChina(),
  onFinal?: (round: EvaluationRound, transaction: import("sequelize").Transaction) => Promise<void>,
): Promise<{ ok: true; round: EvaluationRound } | { ok: false; error: AdvanceError }> {
  return inTransaction(async (transaction) => {
    const round = Number.isSafeInteger(roundId)
      ? await EvaluationRound.findByPk(roundId, { transaction, lock: transaction.LOCK.UPDATE })
      : null;
    if (!round) return { ok: false as const, error: "notFound" as const };
    await publicPagesChangeOnCommit(transaction, `/announcements/${round.id}`);
    if (!withinScopes(actor.scopes, round.orgPath)) return { ok: false as const, error: "scope" as const };
    if (!ROUND_TRANSITIONS[round.state as RoundState].includes(to)) return { ok: false as const, error: "state" as const };
    const before = { state: round.state };
    if (to === "announcing") {
      const waiting = await RoundApplication.count({ where: { roundId: round.id, stage: [...OPEN_STAGES] }, transaction });
      if (waiting > 0) return { ok: false as const, error: "undecided" as const };
      await round.update(
        { state: to, announcedOn: today, objectionsUntil: announcementEnds(today, round.announcementDays) },
        { transaction },
      );
    } else if (to === "final") {
      if (round.objectionsUntil && today <= round.objectionsUntil) return { ok: false as const, error: "announcementRunning" as const };
      const open = await RoundObjection.count({ where: { roundId: round.id, state: "open" }, transaction });
      if (open > 0) return { ok: false as const, error: "openObjections" as const };
      if (onFinal) await onFinal(round, transaction);
      await round.update({ state: to, finalOn: today }, { transaction });
    } else {
      await round.update({ state: to }, { transaction });
    }
    await audit(
      {
        actorUserId: actor.id,
        action: `round.${to}`,
        targetType: "evaluation_round",
        targetId: round.id,
        orgUnitId: round.orgUnitId,
        before,
        after: { state: to },
        ip: actor.ip ?? null,
      },
      transaction,
    );
    return { ok: true as const, round };
  });
}
