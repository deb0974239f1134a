import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/.server/web/guards";
import { defaultPeriod, eventReport, eventReportXlsx } from "~/.server/events/report";
import { XLSX_TYPE, download } from "~/.server/web/http";
import { currentYearInChina } from "~/lib/dates";
import { periodSchema } from "~/routes/events.report";

/** Bureau admins: the event report of their subtree as .xlsx. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAccess(request, "event:report");
  const parsed = periodSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const period = { ...defaultPeriod(currentYearInChina()), ...Object.fromEntries(Object.entries(parsed).filter(([, v]) => v)) } as {
    from: string;
    to: string;
  };
  const report = await eventReport(actor.scopes, period.from, period.to);
  return download(
    await eventReportXlsx(report, `${period.from} 至 ${period.to}`),
    `培训活动统计_${period.from}_${period.to}.xlsx`,
    XLSX_TYPE,
  );
}
