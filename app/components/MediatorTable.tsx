import { useTranslation } from "react-i18next";
import type { MediatorLine } from "~/lib/compliance";
import { telHref } from "~/lib/mediator";

/** Active mediators with their year: practical trainings and hours against the rules in force, state and pre-service. */
export function MediatorTable({ rows, caption, withPhone = false }: { rows: MediatorLine[]; caption: string; withPhone?: boolean }) {
  const { t } = useTranslation();
  if (!rows.length) return <p className="text-sm text-stone-600">{t("compliance.list.empty")}</p>;
  const badge: Record<string, string> = {
    compliant: "bg-emerald-100 text-emerald-900",
    behind: "bg-amber-100 text-amber-900",
    none: "bg-rose-100 text-rose-900",
  };
  const left = "text-left";
  const right = "text-right";
  const columns: [string, string][] = [
    ["name", left],
    ["committee", left],
    ...(withPhone ? [["phone", left] as [string, string]] : []),
    ["employment", left],
    ["practical", right],
    ["hours", right],
    ["state", left],
    ["preService", left],
  ];
  return (
    <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-stone-200 print:ring-0">
      <table className="w-full min-w-[36rem] text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-stone-50">
          <tr>
            {columns.map(([key, align]) => (
              <th key={key} scope="col" className={`p-2 ${align}`}>
                {t(`compliance.list.${key}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-stone-100">
              <th scope="row" className="whitespace-nowrap p-2 text-left font-normal">
                {r.name}
              </th>
              <td className="p-2">{r.committee}</td>
              {withPhone ? <td className="p-2">{r.phone ? <a href={telHref(r.phone)}>{r.phone}</a> : "—"}</td> : null}
              <td className="p-2">{t(`employment.${r.employment}`)}</td>
              <td className="p-2 text-right">{`${r.practical} / ${r.minPractical}`}</td>
              <td className="p-2 text-right">{`${r.hours} / ${r.minHours}`}</td>
              <td className="p-2">
                <span className={`rounded px-2 py-0.5 ${badge[r.state]}`}>{t(`standing.state.${r.state}`)}</span>
              </td>
              <td className="p-2">{r.preService ? t(`compliance.preService.${r.preService.state}`, { due: r.preService.due }) : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
