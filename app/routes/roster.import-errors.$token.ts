import type { LoaderFunctionArgs } from "@remix-run/node";
import { readAnnotatedRoster } from "~/.server/roster/import";
import { notFound, requireAccess } from "~/.server/web/guards";
import { XLSX_TYPE, download } from "~/.server/web/http";

/** The uploaded roster with its errors marked, for the admin who uploaded it, for an hour. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireAccess(request, "roster:write");
  const copy = readAnnotatedRoster(user.id, params.token ?? "");
  if (!copy) throw notFound();
  return download(copy, "人民调解员花名册（标出错误）.xlsx", XLSX_TYPE);
}
