import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { findEvent } from "~/.server/events/events";
import { requireAccess } from "~/.server/web/guards";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("nav.events");

/** Materials are uploaded from the event's edit page (its action, intent "materials"); this address only leads back to the event. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = await requireAccess(request, "event:read", (user) => findEvent(user, params.id));
  return redirect(`/events/${target.event.id}`);
}
