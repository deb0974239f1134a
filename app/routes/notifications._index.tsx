import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { allNotifications } from "~/.server/notifications";
import { requireAccess } from "~/.server/web/guards";
import { DateTime } from "~/components/DateTime";
import { pageTitle } from "~/lib/meta";
import { notificationLink } from "~/lib/notifications";

export const meta = pageTitle("notification.all");

/** 全部消息: the signed-in user's own messages, read and unread, newest first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAccess(request, "account:self");
  return { messages: await allNotifications(user.id) };
}

export default function AllMessages() {
  const { t } = useTranslation();
  const { messages } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <Link to="/" className="text-sm text-brand-700 underline">
        {t("notification.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("notification.all")}</h1>
      {messages.length ? (
        <ul className="divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200">
          {messages.map((n) => {
            // The page builds the link from what the message is about.
            const to = notificationLink(n.subject);
            const text = t(`notification.${n.kind}`, n.params);
            return (
              <li key={n.id} className={`p-3 text-sm ${n.read ? "text-stone-600" : "font-medium text-stone-900"}`}>
                {n.read ? null : (
                  <span className="mr-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t("notification.unread")}</span>
                )}
                {to ? (
                  <Link to={to} className="break-words underline">
                    {text}
                  </Link>
                ) : (
                  <span className="break-words">{text}</span>
                )}
                <span className="block text-xs font-normal text-stone-500">
                  <DateTime value={n.createdAt} />
                </span>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-stone-600">{t("notification.none")}</p>
      )}
    </div>
  );
}
