import { Op, type WhereOptions } from "sequelize";
import { APPLICATIONS_PER_PAGE, isReturn, parentPath, type ReviewMove } from "~/lib/round-apply";
import type { Role } from "~/lib/roles";
import { EvaluationRound, Mediator, OrgUnit, RoundApplication } from "../db/models";
import { notify } from "../notifications";
import { orgPathInScopes, scopeFromPath } from "../org";
import { moveApplication, type MoveError } from "./moves";

/**
 * The two reviews before the panel (初审):
 * - 调委会初审 (committeePass / committeeReturn): by an admin whose grant is on the applicant's
 *   committee, or on the node right above it (its 司法所, or the county or city it sits under
 *   directly) — a committee often has no account, and then its 司法所 acts for it;
 * - 司法所初审 (townshipPass / townshipReturn): by an admin whose grant covers the applicant from
 *   the township up, on a node inside the round's subtree (the round's bureau or a node under it).
 * A return needs a reason. The applicant is told of a return and of passing to the panel.
 */

/** The grants that review: bureau admins' (and the sysadmin's), by node. */
export type ReviewerGrant = { orgUnitId: number; orgPath: string };
export type Reviewer = { id: number; grants: readonly { role: Role; orgUnitId: number; orgPath: string }[]; ip?: string | null };

const REVIEWING_ROLES: readonly Role[] = ["bureau_admin", "sysadmin"];
export const reviewerGrants = (reviewer: Pick<Reviewer, "grants">): ReviewerGrant[] =>
  reviewer.grants.filter((g) => REVIEWING_ROLES.includes(g.role)).map((g) => ({ orgUnitId: g.orgUnitId, orgPath: g.orgPath }));

type Facts = Pick<RoundApplication, "committeeId" | "orgPath">;

/** May one of these grants make the committee's pre-review of this application? */
export const mayCommitteeReview = (grants: readonly ReviewerGrant[], application: Facts) =>
  grants.some((g) => g.orgUnitId === application.committeeId || g.orgPath === parentPath(application.orgPath));

/** May one of these grants make the 司法所's first review (above the committee, inside the round)? */
export const mayTownshipReview = (grants: readonly ReviewerGrant[], application: Facts, round: Pick<EvaluationRound, "orgPath">) =>
  grants.some(
    (g) => g.orgUnitId !== application.committeeId && application.orgPath.startsWith(g.orgPath) && g.orgPath.startsWith(round.orgPath),
  );

/** Which review moves these grants may make on this application now (by its stage). */
export function reviewMovesFor(grants: readonly ReviewerGrant[], application: RoundApplication, round: EvaluationRound): ReviewMove[] {
  if (application.stage === "submitted" && mayCommitteeReview(grants, application)) return ["committeePass", "committeeReturn"];
  if (application.stage === "committee_passed" && mayTownshipReview(grants, application, round)) return ["townshipPass", "townshipReturn"];
  return [];
}

export type ReviewError = MoveError | "notAllowed" | "reason";

/**
 * Makes one pre-review move. Refused when the reviewer's grants do not make that review, a return
 * has no reason, or the application or round has moved on (moveApplication checks under lock).
 */
export async function reviewApplication(
  reviewer: Reviewer,
  applicationId: number,
  move: ReviewMove,
  reason?: string | null,
): Promise<{ ok: true; application: RoundApplication } | { ok: false; error: ReviewError }> {
  const text = reason?.trim() ?? "";
  if (isReturn(move) && !text) return { ok: false, error: "reason" };
  const application = Number.isSafeInteger(applicationId) ? await RoundApplication.findByPk(applicationId) : null;
  if (!application) return { ok: false, error: "notFound" };
  const round = (await EvaluationRound.findByPk(application.roundId))!;
  const grants = reviewerGrants(reviewer);
  const allowed = move.startsWith("committee") ? mayCommitteeReview(grants, application) : mayTownshipReview(grants, application, round);
  if (!allowed) return { ok: false, error: "notAllowed" };
  return moveApplication(
    reviewer.id,
    application.id,
    move,
    isReturn(move) ? { returnedReason: text } : {},
    null,
    async (moved, r, transaction) => {
      if (!moved.userId) return;
      const subject = { type: "round_application" as const, id: moved.id };
      if (isReturn(move)) await notify(moved.userId, "roundReturned", { round: r.title, reason: text }, subject, transaction);
      else if (move === "townshipPass") await notify(moved.userId, "roundToPanel", { round: r.title }, subject, transaction);
    },
  );
}

