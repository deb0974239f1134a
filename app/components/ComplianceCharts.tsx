import { useSyncExternalStore, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, XAxis, YAxis } from "recharts";

/**
 * The dashboard's charts, each with the same figures in a table for screen readers, printing and
 * phones without JavaScript. Recharts draws only in the browser, after hydration: its generated ids
 * and measured legend differ between server and client (React #418/#423/#425), so the server sends
 * an empty box of the chart's exact size and the page does not move when the chart appears.
 */

const CHART_WIDTH = 340;

const noSubscription = () => () => {};

/** False on the server and during hydration (the server's snapshot), true once hydrated in the browser. */
function useMounted() {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

function ChartFigure({
  caption,
  chart,
  height,
  head,
  rows,
}: {
  caption: string;
  chart: () => ReactNode;
  height: number;
  head: string[];
  rows: (string | number)[][];
}) {
  const mounted = useMounted();
  return (
    <figure className="min-w-0 space-y-2 rounded-lg bg-white p-3 ring-1 ring-stone-200">
      <figcaption className="font-semibold text-brand-800">{caption}</figcaption>
      <div aria-hidden className="max-w-full overflow-x-auto">
        <div data-chart={mounted ? "drawn" : "placeholder"} style={{ width: CHART_WIDTH, height }}>
          {mounted ? chart() : null}
        </div>
      </div>
      {/* The figures' table scrolls sideways on a phone: a named region the keyboard can reach and scroll. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div role="region" aria-label={caption} tabIndex={0} className="max-w-full overflow-x-auto">
        <table className="w-full whitespace-nowrap text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              {head.map((h, i) => (
                <th key={h} scope="col" className={`${i ? "text-right" : "text-left"} pr-3`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={String(row[0])} className="border-t border-stone-100">
                {row.map((cell, i) => (
                  <td key={i} className={`${i ? "text-right" : ""} pr-3`}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

const GREEN = "#1f6f5c";
const AMBER = "#c98a1b";

export function MonthlyTrend({ months }: { months: { month: number; records: number; hours: number }[] }) {
  const { t } = useTranslation();
  const data = months.map((m) => ({ label: t("compliance.charts.monthLabel", { month: m.month }), records: m.records, hours: m.hours }));
  return (
    <ChartFigure
      caption={t("compliance.charts.monthly")}
      height={200}
      chart={() => (
        <BarChart width={CHART_WIDTH} height={200} data={data} margin={{ top: 8, right: 8, bottom: 8, left: -12 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 10 }} interval={0} />
          <YAxis allowDecimals={false} tick={{ fontSize: 10 }} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          <Bar dataKey="records" name={t("compliance.figure.records")} fill={GREEN} isAnimationActive={false} />
          <Bar dataKey="hours" name={t("compliance.figure.hours")} fill={AMBER} isAnimationActive={false} />
        </BarChart>
      )}
      head={[t("compliance.charts.month"), t("compliance.figure.records"), t("compliance.figure.hours")]}
      rows={data.map((d) => [d.label, d.records, d.hours])}
    />
  );
}

export function FormBreakdown({ forms }: { forms: { form: string; records: number; hours: number }[] }) {
  const { t } = useTranslation();
  const data = forms.map((f) => ({ label: t(`trainingForm.${f.form}`, { defaultValue: f.form }), records: f.records, hours: f.hours }));
  const height = Math.max(120, 28 * data.length + 40);
  return (
    <ChartFigure
      caption={t("compliance.charts.forms")}
      height={height}
      chart={() => (
        <BarChart width={CHART_WIDTH} height={height} data={data} layout="vertical" margin={{ top: 8, right: 8, bottom: 8, left: 24 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 10 }} />
          <YAxis type="category" dataKey="label" tick={{ fontSize: 11 }} width={72} />
          <Bar dataKey="records" name={t("compliance.figure.records")} fill={GREEN} isAnimationActive={false} />
        </BarChart>
      )}
      head={[t("compliance.charts.form"), t("compliance.figure.records"), t("compliance.figure.hours")]}
      rows={data.map((d) => [d.label, d.records, d.hours])}
    />
  );
}

type Group = { employment: string; active: number; coverage: number | null; compliantShare: number | null; perCapita: number | null };

export function EmploymentBreakdown({ groups }: { groups: Group[] }) {
  const { t } = useTranslation();
  const data = groups.map((g) => ({
    label: t(`employment.${g.employment}`),
    coverage: g.coverage ?? 0,
    compliantShare: g.compliantShare ?? 0,
  }));
  const shown = (v: number | null, unit = "%") => (v === null ? "—" : `${v}${unit}`);
  return (
    <ChartFigure
      caption={t("compliance.charts.employment")}
      height={200}
      chart={() => (
        <BarChart width={CHART_WIDTH} height={200} data={data} margin={{ top: 8, right: 8, bottom: 8, left: -12 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} />
          <YAxis domain={[0, 100]} tick={{ fontSize: 10 }} unit="%" />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          <Bar dataKey="coverage" name={t("compliance.figure.coverage")} fill={GREEN} isAnimationActive={false} />
          <Bar dataKey="compliantShare" name={t("compliance.figure.compliantShare")} fill={AMBER} isAnimationActive={false} />
        </BarChart>
      )}
      head={[
        t("compliance.charts.employmentCol"),
        t("compliance.figure.active"),
        t("compliance.figure.coverage"),
        t("compliance.figure.compliantShare"),
        t("compliance.figure.perCapita"),
      ]}
      rows={groups.map((g) => [
        t(`employment.${g.employment}`),
        g.active,
        shown(g.coverage),
        shown(g.compliantShare),
        shown(g.perCapita, ""),
      ])}
    />
  );
}
