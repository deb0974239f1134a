import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/.server/web/guards";
import { exerciseFor } from "~/.server/exercises/exercises";
import { exerciseReport, exerciseReportXlsx } from "~/.server/exercises/report";
import { XLSX_TYPE, download } from "~/.server/web/http";

/** Staff of the exercise: its results over their subtree as .xlsx (names hidden while anonymous). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scopes, target: found } = await requireAccess(request, "exercise:grade", (user, scopes) =>
    exerciseFor({ id: user.id, scopes }, Number(params.id)),
  );
  const report = await exerciseReport(scopes, found.exercise);
  return download(await exerciseReportXlsx(found.exercise, report), `作业成绩_${found.exercise.title}.xlsx`, XLSX_TYPE);
}
