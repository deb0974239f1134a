import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/.server/auth/guards";
import { TrainingEventFile } from "~/.server/db/models";
import { requireVisibleEvent } from "~/.server/events/access";
import { readUpload } from "~/.server/uploads";

/** A material of an event, for whoever may see the event. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await requireVisibleEvent(request, params.id);
  const file = await TrainingEventFile.findOne({ where: { id: Number(params.fileId) || 0, eventId: event.id } });
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
