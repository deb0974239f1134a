import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { nextStep } from "~/lib/round-apply";
import type { ApplicationStage } from "~/lib/rounds";

type Data = {
  applications: { id: number; round: string; level: string; stage: ApplicationStage; returnedReason: string | null }[];
  open: { id: number; title: string; until: string; levels: string[] }[];
  waiting: { id: number; title: string; count: number }[];
};

const card = "rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200";

/** Grade evaluation on the workspace: one's applications and the rounds open to them; the pre-reviews waiting. */
export function RoundsSection({ w }: { w: Data }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="rounds-title" className="space-y-3">
      <h2 id="rounds-title" className="text-xl font-bold text-stone-900">
        {t("roundApply.workspaceTitle")}
      </h2>
      <div className="grid gap-4 md:grid-cols-2">
        {w.applications.length || w.open.length ? (
          <div className={card}>
            <h3 className="font-semibold text-stone-900">{t("roundApply.mineTitle")}</h3>
            <ul className="mt-2 space-y-2 text-sm">
              {w.applications.map((a) => (
                <li key={a.id}>
                  <Link to={`/applications/${a.id}`} className="text-brand-700 underline">
                    {a.round} · {a.level}
                  </Link>
                  <span className="ml-2 rounded bg-stone-100 px-2 text-xs">{t(`round.stage.${a.stage}`)}</span>
                  <p className="text-xs text-stone-500">{t(nextStep(a.stage))}</p>
                </li>
              ))}
              {w.open.map((r) => (
                <li key={`open-${r.id}`}>
                  <Link to={`/rounds/${r.id}/apply`} className="text-brand-700 underline">
                    {t("roundApply.openToYou", { title: r.title, date: r.until })}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {w.waiting.length ? (
          <div className={card}>
            <h3 className="font-semibold text-stone-900">{t("roundApply.waitingTitle")}</h3>
            <ul className="mt-2 space-y-2 text-sm">
              {w.waiting.map((r) => (
                <li key={r.id}>
                  <Link to={`/rounds/${r.id}/prereview`} className="text-brand-700 underline">
                    {t("roundApply.waitingValue", { title: r.title, n: r.count })}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </section>
  );
}
