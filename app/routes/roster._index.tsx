import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess } from "~/.server/web/guards";
import { notFound } from "~/.server/web/guards";
import { listRoster } from "~/.server/roster/queries";
import { rosterFilterFrom } from "~/.server/web/roster-export";
import { orgOptions } from "~/.server/roster/scope";
import { inputClass } from "~/components/form";
import { Pagination } from "~/components/Pagination";
import { DISPUTE_CATEGORIES } from "~/lib/categories";
import { EMPLOYMENT_KINDS, MEDIATOR_STATUSES, telHref } from "~/lib/mediator";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("roster.title");

/** Bureau admins (and sysadmins): the roster of their subtree, filtered on the server. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAccess(request, "roster:read");
  const filter = rosterFilterFrom(request);
  const [page, orgs] = await Promise.all([listRoster(actor.scopes, filter), orgOptions(actor.scopes, { limit: 1000 })]);
  if (!page) throw notFound();
  return { page, orgs, filter };
}

/** The column header's sort state for assistive technology (aria-sort belongs on the header, not the link). */
function useAriaSort(column: "name" | "appointedOn" | "committee"): "ascending" | "descending" | undefined {
  const [params] = useSearchParams();
  if ((params.get("sort") ?? "name") !== column) return undefined;
  return params.get("dir") === "desc" ? "descending" : "ascending";
}

function SortLink({ column }: { column: "name" | "appointedOn" | "committee" }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const active = (params.get("sort") ?? "name") === column;
  const dir = active && params.get("dir") !== "desc" ? "desc" : "asc";
  const next = new URLSearchParams(params);
  next.set("sort", column);
  next.set("dir", dir);
  next.delete("page");
  return (
    <Link to={`?${next}`} className="underline-offset-2 hover:underline">
      {t(`roster.sort.${column}`)}
      {active ? (dir === "desc" ? " ↑" : " ↓") : ""}
    </Link>
  );
}

export default function RosterList() {
  const { t } = useTranslation();
  const { page, orgs, filter } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const [sortName, sortCommittee, sortAppointedOn] = [useAriaSort("name"), useAriaSort("committee"), useAriaSort("appointedOn")];
  const exportQuery = new URLSearchParams(params);
  exportQuery.delete("page");
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold text-brand-800">{t("roster.title")}</h1>
        <div className="flex flex-wrap gap-2 text-sm">
          <Link to="/roster/new" className="rounded-md bg-brand-700 px-3 py-2 font-medium text-white hover:bg-brand-800">
            {t("roster.new")}
          </Link>
          <Link to="/roster/import" className="rounded-md bg-white px-3 py-2 ring-1 ring-stone-300 hover:bg-stone-50">
            {t("roster.import")}
          </Link>
          <a href={`/roster/export.xlsx?${exportQuery}`} className="rounded-md bg-white px-3 py-2 ring-1 ring-stone-300 hover:bg-stone-50">
            {t("roster.exportXlsx")}
          </a>
          <a href={`/roster/export.csv?${exportQuery}`} className="rounded-md bg-white px-3 py-2 ring-1 ring-stone-300 hover:bg-stone-50">
            {t("roster.exportCsv")}
          </a>
        </div>
      </div>

      <Form method="get" className="grid gap-2 rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:grid-cols-3">
        <label className="text-sm sm:col-span-3">
          <span className="mb-1 block font-medium">{t("roster.filter.q")}</span>
          <input
            type="search"
            name="q"
            maxLength={50}
            defaultValue={filter.q ?? ""}
            placeholder={t("roster.filter.qPlaceholder")}
            className={inputClass}
          />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("roster.filter.org")}</span>
          <select name="org" defaultValue={filter.org ?? ""} className={inputClass}>
            <option value="">{t("roster.filter.all")}</option>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {"\u3000".repeat(o.level)}
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("roster.filter.status")}</span>
          <select name="status" defaultValue={filter.status ?? ""} className={inputClass}>
            <option value="">{t("roster.filter.all")}</option>
            {MEDIATOR_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`mediatorStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("roster.filter.employment")}</span>
          <select name="employment" defaultValue={filter.employment ?? ""} className={inputClass}>
            <option value="">{t("roster.filter.all")}</option>
            {EMPLOYMENT_KINDS.map((e) => (
              <option key={e} value={e}>
                {t(`employment.${e}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("roster.filter.specialty")}</span>
          <select name="specialty" defaultValue={filter.specialty ?? ""} className={inputClass}>
            <option value="">{t("roster.filter.all")}</option>
            {DISPUTE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-end gap-2 sm:col-span-2">
          <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 font-medium text-white hover:bg-brand-800">
            {t("roster.filter.apply")}
          </button>
          <Link to="/roster" className="flex min-h-11 items-center px-3 text-sm text-stone-600 underline">
            {t("roster.filter.reset")}
          </Link>
        </div>
      </Form>

      <p className="text-sm text-stone-600" role="status">
        {t("roster.count", { count: page.total })}
      </p>

      <ul className="divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200 sm:hidden">
        {page.rows.map((m) => (
          <li key={m.id}>
            <Link to={`/roster/${m.id}`} className="block min-h-11 px-3 py-2">
              <span className="font-medium text-brand-700">{m.name}</span>
              <span className="ml-2 text-sm text-stone-500">
                {t(`employment.${m.employment}`)} · {t(`mediatorStatus.${m.status}`)}
              </span>
              <span className="block text-sm text-stone-600">{m.committee}</span>
            </Link>
            {m.phone ? (
              <a href={telHref(m.phone)} className="-mt-1 block px-3 pb-2 text-sm tabular-nums text-brand-700 underline">
                {m.phone}
              </a>
            ) : null}
          </li>
        ))}
        {page.rows.length === 0 ? <li className="px-3 py-6 text-center text-stone-500">{t("roster.empty")}</li> : null}
      </ul>

      <div className="hidden overflow-x-auto rounded-lg bg-white ring-1 ring-stone-200 sm:block">
        <table className="w-full text-left text-sm">
          <thead className="bg-stone-100 text-stone-700">
            <tr>
              <th className="px-3 py-2" aria-sort={sortName}>
                <SortLink column="name" />
              </th>
              <th className="px-3 py-2">{t("roster.field.phone")}</th>
              <th className="px-3 py-2" aria-sort={sortCommittee}>
                <SortLink column="committee" />
              </th>
              <th className="px-3 py-2">{t("roster.field.employment")}</th>
              <th className="px-3 py-2" aria-sort={sortAppointedOn}>
                <SortLink column="appointedOn" />
              </th>
              <th className="px-3 py-2">{t("roster.field.status")}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((m) => (
              <tr key={m.id} className="border-t border-stone-100">
                <td className="px-3 py-2 font-medium">
                  <Link to={`/roster/${m.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                    {m.name}
                  </Link>
                </td>
                <td className="px-3 py-2 tabular-nums">
                  {m.phone ? (
                    <a href={telHref(m.phone)} className="text-brand-700 underline-offset-2 hover:underline">
                      {m.phone}
                    </a>
                  ) : null}
                </td>
                <td className="px-3 py-2">{m.committee}</td>
                <td className="px-3 py-2">{t(`employment.${m.employment}`)}</td>
                <td className="px-3 py-2 tabular-nums">{m.appointedOn}</td>
                <td className="px-3 py-2">{t(`mediatorStatus.${m.status}`)}</td>
              </tr>
            ))}
            {page.rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-stone-500">
                  {t("roster.empty")}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <Pagination page={page.page} pageCount={page.pageCount} />
    </div>
  );
}
