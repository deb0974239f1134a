import {
  MaxPartSizeExceededError,
  data,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { forbidden } from "~/.server/auth/guards";
import { requireVisibleEvent } from "~/.server/events/access";
import { addMaterials } from "~/.server/events/materials";
import { filesFrom } from "~/.server/uploads";
import { MAX_FILE_BYTES } from "~/lib/training-log";

/** Organisers upload materials; the form lives on the event's edit page. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { event, organiser } = await requireVisibleEvent(request, params.id);
  if (!organiser) throw forbidden();
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_FILE_BYTES + 1 }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return data({ error: `training.fileTooLarge|${MAX_FILE_BYTES / 1024 / 1024}` }, { status: 413 });
    throw error;
  }
  const result = await addMaterials(event, await filesFrom(form));
  if (!result.ok) throw redirect(`/events/${event.id}/edit?materialError=${encodeURIComponent(result.error)}`);
  throw redirect(`/events/${event.id}`);
}

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/events/${params.id}`);
}
