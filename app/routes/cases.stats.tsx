import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { nodeCaseStats } from "~/.server/cases/stats";
import { requireComplianceTarget } from "~/.server/web/compliance-target";
import { CaseFiguresTable, rate } from "~/components/CaseFigures";
import { SubmitButton, inputClass } from "~/components/form";
import { recentYears } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";
import { OrgTrail } from "~/components/OrgTrail";

export const meta = pageTitle("caseFile.statsTitle");

/** Admins: a node's case figures for a year, by category, per child node (drill-down) or, at a committee, per mediator. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { node, year, trail } = await requireComplianceTarget(request, "case-stats:read");
  return {
    node: { id: node.id, name: node.name, kind: node.kind },
    trail: trail.map((n) => ({ id: n.id, name: n.name })),
    years: recentYears(6),
    ...(await nodeCaseStats(node, year)),
  };
}

function Card({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg bg-white p-3 ring-1 ring-stone-200">
      <dt className="text-sm text-stone-600">{label}</dt>
      <dd className="text-2xl font-bold text-brand-800">{value}</dd>
    </div>
  );
}

export default function CaseStats() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { node, year, totals } = data;
  return (
    <div className="space-y-5">
      <OrgTrail trail={data.trail} current={node.id} year={year} label={t("caseFile.org")} />
      <h1 className="text-2xl font-bold text-brand-800">{`${node.name} · ${t("caseFile.statsTitle")}`}</h1>
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="org" value={node.id} />
        <label className="text-sm">
          <span className="mb-1 block">{t("caseFile.year")}</span>
          <select name="year" defaultValue={year} className={inputClass}>
            {data.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <SubmitButton>{t("caseFile.filter")}</SubmitButton>
        <a
          href={`/cases/stats.xlsx?org=${node.id}&year=${year}`}
          download
          className="flex min-h-11 items-center rounded-md bg-white px-4 text-sm ring-1 ring-stone-300"
        >
          {t("caseFile.statsExport")}
        </a>
      </Form>
      {totals.handled === 0 ? <p className="rounded bg-stone-100 p-3 text-sm">{t("caseFile.noData")}</p> : null}
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-3">
        <Card label={t("caseFile.figures.handled")} value={String(totals.handled)} />
        <Card label={t("caseFile.figures.successRate")} value={rate(totals.successRate)} />
        <Card label={t("caseFile.figures.oralShare")} value={rate(totals.oralShare)} />
        <Card label={t("caseFile.figures.confirmed")} value={String(totals.confirmed)} />
        <Card label={t("caseFile.figures.followUpRate")} value={rate(totals.followUpRate)} />
        <Card label={t("caseFile.figures.successful")} value={String(totals.successful)} />
      </dl>
      <p className="text-xs text-stone-500">{t("caseFile.figures.rule")}</p>
      {data.children.length ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t("caseFile.children")}</h2>
          <CaseFiguresTable
            caption={t("caseFile.children")}
            head={t("caseFile.org")}
            rows={data.children.map((c) => ({ ...c, label: c.name, to: `?org=${c.id}&year=${year}` }))}
          />
        </section>
      ) : null}
      {node.kind === "committee" ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t("caseFile.mediators")}</h2>
          <CaseFiguresTable
            caption={t("caseFile.mediators")}
            head={t("caseFile.mediators")}
            rows={data.mediators.map((m) => ({ ...m, label: m.name, to: `/roster/${m.id}` }))}
          />
        </section>
      ) : null}
      {data.byCategory.length ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t("caseFile.byCategory")}</h2>
          <CaseFiguresTable
            caption={t("caseFile.byCategory")}
            head={t("caseFile.field.category")}
            rows={data.byCategory.map((c) => ({ ...c, label: t(`category.${c.category}`) }))}
          />
        </section>
      ) : null}
    </div>
  );
}
