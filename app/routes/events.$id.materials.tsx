import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

/** Materials are uploaded from the event's edit page (its action, intent "materials"); this address only leads back to the event. */
export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/events/${params.id}`);
}
