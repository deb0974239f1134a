import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireAccess } from "~/.server/web/guards";
import { TrainingEventFile } from "~/.server/db/models";
import { findEvent } from "~/.server/events/events";
import { uploadResponse } from "~/.server/web/uploads";

/** A material of an event, for whoever may see the event. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = (await requireAccess(request, "event:read", (user) => findEvent(user, params.id))).target;
  const file = await TrainingEventFile.findOne({ where: { id: Number(params.fileId) || 0, eventId: event.id } });
  const response = file ? uploadResponse(file) : null;
  if (!response) throw notFound();
  return response;
}
