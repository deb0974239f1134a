import { Op, type Transaction } from "sequelize";
import { MAX_SCANS, type ReviewStage } from "~/lib/case-review";
import { scoreOf, type RubricGrade } from "~/lib/rubric";
import { dayOf } from "~/lib/dates";
import { withinScopes } from "../access";
import { attachmentViews, withAttachments, AttachmentLimitError, type Attach } from "../attachments";
import { audit } from "../audit";
import { setCaseVoided } from "../cases/register";
import { inTransaction } from "../db/connection";
import { Attachment, CaseFile, CaseReview, CaseReviewItem, Mediator, OrgUnit, RoleGrant, User } from "../db/models";
import { notify } from "../notifications";
import { orgPathInScopes, pathIds, scopeFromPath, type OrgScope } from "../org";
import { UploadStorageError, type Upload } from "../uploads";
import { conflictOf, fileFacts, reviewerFacts } from "./reviews";

/**
 * One sampled file of a review, from both sides: the committee uploads its scan (and corrects what
 * comes back), the reviewer named on it scores it on the review's rubric or marks it 与台账不符.
 * Each step runs in one transaction with its audit row; marking and correcting a mismatch voids and
 * restores the register file through the register's own function, so the rollups move with it.
 */

export type ItemActor = { id: number; ip?: string | null };

const OPEN_FOR_COMMITTEE: ReviewStage[] = ["awaiting_upload", "awaiting_score", "returned", "mismatch"];

/** The facts of a register file the review pages show. */
async function caseSummary(caseFileId: number) {
  const file = await CaseFile.findByPk(caseFileId, {
    include: [
      { model: OrgUnit, as: "committee", attributes: ["name"] },
      { model: Mediator, as: "primaryMediator", attributes: ["name"] },
    ],
  });
  if (!file) return null;
  return {
    id: file.id,
    fileNo: file.fileNo,
    committee: (file.get("committee") as OrgUnit).name,
    mediator: (file.get("primaryMediator") as Mediator).name,
    category: file.category,
    outcome: file.outcome,
    agreementForm: file.agreementForm,
    confirmation: file.confirmation,
    receivedOn: dayOf(file.receivedOn)!,
    closedOn: dayOf(file.closedOn)!,
    followUp: Boolean(file.followUp),
    summary: file.summary,
    voided: Boolean(file.voided),
    voidReason: file.voidReason,
  };
}

async function itemWithReview(id: number, transaction?: Transaction) {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const item = await CaseReviewItem.findByPk(id, { include: [{ model: CaseReview, as: "review" }], transaction });
  return item ? { item, review: item.get("review") as CaseReview } : null;
}

/** What both item pages show. */
async function itemView(item: CaseReviewItem, review: CaseReview) {
  const reviewer = item.reviewerUserId ? await User.findByPk(item.reviewerUserId, { attributes: ["displayName", "username"] }) : null;
  return {
    item: {
      id: item.id,
      stage: item.stage,
      stratum: item.stratum,
      grade: item.grade ?? null,
      score: item.score ?? null,
      comment: item.comment ?? "",
      mismatch: Boolean(item.mismatch),
      correctionNote: item.correctionNote,
      rounds: item.rounds,
      version: item.lockVersion,
      scoredAt: item.scoredAt?.toISOString() ?? null,
      reviewer: reviewer ? reviewer.displayName || reviewer.username : null,
    },
    review: {
      id: review.id,
      title: review.title,
      state: review.state,
      deadline: review.deadline,
      passLine: review.passLine,
      rubric: review.rubric,
    },
    file: (await caseSummary(item.caseFileId))!,
    scans: await attachmentViews("case_file", item.caseFileId),
  };
}

/** A sampled file for the reviewer named on it (namedIds: the access table's review:score). */
export async function itemForReviewer(id: number) {
  const found = await itemWithReview(id);
  if (!found) return null;
  return { ...(await itemView(found.item, found.review)), namedIds: found.item.reviewerUserId ? [found.item.reviewerUserId] : [] };
}

/** A sampled file for the admins over its committee (orgPath: the access table's review:upload). */
export async function itemForCommittee(id: number) {
  const found = await itemWithReview(id);
  if (!found) return null;
  return { ...(await itemView(found.item, found.review)), orgPath: found.item.orgPath };
}

