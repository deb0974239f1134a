import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/.server/auth/guards";
import { markRead } from "~/.server/notifications";

/** Marks one of the signed-in user's own messages read, then back to the home page. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await markRead(user.id, Number(params.id));
  throw redirect("/");
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return redirect("/");
}
