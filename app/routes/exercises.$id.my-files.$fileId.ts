import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireAccess } from "~/.server/web/guards";
import { ExerciseSubmission, SubmissionFile } from "~/.server/db/models";
import { uploadResponse } from "~/.server/web/uploads";

/** A file of the signed-in user's own submission to this exercise. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const exerciseId = Number(params.id);
  const fileId = Number(params.fileId);
  const { target: mine } = await requireAccess(request, "submission:own", async (user) => {
    const found = Number.isSafeInteger(exerciseId) ? await ExerciseSubmission.findOne({ where: { exerciseId, userId: user.id }, attributes: ["id", "userId"] }) : null;
    return found && { id: found.id, ownerId: found.userId };
  });
  const file = Number.isSafeInteger(fileId) ? await SubmissionFile.findOne({ where: { id: fileId, submissionId: mine.id } }) : null;
  const response = file ? uploadResponse(file) : null;
  if (!response) throw notFound();
  return response;
}
