import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";

/**
 * Submissions per tenth of the maximum score, as a bar chart (Recharts, fixed size so it renders on
 * the server too) with the same figures in a table for screen readers and printing.
 */
export function ScoreDistribution({ buckets }: { buckets: { from: number; to: number; count: number }[] }) {
  const { t } = useTranslation();
  const data = buckets.map((b) => ({ label: `${b.from}`, count: b.count }));
  return (
    <figure className="space-y-2">
      <div aria-hidden className="overflow-x-auto">
        <BarChart width={340} height={200} data={data} margin={{ top: 8, right: 8, bottom: 8, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Bar dataKey="count" fill="#1f6f5c" isAnimationActive={false} />
        </BarChart>
      </div>
      <figcaption className="text-sm text-stone-600">{t("exercise.report.chartCaption")}</figcaption>
      <table className="text-sm">
        <caption className="sr-only">{t("exercise.report.chartCaption")}</caption>
        <thead>
          <tr>
            <th className="pr-4 text-left">{t("exercise.report.range")}</th>
            <th className="text-right">{t("exercise.report.count")}</th>
          </tr>
        </thead>
        <tbody>
          {buckets.map((b) => (
            <tr key={b.from}>
              <td className="pr-4">{`${b.from}%–${b.to}%`}</td>
              <td className="text-right">{b.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
