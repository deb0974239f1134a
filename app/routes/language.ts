import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { localeCookie } from "~/.server/i18n";
import { isLocale } from "~/i18n";
import { safeRedirectPath } from "~/utils/redirect";
import { readFormData } from "~/.server/web/form";

/** POST /language: remember the chosen language in a cookie and go back. Public by design. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const lng = form.get("lng");
  const to = safeRedirectPath(form.get("redirectTo"));
  if (!isLocale(lng)) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": await localeCookie.serialize(lng) } });
}

export function loader() {
  return redirect("/");
}