/** The committees whose pre-review these grants make: the granted committees and those right under a granted node. */
async function reviewedCommittees(grants: readonly ReviewerGrant[]): Promise<number[]> {
  if (!grants.length) return [];
  const ids = grants.map((g) => g.orgUnitId);
  const children = await OrgUnit.findAll({ where: { parentId: ids, kind: "committee" }, attributes: ["id"] });
  return [...new Set([...ids, ...children.map((c) => c.id)])];
}

/** Where-clause: the applications of these rounds that wait for a review these grants make. */
async function waitingWhere(grants: readonly ReviewerGrant[], rounds: readonly Pick<EvaluationRound, "id" | "orgPath">[]) {
  const committees = await reviewedCommittees(grants);
  const clauses: WhereOptions[] = [];
  if (committees.length && rounds.length) clauses.push({ stage: "submitted", roundId: rounds.map((r) => r.id), committeeId: committees });
  for (const g of grants) {
    const inside = rounds.filter((r) => g.orgPath.startsWith(r.orgPath)).map((r) => r.id);
    // A grant on a committee never makes the 司法所's review (orgUnitId differs from committeeId below).
    if (inside.length) {
      clauses.push({
        [Op.and]: [
          { stage: "committee_passed", roundId: inside, committeeId: { [Op.ne]: g.orgUnitId } },
          orgPathInScopes([scopeFromPath(g.orgUnitId, g.orgPath)]),
        ],
      });
    }
  }
  return clauses.length ? { [Op.or]: clauses } : null;
}

/** A round's applications waiting for this admin's reviews, oldest submitted first, a page at a time. */
export async function reviewQueue(reviewer: Pick<Reviewer, "grants">, round: EvaluationRound, page = 1) {
  const grants = reviewerGrants(reviewer);
  const where = await waitingWhere(grants, [round]);
  if (!where) return { rows: [], total: 0, page: 1, pageCount: 1 };
  const { rows, count } = await RoundApplication.findAndCountAll({
    where,
    include: [
      { model: Mediator, as: "mediator", attributes: ["id", "name"] },
      { model: OrgUnit, as: "committee", attributes: ["id", "name"] },
    ],
    order: [
      ["submittedAt", "ASC"],
      ["id", "ASC"],
    ],
    limit: APPLICATIONS_PER_PAGE,
    offset: (Math.max(1, page) - 1) * APPLICATIONS_PER_PAGE,
  });
  return {
    rows: rows.map((a) => ({
      id: a.id,
      name: (a.get("mediator") as Mediator).name,
      committee: (a.get("committee") as OrgUnit).name,
      level: a.level,
      stage: a.stage,
      submittedAt: a.submittedAt?.toISOString() ?? null,
      review: a.stage === "submitted" ? ("committee" as const) : ("township" as const),
    })),
    total: count,
    page: Math.max(1, page),
    pageCount: Math.max(1, Math.ceil(count / APPLICATIONS_PER_PAGE)),
  };
}

/** For the admin workspace: per round still reviewing, how many applications wait for this admin's reviews. */
export async function waitingReviews(reviewer: Pick<Reviewer, "grants">) {
  const grants = reviewerGrants(reviewer);
  if (!grants.length) return [];
  const open = await EvaluationRound.findAll({
    where: { state: ["applications", "reviewing"] },
    attributes: ["id", "title", "orgPath"],
    order: [["id", "DESC"]],
    limit: 200,
  });
  const rounds = open.filter((r) => grants.some((g) => g.orgPath.startsWith(r.orgPath) || r.orgPath.startsWith(g.orgPath)));
  const where = await waitingWhere(grants, rounds);
  if (!where) return [];
  const counts = (await RoundApplication.count({ where, group: ["roundId"] })) as unknown as { roundId: number; count: number }[];
  const byRound = new Map(counts.map((c) => [Number(c.roundId), Number(c.count)]));
  return rounds.filter((r) => byRound.get(r.id)).map((r) => ({ id: r.id, title: r.title, count: byRound.get(r.id)! }));
}
