import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { findEvent } from "~/.server/events/events";
import { requireAccess, requireCan } from "~/.server/web/guards";
import { addMaterials } from "~/.server/events/materials";
import { tooLargeError } from "~/.server/uploads";
import { filesFrom, readMultipart } from "~/.server/web/uploads";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("nav.events");

/** Organisers upload materials; the form lives on the event's edit page. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, target } = await requireAccess(request, "event:read", (user) => findEvent(user, params.id));
  requireCan(user, "event:run", target);
  const { event } = target;
  const form = await readMultipart(request);
  if (!form) return data({ error: tooLargeError }, { status: 413 });
  const result = await addMaterials(event, await filesFrom(form), user.id);
  if (!result.ok) throw redirect(`/events/${event.id}/edit?materialError=${encodeURIComponent(result.error)}`);
  throw redirect(`/events/${event.id}`);
}

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/events/${params.id}`);
}
