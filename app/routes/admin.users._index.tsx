import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { listAccounts } from "~/.server/accounts";
import { requireAccess } from "~/.server/web/guards";
import type { OrgUnit, RoleGrant } from "~/.server/db/models";
import { inputClass } from "~/components/form";
import { Pagination } from "~/components/Pagination";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("account.title");

const filterSchema = z.object({
  q: z.string().trim().max(64).optional().catch(undefined),
  page: z.coerce.number().int().min(1).default(1).catch(1),
});

/** Bureau admins: accounts with a grant in their subtree. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAccess(request, "account:manage");
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const list = await listAccounts(actor.scopes, filter);
  return {
    filter,
    total: list.total,
    pageCount: list.pageCount,
    rows: list.rows.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      status: u.status,
      grants: (u.get("grants") as RoleGrant[]).map((g) => ({ role: g.role, org: (g.get("orgUnit") as OrgUnit).name })),
    })),
  };
}

export default function Accounts() {
  const { t } = useTranslation();
  const { filter, rows, total, pageCount } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold text-brand-800">{t("account.title")}</h1>
        <Link to="/admin/users/new" className="rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white">
          {t("account.new")}
        </Link>
      </div>
      <Form method="get" className="flex gap-2">
        <label className="flex-1">
          <span className="sr-only">{t("account.search")}</span>
          <input type="search" name="q" defaultValue={filter.q ?? ""} placeholder={t("account.search")} className={inputClass} />
        </label>
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 text-white">
          {t("roster.filter.apply")}
        </button>
      </Form>
      <p className="text-sm text-stone-600">{t("account.count", { count: total })}</p>
      <ul className="divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200">
        {rows.map((u) => (
          <li key={u.id} className="p-3">
            <Link to={`/admin/users/${u.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
              {u.displayName}
            </Link>
            <span className="ml-2 text-sm text-stone-500">{u.username}</span>
            {u.status === "disabled" ? (
              <span className="ml-2 rounded bg-stone-200 px-2 text-xs">{t("account.status.disabled")}</span>
            ) : null}
            <p className="text-sm text-stone-600">{u.grants.map((g) => `${t(`role.${g.role}`)} · ${g.org}`).join(";")}</p>
          </li>
        ))}
      </ul>
      <Pagination page={filter.page} pageCount={pageCount} />
    </div>
  );
}
