import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/.server/auth/guards";
import { TrainingEventFile } from "~/.server/db/models";
import { requireVisibleEvent } from "~/.server/events/access";
import { uploadResponse } from "~/.server/uploads";

/** A material of an event, for whoever may see the event. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await requireVisibleEvent(request, params.id);
  const file = await TrainingEventFile.findOne({ where: { id: Number(params.fileId) || 0, eventId: event.id } });
  const response = file ? uploadResponse(file) : null;
  if (!response) throw notFound();
  return response;
}
