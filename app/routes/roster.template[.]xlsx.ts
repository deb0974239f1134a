import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/.server/web/guards";
import { XLSX_TYPE, download } from "~/.server/web/http";
import { buildTemplate } from "~/.server/roster/template";

/** Bureau admins: the import template. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, "roster:write");
  return download(await buildTemplate(), "人民调解员花名册导入模板.xlsx", XLSX_TYPE);
}
