import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { listAuditEvents } from "~/.server/audit-log";
import { AUDIT_ACTIONS } from "~/lib/audit";
import { requireAccess } from "~/.server/web/guards";
import { inputClass } from "~/components/form";
import { Pagination } from "~/components/Pagination";
import { isIsoDate } from "~/lib/validation";
import { pageTitle } from "~/lib/meta";
import { useTimeZone } from "~/utils/time-zone";
import { dateFormat } from "~/lib/dates";

export const meta = pageTitle("audit.title");

const filterSchema = z.object({
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  actor: z.string().trim().max(64).optional().catch(undefined),
  from: z.string().refine(isIsoDate).optional().catch(undefined),
  to: z.string().refine(isIsoDate).optional().catch(undefined),
  page: z.coerce.number().int().min(1).default(1).catch(1),
});

/** Bureau admins: the audit log of their subtree. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAccess(request, "audit:read");
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { filter, events: await listAuditEvents(actor.scopes, { ...filter, actor: filter.actor || undefined }) };
}

export default function AuditLog() {
  const { t, i18n } = useTranslation();
  const { filter, events } = useLoaderData<typeof loader>();
  const timeZone = useTimeZone();
  const time = dateFormat(i18n.language, { dateStyle: "short", timeStyle: "medium", timeZone });
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold text-brand-800">{t("audit.title")}</h1>
      <Form method="get" className="grid gap-2 rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:grid-cols-4">
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("audit.action")}</span>
          <select name="action" defaultValue={filter.action ?? ""} className={inputClass}>
            <option value="">{t("roster.filter.all")}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`audit.actions.${a.replace(".", "_")}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("audit.actor")}</span>
          <input name="actor" defaultValue={filter.actor ?? ""} className={inputClass} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("audit.from")}</span>
          <input type="date" name="from" defaultValue={filter.from ?? ""} className={inputClass} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("audit.to")}</span>
          <input type="date" name="to" defaultValue={filter.to ?? ""} className={inputClass} />
        </label>
        <div className="flex gap-2 sm:col-span-4">
          <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 font-medium text-white">
            {t("roster.filter.apply")}
          </button>
          <Link to="/admin/audit" className="flex min-h-11 items-center px-3 text-sm underline">
            {t("roster.filter.reset")}
          </Link>
        </div>
      </Form>
      <p className="text-sm text-stone-600">{t("audit.count", { count: events.total })}</p>
      <ol className="space-y-2">
        {events.rows.map((e) => (
          <li key={e.id} className="rounded-lg bg-white p-3 text-sm ring-1 ring-stone-200">
            <div className="flex flex-wrap justify-between gap-2">
              <span className="font-medium">
                {t(`audit.actions.${e.action.replace(".", "_")}`, { defaultValue: e.action })} · {e.target}
              </span>
              <time dateTime={e.at} className="tabular-nums text-stone-500">
                {time.format(new Date(e.at))}
              </time>
            </div>
            <p className="text-stone-600">{t("audit.by", { actor: e.actor ?? t("audit.system") })}</p>
            {e.reason ? (
              <p>
                {t("audit.reason")}
                {t("form.colon")}
                {e.reason}
              </p>
            ) : null}
            {e.before || e.after ? (
              <details className="mt-1">
                <summary className="cursor-pointer text-brand-700">{t("audit.details")}</summary>
                {e.before ? (
                  <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-stone-50 p-2 text-xs">
                    {t("audit.before")}
                    {t("form.colon")}
                    {e.before}
                  </pre>
                ) : null}
                {e.after ? (
                  <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-stone-50 p-2 text-xs">
                    {t("audit.after")}
                    {t("form.colon")}
                    {e.after}
                  </pre>
                ) : null}
              </details>
            ) : null}
          </li>
        ))}
      </ol>
      <Pagination page={Number(filter.page)} pageCount={events.pageCount} />
    </div>
  );
}
