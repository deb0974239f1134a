import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CaseFigures as Figures } from "~/lib/case-file";

export const rate = (v: number | null) => (v === null ? "—" : `${v}%`);

/** The figure columns, in the order every case table shows them. */
export const FIGURE_KEYS = [
  "handled",
  "successful",
  "successRate",
  "oral",
  "oralShare",
  "confirmed",
  "followedUp",
  "followUpRate",
  "assisted",
] as const;
type Key = (typeof FIGURE_KEYS)[number];
export const showFigure = (f: Figures, key: Key) =>
  key === "successRate" || key === "oralShare" || key === "followUpRate" ? rate(f[key]) : String(f[key]);

/**
 * One row per label (a year, a child node, a mediator) with the derived case figures; the first
 * column links when `to` is given. Scrolls sideways on a phone.
 */
export function CaseFiguresTable({
  rows,
  caption,
  head,
}: {
  rows: (Figures & { label: string; to?: string; total?: boolean })[];
  caption: string;
  head: string;
}) {
  const { t } = useTranslation();
  return (
    // Focusable and named, so the sideways scroll on a phone can be reached with the keyboard.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div role="region" aria-label={caption} tabIndex={0} className="overflow-x-auto rounded-lg bg-white ring-1 ring-stone-200">
      <table className="w-full min-w-[40rem] text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-stone-50">
          <tr>
            <th scope="col" className="min-w-28 p-2 text-left">
              {head}
            </th>
            {FIGURE_KEYS.map((k) => (
              <th key={k} scope="col" className="p-2 text-right">
                {t(`caseFile.figures.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} className={`border-t border-stone-100 ${r.total ? "bg-stone-50 font-medium" : ""}`}>
              <th scope="row" className="p-2 text-left font-normal">
                {r.to ? (
                  <Link to={r.to} className="text-brand-700 underline">
                    {r.label}
                  </Link>
                ) : (
                  r.label
                )}
              </th>
              {FIGURE_KEYS.map((k) => (
                <td key={k} className="p-2 text-right tabular-nums">
                  {showFigure(r, k)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A mediator's figures per closing year and over the last three, for the roster profile and 我的档案. */
export function MediatorCaseFigures({ years, total }: { years: (Figures & { year: number })[]; total: Figures | null }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="case-figures" className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6">
      <h2 id="case-figures" className="text-lg font-semibold">
        {t("caseFile.figures.title")}
      </h2>
      {years.length === 0 ? (
        <p className="text-sm text-stone-600">{t("caseFile.figures.none")}</p>
      ) : (
        <CaseFiguresTable
          caption={t("caseFile.figures.title")}
          head={t("caseFile.year")}
          rows={[
            ...years.map((y) => ({ ...y, label: String(y.year) })),
            ...(total ? [{ ...total, label: t("caseFile.figures.total"), total: true }] : []),
          ]}
        />
      )}
      <p className="text-xs text-stone-500">{t("caseFile.figures.rule")}</p>
    </section>
  );
}
