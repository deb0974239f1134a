import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireAccess } from "~/.server/web/guards";
import type { TrainingLogFile } from "~/.server/db/models";
import { findLog } from "~/.server/training/logs";
import { uploadResponse } from "~/.server/web/uploads";

/** An evidence file, only for the log's author, its supervisor and admins over the mediator. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { log } = (await requireAccess(request, "log:read", () => findLog(params.id))).target;
  const file = (log.get("files") as TrainingLogFile[]).find((f) => f.id === Number(params.fileId));
  const response = file ? uploadResponse(file) : null;
  if (!response) throw notFound();
  return response;
}
