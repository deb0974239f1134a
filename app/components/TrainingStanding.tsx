import { useTranslation } from "react-i18next";

type Standing = {
  year: number;
  practical: number;
  hours: number;
  state: "compliant" | "behind" | "none";
  targets: { practical: number; hours: number };
  bySource: Record<string, number>;
  byForm: Record<string, number>;
  policySource: string | null;
  preService: { due: string; hours: number; required: number; state: "done" | "pending" | "overdue" } | null;
};

const TONE = {
  compliant: "bg-emerald-50 text-emerald-800",
  behind: "bg-amber-50 text-amber-900",
  none: "bg-seal-50 text-seal-700",
} as const;

/** A mediator's training year: state against the rules in force, hours by source and form, pre-service. */
export function TrainingStanding({ standing }: { standing: Standing }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="standing" className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
      <h2 id="standing" className="font-semibold">
        {t("standing.title", { year: standing.year })}
      </h2>
      <p className={`inline-block rounded px-2 py-1 text-sm font-medium ${TONE[standing.state]}`}>
        {t(`standing.state.${standing.state}`)}
      </p>
      <p className="text-sm">
        {t("standing.figures", {
          practical: standing.practical,
          minPractical: standing.targets.practical,
          hours: standing.hours,
          minHours: standing.targets.hours,
        })}
        {standing.policySource ? ` · ${t("standing.rulesOf", { node: standing.policySource })}` : ` · ${t("standing.defaultRules")}`}
      </p>
      {Object.keys(standing.bySource).length ? (
        <p className="text-sm text-stone-600">
          {Object.entries(standing.bySource)
            .map(([source, hours]) => `${t(`trainingSource.${source}`)} ${hours}`)
            .join(" · ")}
          {" ｜ "}
          {Object.entries(standing.byForm)
            .map(([form, hours]) => `${t(`trainingForm.${form}`)} ${hours}`)
            .join(" · ")}
        </p>
      ) : null}
      {standing.preService ? (
        <p className="text-sm">
          {t(`standing.preService.${standing.preService.state}`, {
            hours: standing.preService.hours,
            required: standing.preService.required,
            due: standing.preService.due,
          })}
        </p>
      ) : null}
    </section>
  );
}
