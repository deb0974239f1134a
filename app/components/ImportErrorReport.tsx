import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "~/components/form";

/** How many errors an import page lists; the rest are counted. */
const SHOWN = 200;

export type ImportErrorLine = { row: number; column: string | null; message: string };

/**
 * The report of a refused Excel import: every problem by row and column (the first 200 listed),
 * with whatever the page adds above the table (a download of the marked copy).
 */
export function ImportErrorReport({ errors, children }: { errors: ImportErrorLine[]; children?: ReactNode }) {
  const { t } = useTranslation();
  const text = useErrorText();
  if (errors.length === 0) return null;
  return (
    <section role="alert" className="space-y-2">
      <p className="font-medium text-seal-600">{t("import.failed", { count: errors.length })}</p>
      {children}
      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-stone-200">
        <table className="w-full text-left text-sm">
          <thead className="bg-stone-100">
            <tr>
              <th className="px-3 py-2">{t("import.row")}</th>
              <th className="px-3 py-2">{t("import.column")}</th>
              <th className="px-3 py-2">{t("import.message")}</th>
            </tr>
          </thead>
          <tbody>
            {errors.slice(0, SHOWN).map((e, i) => (
              <tr key={i} className="border-t border-stone-100">
                <td className="px-3 py-2 tabular-nums">{e.row > 0 ? e.row : t("import.wholeFile")}</td>
                <td className="px-3 py-2">{e.column ?? "—"}</td>
                <td className="px-3 py-2">{text(e.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {errors.length > SHOWN ? <p className="text-sm text-stone-600">{t("import.more", { count: errors.length - SHOWN })}</p> : null}
    </section>
  );
}
