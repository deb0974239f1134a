import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/.server/auth/guards";
import type { TrainingLogFile } from "~/.server/db/models";
import { requireVisibleLog } from "~/.server/training/access";
import { uploadResponse } from "~/.server/uploads";

/** An evidence file, only for the log's author, its supervisor and admins over the mediator. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { log } = await requireVisibleLog(request, params.id);
  const file = (log.get("files") as TrainingLogFile[]).find((f) => f.id === Number(params.fileId));
  const response = file ? uploadResponse(file) : null;
  if (!response) throw notFound();
  return response;
}
