import { Op, type Transaction } from "sequelize";
import {
  DEFAULT_RULE,
  REVIEW_STAGES,
  REVIEW_TOTAL,
  defaultWeights,
  weightedRubric,
  type OpenReviewInput,
  type ReviewStage,
  type SamplingRule,
} from "~/lib/case-review";
import { withinScopes } from "../access";
import { audit } from "../audit";
import { inTransaction } from "../db/connection";
import {
  CaseFile,
  CaseFileAssistant,
  CaseReview,
  CaseReviewItem,
  CaseReviewReviewer,
  Mediator,
  OrgUnit,
  RoleGrant,
  Rubric,
  User,
} from "../db/models";
import { notify } from "../notifications";
import { orgPathInScopes, scopeFromPath, type OrgScope } from "../org";
import { drawSample, newSeed, populationDigest, type PopulationFile } from "./sample";
import { message } from "~/lib/messages";

/**
 * Opening and closing a case-file quality review (卷宗评查). A bureau admin opens one for a node of
 * its subtree and a closing period; the server draws the sample with a fresh seed (./sample.ts),
 * assigns every sampled file to a reviewer without a conflict (./conflicts below), snapshots the
 * weighted rubric and tells the reviewers, all in one transaction with one audit row.
 */

export type Actor = { id: number; scopes: OrgScope[]; ip?: string | null };
export type OpenField = keyof OpenReviewInput | "form";
export type OpenErrors = Partial<Record<OpenField, string[]>>;

/** Roles whose holders can be named reviewers of a review (see access.ts, review:score). */
export const REVIEWER_ROLES = ["reviewer", "trainer"] as const;

// ---------------------------------------------------------------------------------------------
// Conflicts of interest

/** What a conflict check knows about a reviewer: the roster entries linked to their account, their grants. */
export type ReviewerFacts = { userId: number; mediatorIds: number[]; committeeIds: number[]; grantOrgIds: number[] };
/** …and about a file: its committee and every mediator on it. */
export type FileFacts = { committeeId: number; mediatorIds: number[] };

/**
 * Why this reviewer may not review this file, or null: it is their own file (primary or
 * assisting mediator), or they are from its committee (a member of it, or a grant on it).
 */
export function conflictOf(reviewer: ReviewerFacts, file: FileFacts): "ownFile" | "ownCommittee" | null {
  if (file.mediatorIds.some((id) => reviewer.mediatorIds.includes(id))) return "ownFile";
  if (reviewer.committeeIds.includes(file.committeeId) || reviewer.grantOrgIds.includes(file.committeeId)) return "ownCommittee";
  return null;
}

export async function reviewerFacts(userIds: number[], transaction?: Transaction): Promise<Map<number, ReviewerFacts>> {
  const facts = new Map<number, ReviewerFacts>(
    userIds.map((id) => [id, { userId: id, mediatorIds: [], committeeIds: [], grantOrgIds: [] }]),
  );
  if (!userIds.length) return facts;
  for (const m of await Mediator.findAll({ where: { userId: userIds }, attributes: ["id", "orgUnitId", "userId"], transaction })) {
    facts.get(m.userId!)!.mediatorIds.push(m.id);
    facts.get(m.userId!)!.committeeIds.push(m.orgUnitId);
  }
  for (const g of await RoleGrant.findAll({ where: { userId: userIds }, attributes: ["userId", "orgUnitId"], transaction }))
    facts.get(g.userId)!.grantOrgIds.push(g.orgUnitId);
  return facts;
}

export async function fileFacts(caseFileIds: number[], transaction?: Transaction): Promise<Map<number, FileFacts>> {
  const facts = new Map<number, FileFacts>();
  if (!caseFileIds.length) return facts;
  for (let i = 0; i < caseFileIds.length; i += 1000) {
    const part = caseFileIds.slice(i, i + 1000);
    for (const f of await CaseFile.findAll({ where: { id: part }, attributes: ["id", "orgUnitId", "primaryMediatorId"], transaction }))
      facts.set(f.id, { committeeId: f.orgUnitId, mediatorIds: [f.primaryMediatorId] });
    for (const a of await CaseFileAssistant.findAll({ where: { caseFileId: part }, transaction }))
      facts.get(a.caseFileId)?.mediatorIds.push(a.mediatorId);
  }
  return facts;
}

