import type { LoaderFunctionArgs } from "@remix-run/node";
import { download } from "~/.server/http";
import { rosterToCsv } from "~/.server/roster/export";
import { exportName, rosterForExport } from "~/.server/roster/export-request";

/** Bureau admins: the filtered roster as CSV (UTF-8 with BOM, formula-safe). */
export async function loader({ request }: LoaderFunctionArgs) {
  return download(rosterToCsv(await rosterForExport(request)), exportName("csv"), "text/csv; charset=utf-8");
}
