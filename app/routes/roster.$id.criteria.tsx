import { type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { criteriaOf } from "~/.server/levels/check";
import { schemeAt } from "~/.server/levels/scheme";
import { findMediator } from "~/.server/roster/queries";
import { requireAccess } from "~/.server/web/guards";
import { CriterionRow, STATUS_STYLE } from "~/components/Criteria";
import { inputClass } from "~/components/form";
import { todayInChina } from "~/lib/dates";
import { highestMet, periodOfYears, periodQuerySchema } from "~/lib/levels";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("levels.checkLink");

/** Bureau admins over the mediator: each criterion of each level of the scheme in force, for a period of years. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target: mediator } = await requireAccess(request, "criteria:read", () => findMediator(params.id));
  const query = periodQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const period = periodOfYears(todayInChina(), query.success ? query.data.from : undefined, query.success ? query.data.to : undefined);
  const { scheme, own } = await schemeAt(mediator.orgPath);
  const checks = (await criteriaOf(mediator.id, scheme, period))!;
  const best = highestMet(checks);
  return {
    mediator: {
      id: mediator.id,
      name: mediator.name,
      gradeLevel: scheme.levels.find((l) => l.key === mediator.gradeLevel)?.name ?? mediator.gradeLevel,
    },
    period,
    own,
    checks,
    best: best ? scheme.levels.find((l) => l.key === best)!.name : scheme.ungradedName,
  };
}

export default function CriteriaCheck() {
  const { t } = useTranslation();
  const { mediator, period, own, checks, best } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-5">
      <Link to={`/roster/${mediator.id}`} className="text-sm text-brand-700 underline">
        {t("levels.backToProfile")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("levels.checkTitle", { name: mediator.name })}</h1>
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="mb-1 block">{t("levels.fromYear")}</span>
          <input name="from" type="number" defaultValue={Number(period.from.slice(0, 4))} className={`${inputClass} w-28`} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block">{t("levels.toYear")}</span>
          <input name="to" type="number" defaultValue={Number(period.to.slice(0, 4))} className={`${inputClass} w-28`} />
        </label>
        <button type="submit" className="min-h-11 rounded-md border border-brand-700 px-4 text-brand-700">
          {t("levels.recompute")}
        </button>
      </Form>
      <p className="rounded bg-stone-100 p-3 text-sm">
        {t("levels.periodNote", { from: period.from, to: period.to })}
        {own ? "" : t("levels.nationalNote")}
      </p>
      <p className="text-base">
        {t("levels.currentLevel")}：<strong>{mediator.gradeLevel ?? "—"}</strong>　{t("levels.highestMet")}：
        <strong data-testid="highest-met">{best}</strong>
      </p>
      {checks.map((check) => (
        <section key={check.level} className="rounded-lg bg-white p-4 ring-1 ring-stone-200" aria-labelledby={`level-${check.level}`}>
          <h2 id={`level-${check.level}`} className="text-lg font-semibold">
            {check.name}
            <span className={`ml-2 rounded px-2 py-0.5 text-sm ${check.meetsAutomatic ? STATUS_STYLE.met : STATUS_STYLE.notMet}`}>
              {check.meetsAutomatic ? t("levels.meetsAutomatic") : t("levels.missesAutomatic")}
            </span>
          </h2>
          <ul className="mt-3 divide-y divide-stone-100">
            {check.criteria.map((r, i) => (
              <li key={i} className="py-2">
                <CriterionRow r={r} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