// ---------------------------------------------------------------------------------------------
// Opening

/** Accounts that may be named reviewers of a review at this node: a reviewer or trainer grant on the node, inside it or above it. */
export async function reviewerCandidates(paths: string[], transaction?: Transaction) {
  const grants = await RoleGrant.findAll({
    transaction,
    where: { role: [...REVIEWER_ROLES] },
    include: [
      { model: OrgUnit, as: "orgUnit", attributes: ["path", "name"] },
      { model: User, as: "user", attributes: ["id", "displayName", "username", "status"] },
    ],
    order: [["userId", "ASC"]],
  });
  const seen = new Map<number, { id: number; name: string; org: string; role: string }>();
  for (const g of grants) {
    const path = (g.get("orgUnit") as OrgUnit).path;
    const user = g.get("user") as User;
    if (user.status !== "active" || seen.has(user.id)) continue;
    if (paths.some((p) => path.startsWith(p) || p.startsWith(path)))
      seen.set(user.id, { id: user.id, name: user.displayName || user.username, org: (g.get("orgUnit") as OrgUnit).name, role: g.role });
  }
  return [...seen.values()];
}

/** The population of a review: the register files of the subtree closed in the period, id order. */
export async function populationOf(
  path: string,
  from: string,
  to: string,
  maxFileId?: number,
  transaction?: Transaction,
): Promise<PopulationFile[]> {
  const files = await CaseFile.findAll({
    where: {
      ...orgPathInScopes([scopeFromPath(0, path)]),
      closedOn: { [Op.gte]: from, [Op.lte]: to },
      ...(maxFileId !== undefined ? { id: { [Op.lte]: maxFileId } } : {}),
    },
    attributes: ["id", "primaryMediatorId", "confirmation"],
    order: [["id", "ASC"]],
    transaction,
  });
  return files.map((f) => ({ id: f.id, primaryMediatorId: f.primaryMediatorId, confirmed: f.confirmation === "confirmed" }));
}

/**
 * Assigns each drawn file, in draw order, to the eligible reviewer with the fewest files so far
 * (ties: the order reviewers were named in). Null when some file has no eligible reviewer.
 */
export function assignReviewers(drawn: number[], reviewers: ReviewerFacts[], files: Map<number, FileFacts>): Map<number, number> | null {
  const load = new Map(reviewers.map((r) => [r.userId, 0]));
  const out = new Map<number, number>();
  for (const id of drawn) {
    const eligible = reviewers.filter((r) => !conflictOf(r, files.get(id)!));
    if (!eligible.length) return null;
    const pick = eligible.reduce((best, r) => (load.get(r.userId)! < load.get(best.userId)! ? r : best));
    load.set(pick.userId, load.get(pick.userId)! + 1);
    out.set(id, pick.userId);
  }
  return out;
}

/** A rubric of the library the admin may use (their nodes', above or below them), as the rubric library shares it (exercises/rubrics.ts). */
async function libraryRubric(scopes: OrgScope[], id: number, transaction?: Transaction) {
  const rubric = Number.isSafeInteger(id)
    ? await Rubric.findByPk(id, { include: [{ model: OrgUnit, as: "orgUnit", attributes: ["path"] }], transaction })
    : null;
  const path = rubric ? (rubric.get("orgUnit") as OrgUnit).path : null;
  return rubric && path && (withinScopes(scopes, path) || scopes.some((s) => s.path.startsWith(path))) ? rubric : null;
}

export type OpenResult = { ok: true; review: CaseReview } | { ok: false; errors: OpenErrors };
const fail = (field: OpenField, message: string): OpenResult => ({ ok: false, errors: { [field]: [message] } });

