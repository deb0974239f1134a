import type { LoaderFunctionArgs } from "@remix-run/node";
import { download } from "~/.server/web/http";
import { rosterCsvStream } from "~/.server/roster/export";
import { requireAccess } from "~/.server/web/guards";
import { exportName, rosterForExport } from "~/.server/web/roster-export";

/** Bureau admins: the filtered roster as CSV (UTF-8 with BOM, formula-safe). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scopes } = await requireAccess(request, "roster:read");
  return download(rosterCsvStream(await rosterForExport(scopes, request)), exportName("csv"), "text/csv; charset=utf-8");
}
