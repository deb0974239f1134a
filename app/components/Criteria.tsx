import { useTranslation } from "react-i18next";
import type { CriterionResult } from "~/lib/levels";

/** Colours of a criterion's status (the criteria check page, applications in a round). */
export const STATUS_STYLE: Record<CriterionResult["status"], string> = {
  met: "bg-green-50 text-green-900",
  notMet: "bg-red-50 text-seal-700",
  evidence: "bg-amber-50 text-amber-900",
  noData: "bg-stone-100 text-stone-700",
};

export function Figure({ r }: { r: CriterionResult }) {
  const { t } = useTranslation();
  if (r.figure === null) return <>—</>;
  return <>{t(`levels.unit.${r.kind}`, { n: r.figure, defaultValue: String(r.figure) })}</>;
}

export function Threshold({ r }: { r: CriterionResult }) {
  const { t } = useTranslation();
  if (r.kind === "education") return <>{r.education ? t("levels.educationAtLeast", { education: t(`education.${r.education}`) }) : "—"}</>;
  if (r.threshold === null) return <>—</>;
  const value = t(`levels.unit.${r.kind}`, { n: r.threshold, defaultValue: String(r.threshold) });
  return <>{r.kind === "oralShare" || r.kind === "noSanction" ? t("levels.atMost", { value }) : t("levels.atLeast", { value })}</>;
}

/** One criterion's row: its kind, the system's figure, what is required, met / not met / evidence / no data. */
export function CriterionRow({ r }: { r: CriterionResult }) {
  const { t } = useTranslation();
  return (
    <div className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm sm:grid-cols-4" data-status={r.status}>
      <span className="col-span-2 font-medium sm:col-span-1">{t(`levels.kind.${r.kind}`)}</span>
      <span>
        <span className="text-xs text-stone-500">{t("levels.figure")} </span>
        <Figure r={r} />
      </span>
      <span>
        <span className="text-xs text-stone-500">{t("levels.required")} </span>
        <Threshold r={r} />
      </span>
      <span className={`w-fit rounded px-2 py-0.5 ${STATUS_STYLE[r.status]}`}>
        {t(`levels.status.${r.status}`)}
        {r.status === "evidence" && r.evidence ? `：${r.evidence}` : ""}
      </span>
    </div>
  );
}

/** The summary line above a level's criteria: all automatic criteria met, or which are not. */
export function MeetsLine({ meets, unmet }: { meets: boolean; unmet: number }) {
  const { t } = useTranslation();
  return (
    <p role="status" className={`rounded p-3 text-sm ${meets ? STATUS_STYLE.met : STATUS_STYLE.notMet}`}>
      {meets ? t("roundApply.allMet") : t("roundApply.someUnmet", { n: unmet })}
    </p>
  );
}
