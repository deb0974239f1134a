import crypto from "node:crypto";
import { UniqueConstraintError } from "sequelize";
import { inTransaction } from "../db/connection";
import type { Target } from "../access";
import { AttachmentLimitError, ownerOf, withAttachments } from "../attachments";
import { Exercise, ExerciseSubmission, Mediator } from "../db/models";
import { UploadStorageError, uploadError, type Upload } from "../uploads";

export const MAX_FILES = 5;

export { submissionSchema } from "~/lib/exercise";

/** A short code graders see instead of the name while grading is anonymous. */
const anonCode = () => `A-${crypto.randomBytes(3).toString("hex").toUpperCase()}`;

/**
 * A mediator saves a draft or submits. Submitting after the due time is refused when the exercise
 * refuses late work, and marked late otherwise. A returned submission may be submitted again while
 * resubmissions remain; a submitted, graded or released one can no longer change. Files already
 * attached (saved with the draft) are not stored again when the same form is submitted.
 */
export async function saveSubmission(
  userId: number,
  exercise: Exercise,
  input: { body: string; intent: "draft" | "submit" },
  files: Upload[],
  at = new Date(),
): Promise<{ ok: true; submission: ExerciseSubmission } | { ok: false; field: "body" | "files" | "form"; error: string }> {
  const late = at > exercise.dueAt;
  if (input.intent === "submit" && late && exercise.latePolicy === "refuse")
    return { ok: false, field: "form", error: "exercise.lateRefused" };
  const existing = await ExerciseSubmission.findOne({ where: { exerciseId: exercise.id, userId } });
  if (existing && !["draft", "returned"].includes(existing.state)) return { ok: false, field: "form", error: "exercise.locked" };
  if (existing?.state === "returned" && input.intent === "submit" && existing.round > exercise.resubmissions) {
    return { ok: false, field: "form", error: "exercise.noResubmissions" };
  }
  const fileError = uploadError(files, { max: MAX_FILES });
  if (fileError) return { ok: false, field: "files", error: fileError };
  const mediator = await Mediator.findOne({ where: { userId }, attributes: ["id", "orgPath"] });
  if (!mediator) return { ok: false, field: "form", error: "exercise.notMediator" };
  const changed = new Error("changed meanwhile");
  try {
    // The files and their rows are written in the same transaction as the submission.
    const submission = await withAttachments((attach) =>
      inTransaction(async (transaction) => {
        // Locked and read again: submitted meanwhile (another tab, a double tap), it stays as it is.
        const current = existing ? await ExerciseSubmission.findByPk(existing.id, { transaction, lock: transaction.LOCK.UPDATE }) : null;
        if (current && (current.state !== existing?.state || current.round !== existing.round)) throw changed;
        const values = {
          body: input.body,
          state:
            input.intent === "submit"
              ? ("submitted" as const)
              : existing?.state === "returned"
                ? ("returned" as const)
                : ("draft" as const),
          ...(input.intent === "submit" ? { submittedAt: at, late } : {}),
          ...(input.intent === "submit" && existing?.state === "returned" ? { round: existing.round + 1 } : {}),
        };
        const row = current
          ? await current.update(values, { transaction })
          : await ExerciseSubmission.create(
              { exerciseId: exercise.id, userId, mediatorId: mediator.id, orgPath: mediator.orgPath, anonCode: anonCode(), ...values },
              { transaction },
            );
        await attach(transaction, { kind: "submission", id: row.id }, files, { max: MAX_FILES, uploadedBy: userId });
        return row;
      }),
    );
    return { ok: true, submission };
  } catch (error) {
    if (error instanceof UniqueConstraintError || error === changed) return { ok: false, field: "form", error: "exercise.locked" };
    if (error instanceof AttachmentLimitError || error instanceof UploadStorageError)
      return { ok: false, field: "files", error: error.error };
    throw error;
  }
}

/**
 * A submission's facts for the access table ("submission:read"): its author always; staff over the
 * mediator's node once it has been submitted (a draft is nobody's business but its author's).
 */
export async function submissionFacts(id: number): Promise<(Target & { submission: ExerciseSubmission }) | null> {
  const submission =
    Number.isSafeInteger(id) && id > 0
      ? await ExerciseSubmission.findByPk(id, { attributes: ["id", "exerciseId", "userId", "orgPath", "state"] })
      : null;
  return submission && { submission, ownerId: submission.userId, orgPath: submission.state === "draft" ? null : submission.orgPath };
}

/** The submission to this exercise that holds the attachment (the author's URL names the exercise, not the submission). */
export async function submissionHolding(exerciseId: number, attachmentId: number): Promise<number | null> {
  const submissionId = await ownerOf("submission", attachmentId);
  const found =
    submissionId && Number.isSafeInteger(exerciseId)
      ? await ExerciseSubmission.findOne({ where: { id: submissionId, exerciseId }, attributes: ["id"] })
      : null;
  return found?.id ?? null;
}
