import type { LoaderFunctionArgs } from "@remix-run/node";
import { XLSX_TYPE, download } from "~/.server/http";
import { rosterToXlsx } from "~/.server/roster/export";
import { exportName, rosterForExport } from "~/.server/roster/export-request";

/** Bureau admins: the filtered roster of their subtree as .xlsx. */
export async function loader({ request }: LoaderFunctionArgs) {
  return download(await rosterToXlsx(await rosterForExport(request)), exportName("xlsx"), XLSX_TYPE);
}
