import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/.server/auth/admin";
import { XLSX_TYPE, download } from "~/.server/http";
import { buildTemplate } from "~/.server/roster/template";

/** Bureau admins: the import template. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return download(await buildTemplate(), "人民调解员花名册导入模板.xlsx", XLSX_TYPE);
}