/** Opens a review: checks, draws, assigns and records it (seed given only by tests and the demo). */
export async function openReview(
  actor: Actor,
  input: OpenReviewInput,
  options: { seed?: string; transaction?: Transaction } = {},
): Promise<OpenResult> {
  const node = await OrgUnit.findByPk(input.orgUnitId, { attributes: ["id", "path", "kind", "name"], transaction: options.transaction });
  if (!node || node.kind === "committee" || !withinScopes(actor.scopes, node.path)) return fail("orgUnitId", "review.error.node");
  const found = await libraryRubric(actor.scopes, input.rubricId, options.transaction);
  if (!found) return fail("rubricId", "review.error.rubric");
  const weights = input.weights.length ? input.weights : defaultWeights(found);
  if (weights.length !== found.criteria.length) return fail("weights", "review.error.weights");
  if (Math.abs(weights.reduce((a, b) => a + b, 0) - REVIEW_TOTAL) > 1e-9)
    return fail("weights", message("review.error.weightsTotal", { total: REVIEW_TOTAL }));
  const rubric = weightedRubric({ title: found.title, description: found.description ?? "", criteria: found.criteria }, weights);
  if (input.passLine > rubric.maxPoints) return fail("passLine", "review.error.passLine");
  const candidates = new Set((await reviewerCandidates([node.path], options.transaction)).map((c) => c.id));
  if (input.reviewerIds.some((id) => !candidates.has(id))) return fail("reviewerIds", "review.error.reviewer");
  const rule: SamplingRule = {
    confirmedPercent: input.confirmedPercent,
    otherPercent: input.otherPercent,
    minPerMediator: input.minPerMediator,
  };
  const seed = options.seed ?? newSeed();

  return inTransaction(async (transaction) => {
    const population = await populationOf(node.path, input.periodFrom, input.periodTo, undefined, transaction);
    if (!population.length) return fail("periodTo", "review.error.noFiles");
    const drawn = drawSample(population, rule, seed);
    if (!drawn.length) return fail("otherPercent", "review.error.emptySample");
    const files = await fileFacts(
      drawn.map((d) => d.id),
      transaction,
    );
    const reviewers = await reviewerFacts(input.reviewerIds, transaction);
    const assigned = assignReviewers(
      drawn.map((d) => d.id),
      input.reviewerIds.map((id) => reviewers.get(id)!),
      files,
    );
    if (!assigned) return fail("reviewerIds", "review.error.noEligibleReviewer");
    const review = await CaseReview.create(
      {
        orgUnitId: node.id,
        orgPath: node.path,
        title: input.title,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        rule,
        seed,
        population: population.length,
        populationDigest: populationDigest(population),
        maxFileId: population[population.length - 1].id,
        rubricId: found.id,
        rubric,
        passLine: input.passLine,
        deadline: input.deadline,
        createdBy: actor.id,
      },
      { transaction },
    );
    await CaseReviewReviewer.bulkCreate(
      input.reviewerIds.map((userId) => ({ reviewId: review.id, userId })),
      { transaction },
    );
    const committees = new Map(
      (
        await OrgUnit.findAll({
          where: { id: [...new Set([...files.values()].map((f) => f.committeeId))] },
          attributes: ["id", "path"],
          transaction,
        })
      ).map((o) => [o.id, o.path]),
    );
    const byId = new Map(population.map((p) => [p.id, p]));
    for (let i = 0; i < drawn.length; i += 500)
      await CaseReviewItem.bulkCreate(
        drawn.slice(i, i + 500).map((d) => {
          const f = files.get(d.id)!;
          return {
            reviewId: review.id,
            caseFileId: d.id,
            orgUnitId: f.committeeId,
            orgPath: committees.get(f.committeeId)!,
            primaryMediatorId: byId.get(d.id)!.primaryMediatorId,
            stratum: d.stratum,
            reviewerUserId: assigned.get(d.id)!,
          };
        }),
        { transaction },
      );
    await audit(
      {
        actorUserId: actor.id,
        action: "review.opened",
        targetType: "case_review",
        targetId: review.id,
        orgUnitId: node.id,
        after: {
          title: input.title,
          period: [input.periodFrom, input.periodTo],
          rule,
          seed,
          population: population.length,
          sample: drawn.length,
          weights,
          passLine: input.passLine,
          deadline: input.deadline,
          reviewers: input.reviewerIds,
        },
        ip: actor.ip ?? null,
      },
      transaction,
    );
    const perReviewer = new Map<number, number>();
    for (const userId of assigned.values()) perReviewer.set(userId, (perReviewer.get(userId) ?? 0) + 1);
    for (const [userId, count] of perReviewer)
      await notify(
        userId,
        "reviewAssigned",
        { title: input.title, count, deadline: input.deadline },
        { type: "case_review", id: review.id },
        transaction,
      );
    return { ok: true as const, review };
  }, options.transaction);
}

