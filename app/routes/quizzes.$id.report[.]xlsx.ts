import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireAccess } from "~/.server/web/guards";
import { XLSX_TYPE, download } from "~/.server/web/http";
import { getQuiz } from "~/.server/quizzes/bank";
import { quizReport, quizReportXlsx } from "~/.server/quizzes/report";

/** Trainers and bureau admins: the quiz report of their subtree as .xlsx. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scopes } = await requireAccess(request, "quiz-report:read");
  const quiz = getQuiz(params.id);
  if (!quiz) throw notFound();
  const report = await quizReport(quiz, scopes);
  return download(await quizReportXlsx(quiz, report), `测验分析_${quiz.title}.xlsx`, XLSX_TYPE);
}
