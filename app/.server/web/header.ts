import { redirect } from "@remix-run/node";
import { appTimeZone } from "~/lib/dates";
import { isExpertAccount } from "../experts/consultations";
import { i18next } from "../i18n";
import { unreadCount } from "../notifications";
import { rosterEntryOf } from "../workspace";
import { navFor } from "../workspace/nav";
import { getCurrentUser } from "./session";

/** The pages a user with a one-time password may open before changing it. */
const BEFORE_PASSWORD_CHANGE = new Set(["/account/password", "/logout"]);

/**
 * What every page's header needs (the root loader): the language, and for a signed-in user their
 * name, units, the menu items their grants allow (decided from the permission table) and the
 * unread count. A user who must change a one-time password is sent to do so from every page.
 */
export async function headerData(request: Request) {
  const [user, locale] = await Promise.all([getCurrentUser(request), i18next.getLocale(request)]);
  // The zone every time on a page is shown in: the server's APP_TIME_ZONE, the same in the browser.
  const timeZone = appTimeZone();
  if (!user) return { locale, timeZone, user: null };
  if (user.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(new URL(request.url).pathname)) throw redirect("/account/password");
  const [entry, unread, expert] = await Promise.all([rosterEntryOf(user.id), unreadCount(user.id), isExpertAccount(user.id)]);
  return {
    locale,
    timeZone,
    user: {
      displayName: user.displayName,
      units: [...new Set(user.grants.map((g) => g.orgName))],
      nav: user.mustChangePassword ? null : navFor(user, Boolean(entry), expert),
      unread,
    },
  };
}
