import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { publicDirectory } from "~/.server/experts/directory";
import { refuseBadUrl } from "~/.server/web/form";
import { idParam } from "~/.server/web/round-forms";
import { Pagination } from "~/components/Pagination";
import { inputClass } from "~/components/form";
import { EXPERT_FIELDS, type ExpertField } from "~/lib/experts";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("experts.public.title");

/**
 * The public expert list (调解专家库): listed experts — name, field, title, organisation, pool —
 * filtered by pool and field, 20 a page, and the experts under public notice (公示). Public by
 * decision: it asks nothing of the permission table and never reads the session, so every
 * signed-out visitor gets the same bytes (server/public-cache.ts keeps them); no contact data.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  refuseBadUrl(request);
  const url = new URL(request.url);
  const field = url.searchParams.get("field");
  const filter = {
    poolId: idParam(url, "pool"),
    field: (EXPERT_FIELDS as readonly string[]).includes(field ?? "") ? (field as ExpertField) : undefined,
    page: Math.min(idParam(url, "page") ?? 1, 10_000),
  };
  return { ...(await publicDirectory(filter)), filter: { pool: filter.poolId ?? "", field: filter.field ?? "" } };
}

export default function ExpertsPage() {
  const { t } = useTranslation();
  const { pools, rows, total, page, pages, notices, filter } = useLoaderData<typeof loader>();
  return (
    <article className="space-y-5">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold text-brand-800">{t("experts.public.heading")}</h1>
        <p className="text-sm text-stone-600">{t("experts.public.intro")}</p>
      </header>
      <Form method="get" className="grid gap-3 rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:grid-cols-3">
        <label className="block text-sm">
          <span className="font-medium">{t("experts.filter.pool")}</span>
          <select name="pool" defaultValue={String(filter.pool)} className={inputClass}>
            <option value="">{t("experts.filter.allPools")}</option>
            {pools.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("experts.filter.field")}</span>
          <select name="field" defaultValue={filter.field} className={inputClass}>
            <option value="">{t("experts.filter.allFields")}</option>
            {EXPERT_FIELDS.map((f) => (
              <option key={f} value={f}>
                {t(`experts.field.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-end">
          <button type="submit" className="min-h-11 w-full rounded-md bg-brand-700 px-4 font-medium text-white hover:bg-brand-800">
            {t("experts.filter.apply")}
          </button>
        </div>
      </Form>
      <p className="text-sm text-stone-600">{t("experts.public.count", { count: total })}</p>
      {rows.length === 0 ? (
        <p className="text-stone-600">{t("experts.public.empty")}</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {rows.map((e) => (
            <li key={e.id} className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
              <p className="font-semibold">
                {e.name}{" "}
                <span className="ml-1 rounded bg-brand-50 px-2 py-0.5 text-xs text-brand-800">{t(`experts.field.${e.field}`)}</span>
              </p>
              <p className="text-sm text-stone-700">{[e.title, e.organisation].filter(Boolean).join(" · ")}</p>
              <p className="text-xs text-stone-500">{e.pool}</p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pages} />
      <section aria-labelledby="expert-notices" className="space-y-2">
        <h2 id="expert-notices" className="text-lg font-semibold">
          {t("experts.public.notices")}
        </h2>
        {notices.length === 0 ? (
          <p className="text-sm text-stone-600">{t("experts.public.noNotices")}</p>
        ) : (
          <>
            <p className="text-sm text-stone-600">{t("experts.public.noticeHint")}</p>
            <ul className="divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200">
              {notices.map((n) => (
                <li key={n.id} className="p-3 text-sm">
                  <p className="font-medium">
                    {n.name} · {t(`experts.field.${n.field}`)}
                  </p>
                  <p className="text-stone-700">{[n.title, n.organisation, n.pool].filter(Boolean).join(" · ")}</p>
                  <p className="text-stone-500">{t("experts.public.noticePeriod", { from: n.noticeFrom, until: n.noticeUntil })}</p>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <p className="text-sm">
        <Link to="/consultations/new" className="text-brand-700 underline">
          {t("experts.public.ask")}
        </Link>
      </p>
    </article>
  );
}
