import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess } from "~/.server/web/guards";
import { now } from "~/.server/clock";
import { examsInScopes } from "~/.server/exams/exams";
import { DateTime } from "~/components/DateTime";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("exam.list.title");

/** 考试安排: the exams scheduled for nodes of the user's subtree, with how many have taken them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scopes } = await requireAccess(request, "exam:manage");
  const at = now();
  const exams = await examsInScopes(scopes);
  return {
    exams: exams.map((e) => ({
      ...e,
      window: at < new Date(e.opensAt) ? "notOpen" : at >= new Date(e.closesAt) ? "closed" : "open",
    })),
  };
}

export default function Exams() {
  const { t } = useTranslation();
  const { exams } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold text-brand-800">{t("exam.list.title")}</h1>
        <Link to="/exams/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 font-medium text-white">
          {t("exam.new")}
        </Link>
      </div>
      <p className="text-sm text-stone-600">{t("exam.list.explain")}</p>
      {exams.length === 0 ? <p className="text-stone-600">{t("exam.list.empty")}</p> : null}
      <ul className="space-y-3">
        {exams.map((e) => (
          <li key={e.id} className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
            <Link to={`/exams/${e.id}`} className="text-lg font-semibold text-brand-700 underline-offset-2 hover:underline">
              {e.title}
            </Link>
            <p className="mt-1 text-sm text-stone-600">
              {e.unit} · {t(`exam.window.${e.window}`)} · {t("exam.list.questions", { count: e.questionCount })}
            </p>
            <p className="mt-1 text-sm text-stone-600">
              <DateTime value={e.opensAt} /> – <DateTime value={e.closesAt} />
            </p>
            <p className="mt-1 text-sm">{t("exam.list.taken", { attempts: e.attempts, people: e.people })}</p>
            <p className="mt-2 flex flex-wrap gap-4 text-sm">
              <Link to={`/exams/${e.id}`} className="text-brand-700 underline">
                {t("exam.edit")}
              </Link>
              <Link to={`/quizzes/${e.quizId}`} className="text-brand-700 underline">
                {t("exam.viewAsQuiz")}
              </Link>
              <Link to={`/quizzes/${e.quizId}/report`} className="text-brand-700 underline">
                {t("quiz.report.link")}
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
