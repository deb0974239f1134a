import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { destroySession } from "~/.server/web/session";

/** POST /logout ends this browser's session. Open to anyone: signing out needs no rights. */
export async function action({ request }: ActionFunctionArgs) {
  throw redirect("/", { headers: { "Set-Cookie": await destroySession(request) } });
}

export function loader() {
  return redirect("/");
}
