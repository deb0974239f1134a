import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { dateFormat } from "~/lib/dates";

type CalendarEvent = { id: number; title: string; day: string };

/** A month grid (Monday first) with each day's events; days are YYYY-MM-DD in China time. */
export function MonthCalendar({ month, events }: { month: string; events: CalendarEvent[] }) {
  const { t, i18n } = useTranslation();
  const [year, m] = month.split("-").map(Number);
  const first = new Date(Date.UTC(year, m - 1, 1));
  const daysInMonth = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: (number | null)[] = [...Array(lead).fill(null), ...Array.from({ length: daysInMonth }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const weekday = dateFormat(i18n.language, { weekday: "narrow", timeZone: "UTC" });
  const monday = Date.UTC(2024, 0, 1);
  const shift = (delta: number) => {
    const d = new Date(Date.UTC(year, m - 1 + delta, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  };
  return (
    <section aria-label={t("events.monthView")} className="space-y-2">
      <div className="flex items-center justify-between">
        <Link to={`?view=month&month=${shift(-1)}`} className="flex min-h-11 items-center px-3 text-brand-700 underline">
          ← {t("events.prevMonth")}
        </Link>
        <h2 className="font-semibold">{t("events.monthTitle", { year, month: m })}</h2>
        <Link to={`?view=month&month=${shift(1)}`} className="flex min-h-11 items-center px-3 text-brand-700 underline">
          {t("events.nextMonth")} →
        </Link>
      </div>
      {/* On a phone a grid cell is too narrow for a title: the month's events as a list instead. */}
      <ol className="space-y-2 sm:hidden" data-testid="month-list">
        {events.length === 0 ? <li className="text-sm text-stone-600">{t("events.noneInMonth")}</li> : null}
        {[...events]
          .sort((a, b) => a.day.localeCompare(b.day))
          .map((e) => (
            <li key={e.id} className="flex gap-3 rounded-lg bg-white p-3 text-sm ring-1 ring-stone-200">
              <span className="shrink-0 text-stone-500">{t("events.dayOfMonth", { day: Number(e.day.slice(8, 10)) })}</span>
              <Link to={`/events/${e.id}`} className="min-w-0 break-words text-brand-700 underline">
                {e.title}
              </Link>
            </li>
          ))}
      </ol>
      <div className="hidden grid-cols-7 gap-px overflow-hidden rounded-lg bg-stone-200 text-xs ring-1 ring-stone-200 sm:grid">
        {Array.from({ length: 7 }, (_, i) => (
          <div key={i} className="bg-stone-100 p-1 text-center font-medium">
            {weekday.format(new Date(monday + i * 86_400_000))}
          </div>
        ))}
        {cells.map((day, i) => {
          const key = day ? `${month}-${String(day).padStart(2, "0")}` : null;
          const todays = key ? events.filter((e) => e.day === key) : [];
          return (
            <div key={i} className="min-h-16 bg-white p-1">
              {day ? <span className="text-stone-500">{day}</span> : null}
              {todays.map((e) => (
                <Link
                  key={e.id}
                  to={`/events/${e.id}`}
                  className="mt-0.5 block truncate rounded bg-brand-50 px-1 text-brand-800"
                  title={e.title}
                >
                  {e.title}
                </Link>
              ))}
            </div>
          );
        })}
      </div>
    </section>
  );
}
