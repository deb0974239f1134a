import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/.server/web/guards";
import { XLSX_TYPE, download } from "~/.server/web/http";
import { orgOptions } from "~/.server/roster/scope";
import { buildTemplate } from "~/.server/roster/template";

/** Bureau admins: the import template, its 所属调委会 drop-down holding the admin's committees. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAccess(request, "roster:write");
  const committees = await orgOptions(actor.scopes, { committeesOnly: true, limit: 20_000 });
  return download(await buildTemplate(committees.map((c) => c.name)), "人民调解员花名册导入模板.xlsx", XLSX_TYPE);
}
