import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { mayTry } from "~/.server/access";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess } from "~/.server/web/guards";
import { logsOfUser, mediatorOf } from "~/.server/training/logs";
import { effectivePolicy } from "~/.server/training/policies";
import { mediatorStanding } from "~/.server/training/standing";
import { yearSummary } from "~/.server/training/summary";
import { TrainingStanding } from "~/components/TrainingStanding";
import { currentYearInChina } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("training.title");

/** 我的培训: any signed-in user's own ledger for this year, and their practical-training logs. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAccess(request, "account:self");
  const year = currentYearInChina();
  const [logs, mediator] = await Promise.all([logsOfUser(user.id), mediatorOf(user.id)]);
  // A trainer or admin without a roster entry has no training year of their own: their work here is verifying.
  if (!mediator && logs.length === 0 && mayTry(user, "log:verify")) throw redirect("/training/verify");
  // The rules in force are looked up once for both the meters and the year's standing.
  const policy = await effectivePolicy(mediator?.orgPath ?? "/", year);
  const [summary, standing] = await Promise.all([
    yearSummary(user.id, year, policy),
    mediator ? mediatorStanding(mediator, year, undefined, policy) : null,
  ]);
  return {
    summary,
    standing,
    hasProfile: Boolean(mediator),
    logs: logs.map((l) => ({ id: l.id, type: l.type, occurredOn: l.occurredOn, hours: l.hours, status: l.status })),
  };
}

function Meter({ label, value, target, unit }: { label: string; value: number; target: number; unit: string }) {
  return (
    <div className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
      <p className="text-sm text-stone-600">{label}</p>
      <p className="text-2xl font-bold text-brand-800">
        {value}
        <span className="ml-1 text-sm font-normal text-stone-500">
          / {target} {unit}
        </span>
      </p>
      <progress
        value={Math.min(value, target)}
        max={target}
        aria-label={label}
        className="mt-2 block h-2 w-full appearance-none overflow-hidden rounded-full bg-stone-200 [&::-webkit-progress-bar]:bg-stone-200 [&::-webkit-progress-value]:bg-brand-600 [&::-moz-progress-bar]:bg-brand-600"
      />
    </div>
  );
}

export default function MyTraining() {
  const { t } = useTranslation();
  const { summary, logs, hasProfile, standing } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold text-brand-800">
        {t("training.title")} · {t("training.year", { year: summary.year })}
      </h1>
      <div className="grid gap-3 sm:grid-cols-2">
        <Meter label={t("training.practical")} value={summary.practical} target={summary.targets.practical} unit="" />
        <Meter label={t("training.hours")} value={summary.hours} target={summary.targets.hours} unit="" />
      </div>
      <p className="text-sm text-stone-600">{t("training.target", { count: summary.targets.practical, hours: summary.targets.hours })}</p>
      {standing ? <TrainingStanding standing={standing} /> : null}

      <section aria-labelledby="ledger">
        <h2 id="ledger" className="text-lg font-semibold">
          {t("training.ledger")}
        </h2>
        {summary.records.length === 0 ? <p className="mt-2 text-stone-600">{t("training.noRecords")}</p> : null}
        <ul className="mt-2 divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200">
          {summary.records.map((r) => (
            <li key={r.id} className="flex flex-wrap justify-between gap-2 p-3 text-sm">
              <span>
                <span className="mr-2 rounded bg-brand-50 px-2 py-0.5 text-xs text-brand-800">{t(`trainingSource.${r.source}`)}</span>
                {r.title}
              </span>
              <span className="tabular-nums text-stone-600">
                {r.occurredOn} · {r.hours} {t("training.hoursUnit")}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="logs">
        <div className="flex items-center justify-between">
          <h2 id="logs" className="text-lg font-semibold">
            {t("training.logs")}
          </h2>
          {hasProfile ? (
            <Link to="/training/logs/new" className="rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white">
              {t("training.newLog")}
            </Link>
          ) : null}
        </div>
        {logs.length === 0 ? <p className="mt-2 text-stone-600">{hasProfile ? t("training.noLogs") : t("training.noProfile")}</p> : null}
        <ul className="mt-2 divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200">
          {logs.map((l) => (
            <li key={l.id}>
              <Link to={`/training/logs/${l.id}`} className="flex min-h-11 flex-wrap justify-between gap-2 p-3 text-sm">
                <span className="text-brand-700">
                  {t(`training.logType.${l.type}`)} · {l.occurredOn}
                </span>
                <span className="text-stone-600">
                  {l.hours} h · {t(`training.status.${l.status}`)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
