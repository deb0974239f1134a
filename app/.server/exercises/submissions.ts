import crypto from "node:crypto";
import { UniqueConstraintError } from "sequelize";
import { z } from "zod";
import { inTransaction } from "../db/connection";
import { Exercise, ExerciseSubmission, Mediator, SubmissionFile } from "../db/models";
import { uploadError, withStoredUploads, type Upload } from "../uploads";

export const MAX_FILES = 5;

export const submissionSchema = z.object({
  body: z.string().trim().min(1, "exercise.bodyRequired").max(50_000, "validation.tooLong|50000"),
  intent: z.enum(["draft", "submit"]),
});

/** A short code graders see instead of the name while grading is anonymous. */
const anonCode = () => `A-${crypto.randomBytes(3).toString("hex").toUpperCase()}`;

/**
 * A mediator saves a draft or submits. Submitting after the due time is refused when the exercise
 * refuses late work, and marked late otherwise. A returned submission may be submitted again while
 * resubmissions remain; a submitted, graded or released one can no longer change.
 */
export async function saveSubmission(
  userId: number,
  exercise: Exercise,
  input: { body: string; intent: "draft" | "submit" },
  files: Upload[],
  at = new Date(),
): Promise<{ ok: true; submission: ExerciseSubmission } | { ok: false; field: "body" | "files" | "form"; error: string }> {
  const late = at > exercise.dueAt;
  if (input.intent === "submit" && late && exercise.latePolicy === "refuse") return { ok: false, field: "form", error: "exercise.lateRefused" };
  const existing = await ExerciseSubmission.findOne({ where: { exerciseId: exercise.id, userId }, include: ["files"] });
  if (existing && !["draft", "returned"].includes(existing.state)) return { ok: false, field: "form", error: "exercise.locked" };
  if (existing?.state === "returned" && input.intent === "submit" && existing.round > exercise.resubmissions) {
    return { ok: false, field: "form", error: "exercise.noResubmissions" };
  }
  const fileError = uploadError(files, { already: existing ? (existing.get("files") as SubmissionFile[]).length : 0, max: MAX_FILES });
  if (fileError) return { ok: false, field: "files", error: fileError };
  const mediator = await Mediator.findOne({ where: { userId }, attributes: ["id", "orgPath"] });
  if (!mediator) return { ok: false, field: "form", error: "exercise.notMediator" };
  try {
    // Files go to disk first; their rows are written in the same transaction as the submission.
    const submission = await withStoredUploads(files, (stored) =>
      inTransaction(async (transaction) => {
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
        const row = existing
          ? await existing.update(values, { transaction })
          : await ExerciseSubmission.create(
              { exerciseId: exercise.id, userId, mediatorId: mediator.id, orgPath: mediator.orgPath, anonCode: anonCode(), ...values },
              { transaction },
            );
        for (const file of stored) await SubmissionFile.create({ submissionId: row.id, ...file }, { transaction });
        return row;
      }),
    );
    return { ok: true, submission };
  } catch (error) {
    if (error instanceof UniqueConstraintError) return { ok: false, field: "form", error: "exercise.locked" };
    throw error;
  }
}
