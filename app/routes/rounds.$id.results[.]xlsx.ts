import type { LoaderFunctionArgs } from "@remix-run/node";
import { withinScopes } from "~/.server/access";
import { roundResultsXlsx } from "~/.server/rounds/results-xlsx";
import { findRound } from "~/.server/rounds/rounds";
import { requireAccess } from "~/.server/web/guards";
import { XLSX_TYPE, download } from "~/.server/web/http";

/** Bureau admins over the round: its results as .xlsx (about, level distribution, every decided application). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = await requireAccess(request, "round:manage", async (_, scopes) => {
    const round = await findRound(params.id);
    return round && withinScopes(scopes, round.orgPath) ? { round, orgPath: round.orgPath } : null;
  });
  return download(await roundResultsXlsx(target.round), `${target.round.title}评定结果.xlsx`, XLSX_TYPE);
}
