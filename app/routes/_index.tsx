import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fixedT } from "~/.server/web/fixed-t";
import { getCurrentUser } from "~/.server/web/session";
import { unreadNotifications } from "~/.server/notifications";
import { getOverview } from "~/.server/overview";
import { now } from "~/.server/clock";
import { workspaceFor } from "~/.server/workspace";
import { AdminSection, MediatorSection, Messages, TrainerSection } from "~/components/Workspace";
import { RoundsSection } from "~/components/RoundsWorkspace";
import { localeOf, message, titled } from "~/lib/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  titled(localeOf(matches), data?.workspace ? message(localeOf(matches), "workspace.title") : null),
  { name: "description", content: data?.description ?? "" },
];

/**
 * Public: the home page explains the portal to a newcomer. Signed in, "/" is the person's
 * workspace instead — a section per grant they hold — with their unread messages.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const t = await fixedT(request);
  const user = await getCurrentUser(request);
  if (user) {
    const [workspace, notifications] = await Promise.all([workspaceFor(user, now()), unreadNotifications(user.id)]);
    return { workspace, notifications, name: user.displayName, description: t("home.lead"), overview: null };
  }
  return { workspace: null, notifications: [], name: null, description: t("home.lead"), overview: await getOverview() };
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  return data.workspace ? <WorkspacePage data={data} /> : <Brochure overview={data.overview!} />;
}

function WorkspacePage({ data }: { data: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const { t } = useTranslation();
  const w = data.workspace!;
  const none = !w.mediator && !w.trainer && !w.admin;
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold text-brand-800">{t("workspace.greeting", { name: data.name })}</h1>
      <Messages messages={data.notifications} />
      {w.mediator ? <MediatorSection w={w.mediator} /> : null}
      {w.trainer ? <TrainerSection w={w.trainer} /> : null}
      {w.admin ? <AdminSection w={w.admin} /> : null}
      {w.rounds ? <RoundsSection w={w.rounds} /> : null}
      {none ? (
        <p className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
          {t("workspace.nothing")}{" "}
          <Link to="/courses" className="text-brand-700 underline">
            {t("nav.courses")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}

const AUDIENCES = ["mediator", "trainer", "bureau"] as const;

function Brochure({ overview }: { overview: Awaited<ReturnType<typeof getOverview>> }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-10">
      <section className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-stone-200 sm:p-10">
        <h1 className="text-3xl font-bold text-brand-800 sm:text-4xl">{t("home.title")}</h1>
        <p className="mt-4 text-lg font-medium text-stone-800">{t("home.lead")}</p>
        <p className="mt-4 leading-relaxed text-stone-700">{t("home.intro")}</p>
      </section>

      <section aria-labelledby="audiences">
        <h2 id="audiences" className="text-xl font-bold text-stone-900">
          {t("home.audiences.title")}
        </h2>
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
        <h2 id="overview" className="text-lg font-semibold text-brand-800">
          {t("home.stats.title")}
        </h2>
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
        <h2 id="scope" className="text-lg font-semibold text-stone-900">
          {t("home.scope.title")}
        </h2>
        <p className="mt-2 text-stone-700">{t("home.scope.text")}</p>
      </section>
    </div>
  );
}
