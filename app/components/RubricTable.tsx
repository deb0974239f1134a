import { useTranslation } from "react-i18next";
import type { RubricCriterion } from "~/lib/rubric";

/** A rubric as a table: each criterion with its levels and points (what mediators are graded by). */
export function RubricTable({ rubric }: { rubric: { description?: string; criteria: RubricCriterion[]; maxPoints: number } }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-2">
      {rubric.description ? <p className="text-sm text-stone-700">{rubric.description}</p> : null}
      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-stone-200">
        <table className="min-w-full text-sm">
          <caption className="sr-only">{t("rubric.tableCaption", { points: rubric.maxPoints })}</caption>
          <thead className="bg-stone-100 text-left">
            <tr>
              <th className="p-2">{t("rubric.criterionName")}</th>
              <th className="p-2">{t("rubric.levels")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100 align-top">
            {rubric.criteria.map((c) => (
              <tr key={c.id}>
                <td className="p-2">
                  <span className="font-medium">{c.name}</span>
                  {c.description ? <span className="block text-xs text-stone-500">{c.description}</span> : null}
                </td>
                <td className="p-2">
                  <ul className="space-y-1">
                    {c.levels.map((l) => (
                      <li key={l.id}>
                        <span className="font-medium">{l.name}</span> · {t("rubric.pointsValue", { points: l.points })}
                        {l.description ? <span className="block text-xs text-stone-500">{l.description}</span> : null}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
