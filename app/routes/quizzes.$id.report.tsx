import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound, requireAccess } from "~/.server/web/guards";
import { reportQuiz } from "~/.server/exams/quiz";
import { quizReport } from "~/.server/quizzes/report";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("quiz.title", "quiz.title");

/** Trainers and bureau admins: a quiz's results over the mediators of their subtree, with item analysis. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scopes } = await requireAccess(request, "quiz-report:read");
  const quiz = await reportQuiz(params.id, scopes);
  if (!quiz) throw notFound();
  return { quiz: { id: quiz.id, title: quiz.title, passMark: quiz.passMark }, report: await quizReport(quiz, scopes) };
}

export default function QuizReportPage() {
  const { t } = useTranslation();
  const { quiz, report } = useLoaderData<typeof loader>();
  const figures = [
    [t("quiz.report.attempts"), report.attempts],
    [t("quiz.report.participants"), report.participants],
    [t("quiz.report.average"), report.average === null ? "—" : `${report.average}%`],
    [t("quiz.report.passRate"), report.passRate === null ? "—" : `${Math.round(report.passRate * 1000) / 10}%`],
  ] as const;
  return (
    <article className="space-y-5">
      <Link to={`/quizzes/${quiz.id}`} className="text-sm text-brand-700 underline">
        {t("quiz.backToQuiz")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("quiz.report.title", { title: quiz.title })}</h1>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {figures.map(([label, value]) => (
          <div key={label} className="rounded-lg bg-white p-3 ring-1 ring-stone-200">
            <dt className="text-sm text-stone-600">{label}</dt>
            <dd className="text-2xl font-bold text-brand-800">{value}</dd>
          </div>
        ))}
      </dl>
      <a href={`/quizzes/${quiz.id}/report.xlsx`} className="inline-block rounded-md border border-brand-700 px-4 py-2 text-brand-700">
        {t("quiz.report.download")}
      </a>
      <p className="text-sm text-stone-600">{t("quiz.report.explain")}</p>
      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-stone-200">
        <table className="min-w-full text-sm">
          <thead className="bg-stone-100 text-left">
            <tr>
              <th className="p-2">{t("quiz.report.question")}</th>
              <th className="p-2">{t("quiz.report.n")}</th>
              <th className="p-2">{t("quiz.report.difficulty")}</th>
              <th className="p-2">{t("quiz.report.discrimination")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {report.items.map((s) => (
              <tr key={s.questionId}>
                <td className="p-2">
                  <span className="text-xs text-stone-500">
                    {s.questionId} · {t(`quiz.type.${report.questions[s.questionId].type}`)}
                  </span>
                  <span className="block max-w-prose">{report.questions[s.questionId].stem}</span>
                </td>
                <td className="p-2">{s.n}</td>
                <td className="p-2">{s.difficulty ?? "—"}</td>
                <td className={`p-2 ${s.discrimination !== null && s.discrimination < 0.2 ? "font-medium text-seal-600" : ""}`}>
                  {s.discrimination ?? "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {report.items.length === 0 ? <p className="p-4 text-stone-600">{t("quiz.report.empty")}</p> : null}
      </div>
    </article>
  );
}
