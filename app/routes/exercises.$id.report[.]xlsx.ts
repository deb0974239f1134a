import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireGrant } from "~/.server/auth/guards";
import { exerciseFor } from "~/.server/exercises/exercises";
import { exerciseReport, exerciseReportXlsx } from "~/.server/exercises/report";
import { XLSX_TYPE, download } from "~/.server/http";

/** Staff of the exercise: its results over their subtree as .xlsx (names hidden while anonymous). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireGrant(request, ["trainer", "bureau_admin"]);
  const found = await exerciseFor(user, Number(params.id));
  if (!found?.staff) throw notFound();
  const report = await exerciseReport(user.scopes, found.exercise);
  return download(await exerciseReportXlsx(found.exercise, report), `作业成绩_${found.exercise.title}.xlsx`, XLSX_TYPE);
}
