import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { myApplications } from "~/.server/rounds/applications";
import { requireAccess } from "~/.server/web/guards";
import { pageTitle } from "~/lib/meta";
import { nextStep } from "~/lib/round-apply";

export const meta = pageTitle("roundApply.mineTitle");

/** 我的申报: a mediator's applications in grade evaluation rounds, and the rounds open to them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAccess(request, "application:read");
  return await myApplications(user.id);
}

export default function MyApplications() {
  const { t } = useTranslation();
  const { applications, open, active } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold text-brand-800">{t("roundApply.mineTitle")}</h1>
      <section className="space-y-2" aria-labelledby="open">
        <h2 id="open" className="font-semibold">
          {t("roundApply.openRounds")}
        </h2>
        {!active ? <p className="text-stone-600">{t("roundApply.error.notActive")}</p> : null}
        {active && open.length === 0 ? <p className="text-stone-600">{t("roundApply.noOpenRounds")}</p> : null}
        <ul className="space-y-2">
          {open.map((r) => (
            <li key={r.id} className="rounded-lg bg-white p-3 ring-1 ring-stone-200">
              <p className="font-medium">{r.title}</p>
              <p className="text-sm text-stone-600">
                {r.levels.join("、")} · {t("roundApply.untilValue", { date: r.until })}
              </p>
              <Link
                to={`/rounds/${r.id}/apply`}
                className="mt-2 inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 text-sm font-medium text-white"
              >
                {t("roundApply.applyNow")}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section className="space-y-2" aria-labelledby="mine">
        <h2 id="mine" className="font-semibold">
          {t("roundApply.myList")}
        </h2>
        {applications.length === 0 ? <p className="text-stone-600">{t("roundApply.noneYet")}</p> : null}
        <ul className="divide-y divide-stone-200 rounded-lg bg-white ring-1 ring-stone-200">
          {applications.map((a) => (
            <li key={a.id} className="p-3">
              <Link to={`/applications/${a.id}`} className="font-medium text-brand-700 underline">
                {a.round}
              </Link>
              <p className="text-sm text-stone-600">
                {a.level} · {t(`round.stage.${a.stage}`)}
                {a.nominated ? ` · ${t("roundApply.nominatedTag")}` : ""}
              </p>
              <p className="text-xs text-stone-500">{t(nextStep(a.stage))}</p>
              {a.returnedReason ? (
                <p className="text-sm text-amber-900">{t("roundApply.returnedBecause", { reason: a.returnedReason })}</p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
