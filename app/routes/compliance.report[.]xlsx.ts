import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireComplianceTarget } from "~/.server/web/compliance-target";
import { nodeDashboard } from "~/.server/compliance/dashboard";
import { complianceReportStream } from "~/.server/compliance/report";
import { XLSX_TYPE, download } from "~/.server/web/http";
import { todayInChina } from "~/lib/dates";

/** Bureau admins: the node's annual training statistics as .xlsx (summary, by child node, by mediator). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { node, year } = await requireComplianceTarget(request, "compliance:read");
  const dashboard = await nodeDashboard(node, year);
  return download(complianceReportStream(node, dashboard, todayInChina()), `${node.name}${year}年度调解员培训统计表.xlsx`, XLSX_TYPE);
}
