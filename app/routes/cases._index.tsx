import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/.server/access";
import { listCaseFiles } from "~/.server/cases/register";
import { narrowScopes, orgOptions } from "~/.server/roster/scope";
import { notFound, requireAccess } from "~/.server/web/guards";
import { SubmitButton, inputClass } from "~/components/form";
import { caseFilterSchema } from "~/lib/case-file";
import { recentYears } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("caseFile.title");

/** The register under the admin's subtree (or one node of it), newest closing date first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scopes } = await requireAccess(request, "case:read");
  const filter = caseFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const narrowed = await narrowScopes(scopes, filter.org);
  if (!narrowed) throw notFound();
  const page = await listCaseFiles(narrowed, filter);
  return {
    filter,
    page,
    orgs: await orgOptions(scopes, { limit: 500 }),
    years: recentYears(6),
    canWrite: can(user, "case:write"),
    canImport: can(user, "case:import"),
  };
}

export default function CaseRegister() {
  const { t } = useTranslation();
  const { filter, page, orgs, years, canWrite, canImport } = useLoaderData<typeof loader>();
  const link = (p: number) =>
    `?${new URLSearchParams(
      Object.entries({ ...filter, page: p })
        .filter(([, v]) => v !== undefined && v !== "")
        .map(([k, v]) => [k, String(v)]),
    )}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold text-brand-800">{t("caseFile.title")}</h1>
        <div className="flex flex-wrap gap-2 text-sm">
          {canWrite ? (
            <Link to="/cases/new" className="flex min-h-11 items-center rounded-md bg-brand-700 px-4 font-medium text-white">
              {t("caseFile.new")}
            </Link>
          ) : null}
          {canImport ? (
            <Link to="/cases/import" className="flex min-h-11 items-center rounded-md bg-white px-4 ring-1 ring-stone-300">
              {t("caseFile.import")}
            </Link>
          ) : null}
          <Link to="/cases/stats" className="flex min-h-11 items-center rounded-md bg-white px-4 ring-1 ring-stone-300">
            {t("caseFile.stats")}
          </Link>
        </div>
      </div>
      <Form method="get" className="grid grid-cols-2 items-end gap-2 sm:flex sm:flex-wrap">
        <label className="col-span-2 text-sm sm:w-64">
          <span className="mb-1 block">{t("caseFile.org")}</span>
          <select name="org" defaultValue={filter.org ?? ""} className={inputClass}>
            <option value="">{t("form.choose")}</option>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {"\u3000".repeat(o.level)}
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block">{t("caseFile.year")}</span>
          <select name="year" defaultValue={filter.year ?? ""} className={inputClass}>
            <option value="">{t("caseFile.allYears")}</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block">{t("caseFile.q")}</span>
          <input type="search" name="q" defaultValue={filter.q ?? ""} className={inputClass} />
        </label>
        <SubmitButton className="col-span-2 sm:col-span-1">{t("caseFile.filter")}</SubmitButton>
      </Form>
      {page.rows.length === 0 ? (
        <p className="rounded bg-stone-100 p-3 text-sm">{t("caseFile.empty")}</p>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200">
          {page.rows.map((r) => (
            <li key={r.id}>
              <Link to={`/cases/${r.id}`} className="block px-4 py-3 hover:bg-stone-50">
                <span className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <span className="font-medium text-brand-800">{r.fileNo}</span>
                  <span className="text-sm tabular-nums text-stone-500">{r.closedOn}</span>
                </span>
                <span className="block text-sm text-stone-700">
                  {r.committee} · {r.mediator} · {t(`category.${r.category}`)} · {t(`caseFile.outcome.${r.outcome}`)}
                  {r.agreementForm ? `（${t(`caseFile.agreementForm.${r.agreementForm}`)}）` : ""}
                  {r.confirmation === "confirmed" ? ` · ${t("caseFile.field.confirmation")}${t("caseFile.confirmation.confirmed")}` : ""}
                </span>
                {r.voided ? (
                  <span className="mt-1 inline-block rounded bg-amber-100 px-2 text-xs text-amber-900">{t("caseFile.voided")}</span>
                ) : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <nav className="flex justify-between text-sm" aria-label={t("pagination.label", { defaultValue: "pages" })}>
        {filter.page > 1 ? (
          <Link to={link(filter.page - 1)} className="flex min-h-11 items-center underline">
            {t("caseFile.prev")}
          </Link>
        ) : (
          <span />
        )}
        {page.hasNext ? (
          <Link to={link(filter.page + 1)} className="flex min-h-11 items-center underline">
            {t("caseFile.next")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
