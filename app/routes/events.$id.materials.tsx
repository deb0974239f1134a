import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { forbidden } from "~/.server/auth/guards";
import { requireVisibleEvent } from "~/.server/events/access";
import { addMaterials } from "~/.server/events/materials";
import { filesFrom, readMultipart, tooLargeError } from "~/.server/uploads";

/** Organisers upload materials; the form lives on the event's edit page. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { event, organiser } = await requireVisibleEvent(request, params.id);
  if (!organiser) throw forbidden();
  const form = await readMultipart(request);
  if (!form) return data({ error: tooLargeError }, { status: 413 });
  const result = await addMaterials(event, await filesFrom(form));
  if (!result.ok) throw redirect(`/events/${event.id}/edit?materialError=${encodeURIComponent(result.error)}`);
  throw redirect(`/events/${event.id}`);
}

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/events/${params.id}`);
}