/** Who may read a register file's scans: the admins over it, and every reviewer named on it in a review. */
export async function scanFacts(caseFileId: number) {
  const file = await CaseFile.findByPk(caseFileId, { attributes: ["id", "orgPath"] });
  if (!file) return null;
  const items = await CaseReviewItem.findAll({ where: { caseFileId, reviewerUserId: { [Op.ne]: null } }, attributes: ["reviewerUserId"] });
  return { orgPath: file.orgPath, namedIds: [...new Set(items.map((i) => i.reviewerUserId!))] };
}

/** The reviewer's files: open reviews first, the ones waiting for them first. */
export async function assignedTo(userId: number) {
  const items = await CaseReviewItem.findAll({
    where: { reviewerUserId: userId },
    include: [
      { model: CaseReview, as: "review", attributes: ["id", "title", "state", "deadline"] },
      { model: CaseFile, as: "caseFile", attributes: ["fileNo"] },
      { model: OrgUnit, as: "committee", attributes: ["name"] },
    ],
    order: [["id", "ASC"]],
    limit: 1000,
  });
  const rank = (i: CaseReviewItem) => ((i.get("review") as CaseReview).state === "open" ? 0 : 2) + (i.stage === "awaiting_score" ? 0 : 1);
  return items
    .sort((a, b) => rank(a) - rank(b) || a.id - b.id)
    .map((i) => {
      const review = i.get("review") as CaseReview;
      return {
        id: i.id,
        review: review.title,
        reviewState: review.state,
        deadline: review.deadline,
        fileNo: (i.get("caseFile") as CaseFile).fileNo,
        committee: (i.get("committee") as OrgUnit).name,
        stage: i.stage,
        score: i.score ?? null,
      };
    });
}

/** Files of open reviews in the admin's subtree that wait for the committee (scan missing, returned, mismatched) or the reviewer. */
export async function committeeQueue(scopes: OrgScope[], limit = 200) {
  const items = await CaseReviewItem.findAll({
    where: { ...orgPathInScopes(scopes), stage: OPEN_FOR_COMMITTEE },
    include: [
      { model: CaseReview, as: "review", attributes: ["id", "title", "state", "deadline"], where: { state: "open" } },
      { model: CaseFile, as: "caseFile", attributes: ["fileNo"] },
      { model: OrgUnit, as: "committee", attributes: ["name"] },
    ],
    order: [["id", "ASC"]],
    limit,
  });
  const rank: Record<ReviewStage, number> = { returned: 0, mismatch: 0, awaiting_upload: 1, awaiting_score: 2, passed: 3 };
  return items
    .sort((a, b) => rank[a.stage as ReviewStage] - rank[b.stage as ReviewStage] || a.id - b.id)
    .map((i) => ({
      id: i.id,
      review: (i.get("review") as CaseReview).title,
      deadline: (i.get("review") as CaseReview).deadline,
      fileNo: (i.get("caseFile") as CaseFile).fileNo,
      committee: (i.get("committee") as OrgUnit).name,
      stage: i.stage,
    }));
}

// ---------------------------------------------------------------------------------------------
// The committee's side

export type UploadError = "notFound" | "closed" | "noFiles" | "noteRequired" | "notNow" | "tooMany" | "storage";

/**
 * The committee uploads the scan of a sampled file (awaiting_upload → awaiting_score; more pages
 * while it waits for the reviewer), or corrects a returned or mismatched file: a note is then
 * required, new scans are optional, the file goes back to the reviewer, and a mismatched file
 * counts again in the figures (restored through the register). Inside a caller's transaction
 * (`within`) it takes no files: files are kept on disk only once their own transaction commits.
 */
