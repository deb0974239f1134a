import type { LoaderFunctionArgs } from "@remix-run/node";
import { findEvent } from "~/.server/events/events";
import { notFound, requireAccess } from "~/.server/web/guards";
import { validDate } from "~/lib/dates";
import { eventIcs } from "~/.server/events/ics";

/** The event as an .ics file, for whoever may see the event. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = (await requireAccess(request, "event:read", (user) => findEvent(user, params.id))).target;
  // A stored time that is no date (written before dates were parsed strictly) has no calendar entry.
  if (!validDate(event.startsAt) || !validDate(event.endsAt)) throw notFound();
  return new Response(eventIcs(event, new URL(request.url).hostname), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="event-${event.id}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
