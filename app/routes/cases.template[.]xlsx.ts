import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/.server/web/guards";
import { XLSX_TYPE, download } from "~/.server/web/http";
import { orgOptions } from "~/.server/roster/scope";
import { buildCaseTemplate } from "~/.server/cases/template";

/** The register import template, its committee drop-down holding the admin's committees. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAccess(request, "case:import");
  const committees = await orgOptions(actor.scopes, { committeesOnly: true, limit: 20_000 });
  return download(await buildCaseTemplate(committees.map((c) => c.name)), "调解案件台账导入模板.xlsx", XLSX_TYPE);
}
