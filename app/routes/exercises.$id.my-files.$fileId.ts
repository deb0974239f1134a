import type { LoaderFunctionArgs } from "@remix-run/node";
import { submissionHolding } from "~/.server/exercises/submissions";
import { serveAttachment } from "~/.server/web/attachments";

/** A file of a submission to this exercise, for its author (and, once submitted, its graders, as on the grading page). */
export const loader = async ({ request, params }: LoaderFunctionArgs) =>
  serveAttachment(request, "submission", await submissionHolding(Number(params.id), Number(params.fileId)), params.fileId);
