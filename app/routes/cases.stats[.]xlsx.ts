import type { LoaderFunctionArgs } from "@remix-run/node";
import { caseReportXlsx } from "~/.server/cases/report";
import { nodeCaseStats } from "~/.server/cases/stats";
import { requireComplianceTarget } from "~/.server/web/compliance-target";
import { XLSX_TYPE, download } from "~/.server/web/http";
import { todayInChina } from "~/lib/dates";

/** Admins: the node's case statistics for a year as .xlsx (summary and categories, child nodes, mediators). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { node, year } = await requireComplianceTarget(request, "case-stats:read");
  const stats = await nodeCaseStats(node, year);
  return download(await caseReportXlsx(node, stats, todayInChina()), `${node.name}${year}年度人民调解案件统计表.xlsx`, XLSX_TYPE);
}
