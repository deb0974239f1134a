import type { LoaderFunctionArgs } from "@remix-run/node";
import { readAnnotatedCopy } from "~/.server/cases/import";
import { notFound, requireAccess } from "~/.server/web/guards";
import { XLSX_TYPE, download } from "~/.server/web/http";

/** The uploaded register with its errors marked, for the admin who uploaded it, for an hour. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireAccess(request, "case:import");
  const copy = readAnnotatedCopy(user.id, params.token ?? "");
  if (!copy) throw notFound();
  return download(copy, "调解案件台账（标出错误）.xlsx", XLSX_TYPE);
}
