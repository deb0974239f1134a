import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { i18next } from "~/.server/i18n";
import { getCurrentUser } from "~/.server/web/session";
import { unreadNotifications } from "~/.server/notifications";
import { getOverview } from "~/.server/overview";
import { notificationLink } from "~/lib/notifications";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { name: "description", content: data?.description ?? "" },
];

/** Public: the home page explains the portal to a newcomer; a signed-in user also sees their unread messages. */
export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18next.getFixedT(request);
  const user = await getCurrentUser(request);
  return { overview: await getOverview(), description: t("home.lead"), notifications: user ? await unreadNotifications(user.id) : [] };
}

const AUDIENCES = ["mediator", "trainer", "bureau"] as const;
/** The page builds each message's link from what it is about. */
const link = (n: { subject: { type: string | null; id: string | null } }) => notificationLink(n.subject);

export default function Home() {
  const { t } = useTranslation();
  const { overview, notifications } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-10">
      {notifications.length ? (
        <section aria-labelledby="notifications" className="rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200">
          <h2 id="notifications" className="font-semibold text-amber-900">{t("notification.title")}</h2>
          <ul className="mt-2 space-y-2">
            {notifications.map((n) => (
              <li key={n.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                <span>{link(n) ? <Link to={link(n)!} className="underline">{t(`notification.${n.kind}`, n.params)}</Link> : t(`notification.${n.kind}`, n.params)}</span>
                <Form method="post" action={`/notifications/${n.id}`}>
                  <button type="submit" className="min-h-11 rounded border border-amber-700 px-3 text-amber-900">{t("notification.markRead")}</button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-stone-200 sm:p-10">
        <h1 className="text-3xl font-bold text-brand-800 sm:text-4xl">{t("home.title")}</h1>
        <p className="mt-4 text-lg font-medium text-stone-800">{t("home.lead")}</p>
        <p className="mt-4 leading-relaxed text-stone-700">{t("home.intro")}</p>
      </section>

      <section aria-labelledby="audiences">
        <h2 id="audiences" className="text-xl font-bold text-stone-900">{t("home.audiences.title")}</h2>
        <div className="mt-4 grid gap-4 md:grid-cols-3">
          {AUDIENCES.map((who) => (
            <article key={who} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-stone-200">
              <h3 className="text-lg font-semibold text-brand-700">{t(`home.audiences.${who}.title`)}</h3>
              <ul className="mt-3 list-disc space-y-2 pl-5 text-stone-700">
                {(t(`home.audiences.${who}.items`, { returnObjects: true }) as string[]).map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </article>
          ))}
        </div>
      </section>

      <section aria-labelledby="overview" className="rounded-lg bg-brand-50 p-5 ring-1 ring-brand-100">
        <h2 id="overview" className="text-lg font-semibold text-brand-800">{t("home.stats.title")}</h2>
        <dl className="mt-3 grid grid-cols-3 gap-3 text-center">
          {(["orgUnits", "committees", "mediators"] as const).map((key) => (
            <div key={key} className="flex flex-col-reverse rounded bg-white p-3">
              <dt className="text-sm text-stone-600">{t(`home.stats.${key}`)}</dt>
              <dd className="text-2xl font-bold text-brand-700">{overview[key]}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="scope">
        <h2 id="scope" className="text-lg font-semibold text-stone-900">{t("home.scope.title")}</h2>
        <p className="mt-2 text-stone-700">{t("home.scope.text")}</p>
      </section>
    </div>
  );
}
