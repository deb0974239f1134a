import { type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { withinScopes } from "~/.server/access";
import { criterionRates, roundDistribution, stageCounts } from "~/.server/rounds/report";
import { findRound } from "~/.server/rounds/rounds";
import { schemeAt } from "~/.server/levels/scheme";
import { notFound, requireAccess } from "~/.server/web/guards";
import { LevelDistribution, share } from "~/components/LevelDistribution";
import { APPLICATION_STAGES } from "~/lib/rounds";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("roundReport.title", "roundReport.title");

/**
 * A round's report for the bureau admins over it: the level distribution of its results for a
 * node (the round's own by default) with one row per child node to drill into, applications per
 * stage, and each criterion's pass rate among submitted applications; the results as .xlsx.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = await requireAccess(request, "round:manage", async (_, scopes) => {
    const round = await findRound(params.id);
    return round && withinScopes(scopes, round.orgPath) ? { round, orgPath: round.orgPath } : null;
  });
  const { round } = target;
  const asked = new URL(request.url).searchParams.get("org");
  const distribution = await roundDistribution(round, asked && /^\d{1,10}$/.test(asked) ? Number(asked) : null);
  if (!distribution) throw notFound();
  const [stages, rates, { scheme }] = await Promise.all([stageCounts(round.id), criterionRates(round.id), schemeAt(round.orgPath)]);
  const levelName = (key: string) => scheme.levels.find((l) => l.key === key)?.name ?? key;
  return {
    round: { id: round.id, title: round.title, state: round.state },
    distribution,
    stages: APPLICATION_STAGES.map((s) => ({ stage: s, count: stages[s] ?? 0 })),
    rates: rates.map((r) => ({ ...r, levelName: levelName(r.level) })),
  };
}

export default function RoundReport() {
  const { t } = useTranslation();
  const { round, distribution, stages, rates } = useLoaderData<typeof loader>();
  const { whole, rows, trail, node } = distribution;
  return (
    <article className="space-y-5">
      <Link to={`/rounds/${round.id}`} className="text-sm text-brand-700 underline">
        {t("roundReport.back")}
      </Link>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold text-brand-800">{t("roundReport.heading", { title: round.title })}</h1>
        <p className="text-sm text-stone-600">{t(`round.state.${round.state}`)}</p>
        <nav aria-label={t("roundReport.trail")} className="text-sm text-stone-600">
          {trail.map((n, i) => (
            <span key={n.id}>
              {i ? " › " : ""}
              {n.id === node.id ? (
                <span aria-current="page">{n.name}</span>
              ) : (
                <Link to={`?org=${n.id}`} className="underline">
                  {n.name}
                </Link>
              )}
            </span>
          ))}
        </nav>
      </header>

      <section className="rounded-lg bg-white p-4 ring-1 ring-stone-200" aria-labelledby="distribution">
        <h2 id="distribution" className="mb-2 font-semibold">
          {t("roundReport.distribution", { node: node.name })}
        </h2>
        <LevelDistribution distribution={whole} caption={t("roundReport.caption")} />
        <a href={`/rounds/${round.id}/results.xlsx`} className="mt-3 inline-flex min-h-11 items-center text-brand-700 underline" download>
          {t("roundReport.export")}
        </a>
      </section>

      {rows.length > 0 && (
        <section className="overflow-x-auto rounded-lg bg-white p-3 ring-1 ring-stone-200" aria-labelledby="children">
          <h2 id="children" className="mb-2 font-semibold">
            {t("roundReport.byChild")}
          </h2>
          <table className="w-full min-w-[32rem] text-sm">
            <thead>
              <tr className="text-left text-stone-600">
                <th className="py-1">{t("roundReport.node")}</th>
                {whole.levels.map((l) => (
                  <th key={l.key}>{l.name}</th>
                ))}
                <th>{t("roundReport.total")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-stone-100">
                  <td className="py-1">
                    {r.kind === "committee" ? (
                      r.name
                    ) : (
                      <Link to={`?org=${r.id}`} className="text-brand-700 underline">
                        {r.name}
                      </Link>
                    )}
                  </td>
                  {whole.levels.map((l) => (
                    <td key={l.key} className="tabular-nums">
                      {r.distribution.counts[l.key] ?? 0}
                      <span className="text-xs text-stone-500">
                        {" "}
                        {t("roundReport.percent", { value: share(r.distribution.counts[l.key] ?? 0, r.distribution.total) })}
                      </span>
                    </td>
                  ))}
                  <td className="tabular-nums">{r.distribution.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section className="rounded-lg bg-white p-4 ring-1 ring-stone-200" aria-labelledby="stages">
        <h2 id="stages" className="mb-2 font-semibold">
          {t("roundReport.stages")}
        </h2>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
          {stages.map((s) => (
            <div key={s.stage} className="flex justify-between gap-2">
              <dt className="text-stone-600">{t(`round.stage.${s.stage}`)}</dt>
              <dd className="tabular-nums">{s.count}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="overflow-x-auto rounded-lg bg-white p-3 ring-1 ring-stone-200" aria-labelledby="rates">
        <h2 id="rates" className="mb-2 font-semibold">
          {t("roundReport.rates")}
        </h2>
        {rates.length === 0 ? (
          <p className="text-sm text-stone-600">{t("roundReport.noRates")}</p>
        ) : (
          <table className="w-full min-w-[28rem] text-sm">
            <thead>
              <tr className="text-left text-stone-600">
                <th className="py-1">{t("roundReport.level")}</th>
                <th>{t("roundReport.criterion")}</th>
                <th>{t("roundReport.met")}</th>
                <th>{t("roundReport.notMet")}</th>
                <th>{t("roundReport.evidence")}</th>
                <th>{t("roundReport.rate")}</th>
              </tr>
            </thead>
            <tbody>
              {rates.map((r) => (
                <tr key={`${r.level}-${r.kind}`} className="border-t border-stone-100">
                  <td className="py-1">{r.levelName}</td>
                  <td>{t(`levels.kind.${r.kind}`)}</td>
                  <td className="tabular-nums">{r.counts.met}</td>
                  <td className="tabular-nums">{r.counts.notMet}</td>
                  <td className="tabular-nums">{r.counts.evidence + r.counts.noData}</td>
                  <td className="tabular-nums">{r.rate === null ? "—" : t("roundReport.percent", { value: r.rate })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}