/** Closes an open review: no more uploads or scores; its results stand. Audited with the reason. */
export async function closeReview(
  actor: Actor,
  id: number,
  reason: string,
): Promise<{ ok: true } | { ok: false; error: "notFound" | "closed" }> {
  return inTransaction(async (transaction) => {
    const review = await CaseReview.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!review || !withinScopes(actor.scopes, review.orgPath)) return { ok: false as const, error: "notFound" as const };
    if (review.state !== "open") return { ok: false as const, error: "closed" as const };
    await review.update({ state: "closed", closedBy: actor.id, closedAt: new Date() }, { transaction });
    await audit(
      {
        actorUserId: actor.id,
        action: "review.closed",
        targetType: "case_review",
        targetId: review.id,
        orgUnitId: review.orgUnitId,
        reason,
        ip: actor.ip ?? null,
      },
      transaction,
    );
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Files per stage of each review. */
async function stageCounts(reviewIds: number[]): Promise<Map<number, Record<ReviewStage, number>>> {
  const out = new Map<number, Record<ReviewStage, number>>(
    reviewIds.map((id) => [id, Object.fromEntries(REVIEW_STAGES.map((s) => [s, 0])) as Record<ReviewStage, number>]),
  );
  if (!reviewIds.length) return out;
  const rows = (await CaseReviewItem.count({ where: { reviewId: reviewIds }, group: ["reviewId", "stage"] })) as unknown as {
    reviewId: number;
    stage: ReviewStage;
    count: number;
  }[];
  for (const r of rows) out.get(r.reviewId)![r.stage] = Number(r.count);
  return out;
}

/** The reviews opened at or under the admin's nodes, newest first. */
export async function listReviews(scopes: OrgScope[]) {
  const reviews = await CaseReview.findAll({
    where: orgPathInScopes(scopes),
    include: [{ model: OrgUnit, as: "orgUnit", attributes: ["name"] }],
    order: [
      ["createdAt", "DESC"],
      ["id", "DESC"],
    ],
    limit: 100,
  });
  const counts = await stageCounts(reviews.map((r) => r.id));
  return reviews.map((r) => ({
    id: r.id,
    title: r.title,
    node: (r.get("orgUnit") as OrgUnit).name,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    deadline: r.deadline,
    state: r.state,
    stages: counts.get(r.id)!,
  }));
}

/** A review for its page (null outside the scopes), with its counts and reviewers. */
export async function findReview(scopes: OrgScope[], id: number) {
  const review =
    Number.isSafeInteger(id) && id > 0
      ? await CaseReview.findByPk(id, { include: [{ model: OrgUnit, as: "orgUnit", attributes: ["id", "name", "path"] }] })
      : null;
  if (!review || !withinScopes(scopes, review.orgPath)) return null;
  const reviewerRows = await CaseReviewReviewer.findAll({ where: { reviewId: review.id } });
  const users = await User.findAll({ where: { id: reviewerRows.map((r) => r.userId) }, attributes: ["id", "displayName", "username"] });
  return {
    review,
    orgPath: review.orgPath,
    node: (review.get("orgUnit") as OrgUnit).name,
    stages: (await stageCounts([review.id])).get(review.id)!,
    reviewers: users.map((u) => ({ id: u.id, name: u.displayName || u.username })),
  };
}

/**
 * Draws the review's sample again from the register as it is now (the population up to the file id
 * recorded at opening) and says whether it is the sample on record and whether the population
 * still is the one drawn from.
 */
export async function recheckSample(review: CaseReview) {
  const population = await populationOf(review.orgPath, review.periodFrom, review.periodTo, review.maxFileId);
  const drawn = drawSample(population, review.rule, review.seed)
    .map((d) => d.id)
    .sort((a, b) => a - b);
  const stored = (await CaseReviewItem.findAll({ where: { reviewId: review.id }, attributes: ["caseFileId"] }))
    .map((i) => i.caseFileId)
    .sort((a, b) => a - b);
  return {
    samePopulation: populationDigest(population) === review.populationDigest && population.length === review.population,
    sameSample: drawn.length === stored.length && drawn.every((id, i) => id === stored[i]),
    population: population.length,
    sample: drawn.length,
  };
}

export { DEFAULT_RULE };
