import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireVisibleEvent } from "~/.server/events/access";
import { eventIcs } from "~/.server/events/ics";

/** The event as an .ics file, for whoever may see the event. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await requireVisibleEvent(request, params.id);
  return new Response(eventIcs(event, new URL(request.url).hostname), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="event-${event.id}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