export async function uploadScans(
  actor: ItemActor & { scopes: OrgScope[] },
  id: number,
  files: Upload[],
  note: string,
  within?: Transaction,
): Promise<{ ok: true; stage: ReviewStage } | { ok: false; error: UploadError }> {
  if (within && files.length) throw new Error("uploadScans: files need their own transaction");
  try {
    return await withAttachments((attach: Attach) =>
      inTransaction(async (transaction) => {
        const item = await CaseReviewItem.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
        if (!item || !withinScopes(actor.scopes, item.orgPath)) return { ok: false as const, error: "notFound" as const };
        const review = (await CaseReview.findByPk(item.reviewId, { transaction }))!;
        if (review.state !== "open") return { ok: false as const, error: "closed" as const };
        const correcting = item.stage === "returned" || item.stage === "mismatch";
        if (item.stage === "passed") return { ok: false as const, error: "notNow" as const };
        if (correcting && !note) return { ok: false as const, error: "noteRequired" as const };
        if (!correcting && !files.length) return { ok: false as const, error: "noFiles" as const };
        const added = await attach(transaction, { kind: "case_file", id: item.caseFileId }, files, {
          max: MAX_SCANS,
          uploadedBy: actor.id,
        });
        const before = { stage: item.stage, mismatch: item.mismatch };
        if (correcting && item.mismatch) {
          const file = await CaseFile.findByPk(item.caseFileId, { attributes: ["id", "voided"], transaction });
          if (file?.voided) {
            const restored = await setCaseVoided(
              { id: actor.id, scopes: actor.scopes, ip: actor.ip },
              item.caseFileId,
              false,
              `卷宗评查“${review.title}”：调委会已更正。${note}`.slice(0, 200),
              transaction,
            );
            if (!restored.ok) return { ok: false as const, error: "notFound" as const };
          }
        }
        const stage: ReviewStage = "awaiting_score";
        await item.update(
          {
            stage,
            ...(correcting ? { correctionNote: note, mismatch: false } : {}),
            uploadedAt: new Date(),
            lockVersion: item.lockVersion + 1,
          },
          { transaction },
        );
        await audit(
          {
            actorUserId: actor.id,
            action: correcting ? "review_item.corrected" : "review_item.uploaded",
            targetType: "case_review_item",
            targetId: item.id,
            orgUnitId: item.orgUnitId,
            before,
            after: { stage, scans: added.map((a) => a.originalName) },
            reason: note || null,
            ip: actor.ip ?? null,
          },
          transaction,
        );
        if (correcting && item.reviewerUserId)
          await notify(
            item.reviewerUserId,
            "reviewCorrected",
            { title: review.title },
            { type: "case_review", id: review.id },
            transaction,
          );
        return { ok: true as const, stage };
      }, within),
    );
  } catch (error) {
    if (error instanceof AttachmentLimitError) return { ok: false, error: "tooMany" };
    if (error instanceof UploadStorageError) return { ok: false, error: "storage" };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The reviewer's side

export type ScoreInput = { grade: RubricGrade; comment: string; mismatch: boolean; reason: string; version: number };
export type ScoreError =
  | "notAssigned"
  | "ownFile"
  | "ownCommittee"
  | "closed"
  | "conflict"
  | "invalidLevel"
  | "incomplete"
  | "noScan"
  | "mismatchComment"
  | "returnNeedsComment"
  | "reasonRequired";

/** The admins over a committee who hear that its file came back: those on the committee and on the node above it. */
async function committeeAdmins(orgPath: string, transaction: Transaction) {
  const ids = pathIds(orgPath).slice(-2);
  const grants = await RoleGrant.findAll({ where: { role: "bureau_admin", orgUnitId: ids }, attributes: ["userId"], transaction });
  return [...new Set(grants.map((g) => g.userId))];
}

/**
 * The reviewer named on the file scores it on the review's rubric (a scan must be in), or marks it
 * 与台账不符 with a comment (then the register file is voided and drops out of the figures). Refused
 * for anyone not named on it, and — checked again now, since a register correction may have added
 * them — for the reviewer's own file or a file of their committee. Under the pass line the file goes
 * back to the committee with the comments. Changing a result already given needs a reason; every
 * change is audited with the grade before and after.
 */
export async function scoreItem(
  actor: ItemActor,
  id: number,
  input: ScoreInput,
  within?: Transaction,
): Promise<{ ok: true; stage: ReviewStage; score: number | null } | { ok: false; error: ScoreError }> {
  return inTransaction(async (transaction) => {
    const item =
      Number.isSafeInteger(id) && id > 0 ? await CaseReviewItem.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE }) : null;
    if (!item || item.reviewerUserId !== actor.id) return { ok: false as const, error: "notAssigned" as const };
    const review = (await CaseReview.findByPk(item.reviewId, { transaction }))!;
    const conflict = conflictOf(
      (await reviewerFacts([actor.id], transaction)).get(actor.id)!,
      (await fileFacts([item.caseFileId], transaction)).get(item.caseFileId)!,
    );
    if (conflict) return { ok: false as const, error: conflict };
    if (review.state !== "open") return { ok: false as const, error: "closed" as const };
    if (item.lockVersion !== input.version) return { ok: false as const, error: "conflict" as const };
    const scored = scoreOf(review.rubric, input.grade);
    if (!scored) return { ok: false as const, error: "invalidLevel" as const };
    const comments = input.comment || Object.values(input.grade).some((g) => g.comment);
    const redo = item.scoredAt !== null && item.stage !== "awaiting_score";
    if (redo && !input.reason) return { ok: false as const, error: "reasonRequired" as const };
    let stage: ReviewStage;
    let score: number | null;
    if (input.mismatch) {
      if (!input.comment) return { ok: false as const, error: "mismatchComment" as const };
      stage = "mismatch";
      score = null;
    } else {
      const scans = await Attachment.count({ where: { ownerKind: "case_file", ownerId: item.caseFileId }, transaction });
      if (!scans) return { ok: false as const, error: "noScan" as const };
      if (!scored.complete) return { ok: false as const, error: "incomplete" as const };
      score = scored.score;
      stage = score >= review.passLine ? "passed" : "returned";
      if (stage === "returned" && !comments) return { ok: false as const, error: "returnNeedsComment" as const };
    }
    // The review's authority over its subtree voids or restores the register file.
    const authority = { id: actor.id, scopes: [scopeFromPath(review.orgUnitId, review.orgPath)], ip: actor.ip };
    const file = (await CaseFile.findByPk(item.caseFileId, { attributes: ["id", "voided"], transaction }))!;
    if (input.mismatch && !file.voided) {
      const voided = await setCaseVoided(
        authority,
        file.id,
        true,
        `卷宗评查“${review.title}”：${input.comment}`.slice(0, 200),
        transaction,
      );
      if (!voided.ok) return { ok: false as const, error: "notAssigned" as const };
    } else if (!input.mismatch && item.mismatch && file.voided) {
      const restored = await setCaseVoided(
        authority,
        file.id,
        false,
        `卷宗评查“${review.title}”：评查人撤销“与台账不符”认定。${input.reason}`.slice(0, 200),
        transaction,
      );
      if (!restored.ok) return { ok: false as const, error: "notAssigned" as const };
    }
    const before = {
      stage: item.stage,
      score: item.score ?? null,
      mismatch: Boolean(item.mismatch),
      grade: item.grade ?? null,
      comment: item.comment ?? null,
    };
    await item.update(
      {
        grade: input.grade,
        score,
        comment: input.comment || null,
        mismatch: input.mismatch,
        stage,
        scoredAt: new Date(),
        rounds: redo ? item.rounds : item.rounds + 1,
        lockVersion: item.lockVersion + 1,
      },
      { transaction },
    );
    await audit(
      {
        actorUserId: actor.id,
        action: redo ? "review_item.rescored" : "review_item.scored",
        targetType: "case_review_item",
        targetId: item.id,
        orgUnitId: item.orgUnitId,
        before,
        after: { stage, score, mismatch: input.mismatch, grade: input.grade, comment: input.comment || null },
        reason: input.reason || null,
        ip: actor.ip ?? null,
      },
      transaction,
    );
    if (stage === "returned" || stage === "mismatch")
      for (const userId of await committeeAdmins(item.orgPath, transaction))
        await notify(
          userId,
          stage === "mismatch" ? "reviewMismatch" : "reviewReturned",
          { title: review.title, score: score ?? 0, pass: review.passLine },
          { type: "case_review_item", id: item.id },
          transaction,
        );
    return { ok: true as const, stage, score };
  }, within);
}
