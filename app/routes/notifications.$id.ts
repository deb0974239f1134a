import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/.server/web/guards";
import { markRead } from "~/.server/notifications";

/** Marks one of the signed-in user's own messages read, then back to the home page. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireAccess(request, "account:self");
  await markRead(user.id, Number(params.id));
  throw redirect("/");
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, "account:self");
  return redirect("/");
}
