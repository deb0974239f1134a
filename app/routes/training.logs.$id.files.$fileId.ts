import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/.server/auth/guards";
import type { TrainingLogFile } from "~/.server/db/models";
import { requireVisibleLog } from "~/.server/training/access";
import { readUpload } from "~/.server/uploads";

/** An evidence file, only for the log's author, its supervisor and admins over the mediator. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { log } = await requireVisibleLog(request, params.id);
  const file = (log.get("files") as TrainingLogFile[]).find((f) => f.id === Number(params.fileId));
  const bytes = file ? readUpload(file.storedName) : null;
  if (!file || !bytes) throw notFound();
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": file.mime,
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
