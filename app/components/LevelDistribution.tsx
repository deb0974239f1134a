import { useTranslation } from "react-i18next";

type Distribution = { levels: { key: string; name: string }[]; total: number; counts: Record<string, number> };

export const share = (n: number, total: number) => (total ? Math.round((n / total) * 1000) / 10 : 0);

/**
 * A level distribution as horizontal bars (highest level first, 未定级 last), drawn with plain
 * elements so the server and the browser render the same thing, with the figures beside each bar.
 */
export function LevelDistribution({ distribution, caption }: { distribution: Distribution; caption: string }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...distribution.levels.map((l) => distribution.counts[l.key] ?? 0));
  return (
    <figure className="space-y-2">
      <table className="w-full text-sm">
        <caption className="mb-1 text-left text-stone-600">{caption}</caption>
        <thead className="sr-only">
          <tr>
            <th>{t("roundReport.level")}</th>
            <th>{t("roundReport.count")}</th>
            <th>{t("roundReport.share")}</th>
          </tr>
        </thead>
        <tbody>
          {distribution.levels.map((l) => {
            const n = distribution.counts[l.key] ?? 0;
            return (
              <tr key={l.key}>
                <th scope="row" className="w-28 py-1 pr-2 text-left font-normal">
                  {l.name}
                </th>
                <td className="py-1">
                  <span className="flex items-center gap-2">
                    <span
                      aria-hidden
                      className="inline-block h-4 rounded bg-brand-600"
                      style={{ width: `${Math.max(2, (n / max) * 100) * 0.6}%` }}
                    />
                    <span className="whitespace-nowrap tabular-nums">{n}</span>
                  </span>
                </td>
                <td className="w-16 py-1 text-right tabular-nums">{t("roundReport.percent", { value: share(n, distribution.total) })}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <figcaption className="text-xs text-stone-500">{t("roundReport.totalValue", { count: distribution.total })}</figcaption>
    </figure>
  );
}
