import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireComplianceTarget } from "~/.server/web/compliance-target";
import { nodeDashboard } from "~/.server/compliance/dashboard";
import { mediatorRows } from "~/.server/compliance/mediators";
import { EmploymentBreakdown, FormBreakdown, MonthlyTrend } from "~/components/ComplianceCharts";
import { MediatorTable } from "~/components/MediatorTable";
import { SubmitButton, inputClass } from "~/components/form";
import { SORT_KEYS, sortChildren, type SortKey } from "~/lib/compliance";
import { recentYears, todayInChina } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";
import { OrgTrail } from "~/components/OrgTrail";

export const meta = pageTitle("nav.compliance");

const sortSchema = z.object({ sort: z.enum(SORT_KEYS).catch("name"), dir: z.enum(["asc", "desc"]).catch("asc") });

/** Bureau admins: a node's training year, its child nodes (sortable, drill-down) or, at a committee, its mediators. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { node, year, trail } = await requireComplianceTarget(request, "compliance:read");
  const { sort, dir } = sortSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const dashboard = await nodeDashboard(node, year);
  const mediators = dashboard.children.length ? [] : await mediatorRows(node, year, { state: "all" }, 500, 0, todayInChina());
  return {
    node: { id: node.id, name: node.name, kind: node.kind },
    trail: trail.map((n) => ({ id: n.id, name: n.name })),
    years: recentYears(6),
    sort,
    dir,
    ...dashboard,
    children: sortChildren(dashboard.children, sort, dir),
    mediators,
  };
}

const rate = (v: number | null) => (v === null ? "—" : `${v}%`);

function Card({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-lg bg-white p-3 ring-1 ring-stone-200">
      <dt className="text-sm text-stone-600">{label}</dt>
      <dd className="text-2xl font-bold text-brand-800">{value}</dd>
      {hint ? <dd className="text-xs text-stone-500">{hint}</dd> : null}
    </div>
  );
}

export default function ComplianceDashboard() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { node, year, totals } = data;
  const q = (extra: Record<string, string | number>) =>
    `?${new URLSearchParams({
      org: String(node.id),
      year: String(year),
      ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])),
    })}`;
  const columns: { key: SortKey; show: (c: (typeof data.children)[number]) => string | number }[] = [
    { key: "active", show: (c) => c.active },
    { key: "coverage", show: (c) => rate(c.coverage) },
    { key: "perCapita", show: (c) => c.perCapita ?? "—" },
    { key: "records", show: (c) => c.records },
    { key: "hours", show: (c) => c.hours },
    { key: "compliantShare", show: (c) => rate(c.compliantShare) },
    { key: "preserviceRate", show: (c) => rate(c.preserviceRate) },
  ];
  const sortLink = (key: SortKey) => q({ sort: key, dir: data.sort === key && data.dir === "asc" ? "desc" : "asc" });
  const arrow = (key: SortKey) => (data.sort === key ? (data.dir === "asc" ? " ↑" : " ↓") : "");
  return (
    <div className="space-y-5">
      <OrgTrail trail={data.trail} current={node.id} year={year} label={t("compliance.node")} />
      <h1 className="text-2xl font-bold text-brand-800">{`${node.name} · ${t("compliance.title")}`}</h1>
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="org" value={node.id} />
        <label className="text-sm">
          <span className="mb-1 block">{t("compliance.year")}</span>
          <select name="year" defaultValue={year} className={inputClass}>
            {data.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <SubmitButton>{t("compliance.show")}</SubmitButton>
      </Form>
      {totals.active === 0 && totals.records === 0 ? <p className="rounded bg-stone-100 p-3 text-sm">{t("compliance.noData")}</p> : null}
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Card label={t("compliance.figure.active")} value={t("compliance.unit.people", { n: totals.active })} />
        <Card
          label={t("compliance.figure.coverage")}
          value={rate(totals.coverage)}
          hint={t("compliance.hint.coverage", { trained: totals.trained, active: totals.active })}
        />
        <Card
          label={t("compliance.figure.perCapita")}
          value={t("compliance.unit.perPerson", { n: totals.perCapita ?? 0 })}
          hint={t("compliance.hint.perCapita", { practical: totals.practical })}
        />
        <Card
          label={t("compliance.figure.compliantShare")}
          value={rate(totals.compliantShare)}
          hint={t("compliance.hint.compliantShare", { compliant: totals.compliant })}
        />
        <Card label={t("compliance.figure.records")} value={t("compliance.unit.times", { n: totals.records })} />
        <Card label={t("compliance.figure.hours")} value={t("compliance.unit.hours", { n: totals.hours })} />
        <Card
          label={t("compliance.figure.events")}
          value={t("compliance.unit.times", { n: totals.events })}
          hint={t("compliance.hint.events")}
        />
        <Card
          label={t("compliance.figure.preserviceRate")}
          value={rate(totals.preserviceRate)}
          hint={
            totals.newcomers
              ? t("compliance.hint.preserviceRate", { done: totals.preserviceDone, newcomers: totals.newcomers })
              : t("compliance.hint.noNewcomers")
          }
        />
      </dl>
      <p className="flex flex-wrap gap-2 text-sm">
        <Link
          to={`/compliance/mediators${q({})}`}
          className="flex min-h-11 items-center rounded-md bg-brand-700 px-4 font-medium text-white"
        >
          {t("compliance.links.behind")}
        </Link>
        <a
          href={`/compliance/report.xlsx${q({})}`}
          download
          className="flex min-h-11 items-center rounded-md bg-white px-4 ring-1 ring-stone-300"
        >
          {t("compliance.links.report")}
        </a>
        <Link to={`/compliance/policy${q({})}`} className="flex min-h-11 items-center rounded-md bg-white px-4 ring-1 ring-stone-300">
          {t("compliance.links.policy")}
        </Link>
      </p>

      {data.children.length ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t("compliance.children")}</h2>
          <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-stone-200">
            <table className="w-full min-w-[42rem] text-sm">
              <caption className="sr-only">{t("compliance.childrenCaption")}</caption>
              <thead className="bg-stone-50">
                <tr>
                  <th
                    scope="col"
                    className="min-w-36 p-2 text-left"
                    aria-sort={data.sort === "name" ? (data.dir === "asc" ? "ascending" : "descending") : undefined}
                  >
                    <Link
                      to={sortLink("name")}
                      className="underline"
                      aria-label={t("compliance.sortBy", { column: t("compliance.figure.name") })}
                    >
                      {t("compliance.figure.name") + arrow("name")}
                    </Link>
                  </th>
                  {columns.map((c) => (
                    <th
                      key={c.key}
                      scope="col"
                      className="whitespace-nowrap p-2 text-right"
                      aria-sort={data.sort === c.key ? (data.dir === "asc" ? "ascending" : "descending") : undefined}
                    >
                      <Link
                        to={sortLink(c.key)}
                        className="underline"
                        aria-label={t("compliance.sortBy", { column: t(`compliance.figure.${c.key}`) })}
                      >
                        {t(`compliance.figure.${c.key}`) + arrow(c.key)}
                      </Link>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.children.map((c) => (
                  <tr key={c.id} className="border-t border-stone-100">
                    <th scope="row" className="p-2 text-left font-normal">
                      <Link
                        to={`?org=${c.id}&year=${year}`}
                        className="text-brand-700 underline"
                        aria-label={t("compliance.drill", { name: c.name })}
                      >
                        {c.name}
                      </Link>
                    </th>
                    {columns.map((col) => (
                      <td key={col.key} className="p-2 text-right">
                        {col.show(c)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t("compliance.links.mediators")}</h2>
          <MediatorTable rows={data.mediators} caption={t("compliance.mediatorsCaption")} />
        </section>
      )}

      <section className="grid gap-4 md:grid-cols-2">
        <MonthlyTrend months={data.months} />
        <EmploymentBreakdown groups={data.byEmployment} />
        {data.forms.length ? <FormBreakdown forms={data.forms} /> : null}
      </section>
    </div>
  );
}
