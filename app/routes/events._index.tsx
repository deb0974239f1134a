import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/.server/access";
import { requireAccess } from "~/.server/web/guards";
import { EventRegistration } from "~/.server/db/models";
import { visibleEvents } from "~/.server/events/events";
import { MonthCalendar } from "~/components/MonthCalendar";
import { chinaDayOf, formatDate, isoOrNull, todayInChina, dateFormat } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";
import { useTimeZone } from "~/utils/time-zone";

export const meta = pageTitle("events.title");

/** Signed-in users: events for their area (mediators) or that they organise (trainers, admins). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAccess(request, "event:read");
  const url = new URL(request.url);
  const askedView = url.searchParams.get("view");
  const view = askedView === "month" ? "month" : askedView === "past" ? "past" : "list";
  const asked = url.searchParams.get("month");
  const month = asked && /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? asked : todayInChina().slice(0, 7);
  // The list shows events not yet ended, 往期 those ended (latest first), the month view the whole chosen month.
  const from = view === "month" ? new Date(`${month}-01T00:00:00+08:00`) : new Date();
  const events = await visibleEvents(user, from, { past: view === "past" });
  const mine = await EventRegistration.findAll({ where: { userId: user.id, eventId: events.map((e) => e.id) } });
  // A stored start that is no date (written before dates were parsed strictly) lists as "invalid date", never a 500.
  const day = (d: Date) => chinaDayOf(d) ?? "";
  return {
    view,
    month,
    calendar: events.filter((e) => day(e.startsAt).startsWith(month)).map((e) => ({ id: e.id, title: e.title, day: day(e.startsAt) })),
    canCreate: can(user, "event:create"),
    canReport: can(user, "event:report"),
    events: events.map((e) => ({
      id: e.id,
      title: e.title,
      form: e.form,
      startsAt: isoOrNull(e.startsAt),
      place: e.place,
      hours: e.hours,
      status: mine.find((r) => r.eventId === e.id)?.status ?? null,
      attended: Boolean(mine.find((r) => r.eventId === e.id)?.attendedAt),
    })),
  };
}

export default function Events() {
  const { t, i18n } = useTranslation();
  const { events, canCreate, canReport, view, month, calendar } = useLoaderData<typeof loader>();
  const timeZone = useTimeZone();
  const when = dateFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone });
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold text-brand-800">{t("events.title")}</h1>
        <div className="flex gap-2">
          {canReport ? (
            <Link to="/events/report" className="rounded-md bg-white px-3 py-2 text-sm ring-1 ring-stone-300">
              {t("events.report")}
            </Link>
          ) : null}
          {canCreate ? (
            <Link to="/events/new" className="rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white">
              {t("events.new")}
            </Link>
          ) : null}
        </div>
      </div>
      <nav aria-label={t("events.views")} className="flex gap-2 text-sm">
        <Link
          to="?view=list"
          aria-current={view === "list" ? "page" : undefined}
          className={`rounded px-3 py-2 ${view === "list" ? "bg-brand-700 text-white" : "bg-white ring-1 ring-stone-300"}`}
        >
          {t("events.listView")}
        </Link>
        <Link
          to="?view=past"
          aria-current={view === "past" ? "page" : undefined}
          className={`rounded px-3 py-2 ${view === "past" ? "bg-brand-700 text-white" : "bg-white ring-1 ring-stone-300"}`}
        >
          {t("events.pastView")}
        </Link>
        <Link
          to={`?view=month&month=${month}`}
          aria-current={view === "month" ? "page" : undefined}
          className={`rounded px-3 py-2 ${view === "month" ? "bg-brand-700 text-white" : "bg-white ring-1 ring-stone-300"}`}
        >
          {t("events.monthView")}
        </Link>
      </nav>
      {view === "month" ? <MonthCalendar month={month} events={calendar} /> : null}
      {view === "list" && events.length === 0 ? <p className="text-stone-600">{t("events.none")}</p> : null}
      {view === "past" && events.length === 0 ? <p className="text-stone-600">{t("events.nonePast")}</p> : null}
      <ul className={view === "month" ? "hidden" : "space-y-3"}>
        {events.map((e) => (
          <li key={e.id} className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
            <Link to={`/events/${e.id}`} className="text-lg font-semibold text-brand-700 underline-offset-2 hover:underline">
              {e.title}
            </Link>
            <p className="text-sm text-stone-600">
              {formatDate(when, e.startsAt, t("harden.invalidDate"))} · {t(`trainingForm.${e.form}`)} · {e.hours} {t("training.hoursUnit")}
            </p>
            <p className="text-sm text-stone-600">{e.place}</p>
            {e.status ? (
              <p className="mt-1 text-sm font-medium text-brand-800">
                {e.attended ? t("events.attended") : t(`events.registration.${e.status}`)}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
