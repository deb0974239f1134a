import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireAccess } from "~/.server/web/guards";
import { XLSX_TYPE, download } from "~/.server/web/http";
import { reportQuiz } from "~/.server/exams/quiz";
import { quizReport, quizReportXlsx } from "~/.server/quizzes/report";

/** Trainers and bureau admins: the quiz report of their subtree as .xlsx. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scopes } = await requireAccess(request, "quiz-report:read");
  const quiz = await reportQuiz(params.id, scopes);
  if (!quiz) throw notFound();
  const report = await quizReport(quiz, scopes);
  return download(await quizReportXlsx(quiz, report), `测验分析_${quiz.title}.xlsx`, XLSX_TYPE);
}
