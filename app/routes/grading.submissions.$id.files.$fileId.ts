import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireAccess } from "~/.server/web/guards";
import { SubmissionFile } from "~/.server/db/models";
import { submissionForGrading } from "~/.server/exercises/grading";
import { uploadResponse } from "~/.server/web/uploads";

/** A file of a submission, for graders whose subtree holds it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target: found } = await requireAccess(request, "exercise:grade", (_, scopes) => submissionForGrading(scopes, Number(params.id)));
  const fileId = Number(params.fileId);
  const file = Number.isSafeInteger(fileId) ? await SubmissionFile.findOne({ where: { id: fileId, submissionId: found.submission.id } }) : null;
  const response = file ? uploadResponse(file) : null;
  if (!response) throw notFound();
  return response;
}
