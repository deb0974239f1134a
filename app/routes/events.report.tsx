import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireAccess } from "~/.server/web/guards";
import { defaultPeriod, eventReport } from "~/.server/events/report";
import { inputClass } from "~/components/form";
import { currentYearInChina } from "~/lib/dates";
import { isIsoDate } from "~/lib/validation";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("events.reportTitle");

export const periodSchema = z.object({
  from: z.string().refine(isIsoDate).optional().catch(undefined),
  to: z.string().refine(isIsoDate).optional().catch(undefined),
});

/** Bureau admins: events held in their subtree in a period — sessions, 人次, hours, by form. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAccess(request, "event:report");
  const parsed = periodSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const period = { ...defaultPeriod(currentYearInChina()), ...Object.fromEntries(Object.entries(parsed).filter(([, v]) => v)) } as {
    from: string;
    to: string;
  };
  return { period, report: await eventReport(actor.scopes, period.from, period.to) };
}

export default function EventReport() {
  const { t } = useTranslation();
  const { period, report } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold text-brand-800">{t("events.reportTitle")}</h1>
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="mb-1 block">{t("audit.from")}</span>
          <input type="date" name="from" defaultValue={period.from} className={inputClass} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block">{t("audit.to")}</span>
          <input type="date" name="to" defaultValue={period.to} className={inputClass} />
        </label>
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 text-white">
          {t("roster.filter.apply")}
        </button>
        <a
          href={`/events/report.xlsx?from=${period.from}&to=${period.to}`}
          className="flex min-h-11 items-center rounded-md bg-white px-4 ring-1 ring-stone-300"
        >
          {t("roster.exportXlsx")}
        </a>
      </Form>
      <p className="text-stone-700">{t("events.reportTotals", report.totals)}</p>
      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-stone-200">
        <table className="w-full text-left text-sm">
          <thead className="bg-stone-100">
            <tr>
              <th className="px-3 py-2">{t("events.field.form")}</th>
              <th className="px-3 py-2">{t("events.sessions")}</th>
              <th className="px-3 py-2">{t("events.attendances")}</th>
              <th className="px-3 py-2">{t("events.field.hours")}</th>
            </tr>
          </thead>
          <tbody>
            {report.byForm.map((f) => (
              <tr key={f.form} className="border-t border-stone-100">
                <td className="px-3 py-2">{t(`trainingForm.${f.form}`)}</td>
                <td className="px-3 py-2">{f.sessions}</td>
                <td className="px-3 py-2">{f.attended}</td>
                <td className="px-3 py-2">{f.hours}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200">
        {report.rows.map((r) => (
          <li key={r.id} className="p-3 text-sm">
            <span className="font-medium">{r.title}</span>
            <span className="block text-stone-600">
              {r.date} · {t(`trainingForm.${r.form}`)} · {t("events.reportRow", r)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
