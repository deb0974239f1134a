import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/.server/auth/guards";
import { EventRegistration } from "~/.server/db/models";
import { organiserScopes, visibleEvents } from "~/.server/events/events";
import { scopesOf } from "~/.server/auth/guards";

/** Signed-in users: events for their area (mediators) or that they organise (trainers, admins). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const events = await visibleEvents(user, new Date(Date.now() - 30 * 86_400_000));
  const mine = await EventRegistration.findAll({ where: { userId: user.id, eventId: events.map((e) => e.id) } });
  return {
    canCreate: organiserScopes(user).length > 0,
    canReport: scopesOf(user, "bureau_admin").length > 0,
    events: events.map((e) => ({
      id: e.id,
      title: e.title,
      form: e.form,
      startsAt: e.startsAt.toISOString(),
      place: e.place,
      hours: e.hours,
      status: mine.find((r) => r.eventId === e.id)?.status ?? null,
      attended: Boolean(mine.find((r) => r.eventId === e.id)?.attendedAt),
    })),
  };
}

export default function Events() {
  const { t, i18n } = useTranslation();
  const { events, canCreate, canReport } = useLoaderData<typeof loader>();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" });
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold text-brand-800">{t("events.title")}</h1>
        <div className="flex gap-2">
          {canReport ? <Link to="/events/report" className="rounded-md bg-white px-3 py-2 text-sm ring-1 ring-stone-300">{t("events.report")}</Link> : null}
          {canCreate ? <Link to="/events/new" className="rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white">{t("events.new")}</Link> : null}
        </div>
      </div>
      {events.length === 0 ? <p className="text-stone-600">{t("events.none")}</p> : null}
      <ul className="space-y-3">
        {events.map((e) => (
          <li key={e.id} className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
            <Link to={`/events/${e.id}`} className="text-lg font-semibold text-brand-700 underline-offset-2 hover:underline">{e.title}</Link>
            <p className="text-sm text-stone-600">{when.format(new Date(e.startsAt))} · {t(`trainingForm.${e.form}`)} · {e.hours} {t("training.hours")}</p>
            <p className="text-sm text-stone-600">{e.place}</p>
            {e.status ? <p className="mt-1 text-sm font-medium text-brand-800">{e.attended ? t("events.attended") : t(`events.registration.${e.status}`)}</p> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
