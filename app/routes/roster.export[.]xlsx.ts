import type { LoaderFunctionArgs } from "@remix-run/node";
import { XLSX_TYPE, download } from "~/.server/web/http";
import { rosterXlsxStream } from "~/.server/roster/export";
import { requireAccess } from "~/.server/web/guards";
import { exportName, rosterForExport } from "~/.server/web/roster-export";

/** Bureau admins: the filtered roster of their subtree as .xlsx. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scopes } = await requireAccess(request, "roster:read");
  return download(rosterXlsxStream(await rosterForExport(scopes, request)), exportName("xlsx"), XLSX_TYPE);
}
