import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/.server/auth/admin";
import { nodeDashboard } from "~/.server/compliance/dashboard";
import { complianceReportXlsx } from "~/.server/compliance/report";
import { complianceTarget } from "~/.server/compliance/target";
import { XLSX_TYPE, download } from "~/.server/http";
import { todayInChina } from "~/lib/dates";

/** Bureau admins: the node's annual training statistics as .xlsx (summary, by child node, by mediator). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAdmin(request);
  const { node, year } = await complianceTarget(request, actor.scopes);
  const dashboard = await nodeDashboard(node, year);
  return download(await complianceReportXlsx(node, dashboard, todayInChina()), `${node.name}${year}年度调解员培训统计表.xlsx`, XLSX_TYPE);
}
