import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess } from "~/.server/web/guards";
import { exerciseFor } from "~/.server/exercises/exercises";
import { exerciseReport } from "~/.server/exercises/report";
import { ScoreDistribution } from "~/components/ScoreDistribution";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("exercise.title", "exercise.title");

/** Staff of the exercise: results over their subtree, the score distribution, means per criterion. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scopes, target: found } = await requireAccess(request, "exercise:grade", (user, scopes) =>
    exerciseFor({ id: user.id, scopes }, Number(params.id)),
  );
  const report = await exerciseReport(scopes, found.exercise);
  return { exercise: { id: found.exercise.id, title: found.exercise.title }, report: { ...report, rows: undefined } };
}

export default function ExerciseReportPage() {
  const { t } = useTranslation();
  const { exercise, report } = useLoaderData<typeof loader>();
  return (
    <article className="space-y-5">
      <Link to={`/exercises/${exercise.id}`} className="text-sm text-brand-700 underline">
        {t("exercise.report.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("exercise.report.title", { title: exercise.title })}</h1>
      <p className="text-sm">
        {t("exercise.report.summary", {
          submitted: report.submitted,
          graded: report.graded,
          released: report.released,
          average: report.average ?? "—",
          max: report.maxPoints,
          passRate: report.passRate ?? "—",
        })}
      </p>
      <a
        href={`/exercises/${exercise.id}/report.xlsx`}
        className="inline-block rounded-md border border-brand-700 px-4 py-2 text-brand-700"
      >
        {t("quiz.report.download")}
      </a>
      <section aria-labelledby="distribution" className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
        <h2 id="distribution" className="mb-2 font-semibold">
          {t("exercise.report.distribution")}
        </h2>
        <ScoreDistribution buckets={report.buckets} />
      </section>
      <section aria-labelledby="criteria" className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
        <h2 id="criteria" className="mb-2 font-semibold">
          {t("exercise.report.criteria")}
        </h2>
        <ul className="space-y-1 text-sm">
          {report.criteria.map((c) => (
            <li key={c.id}>
              {c.name}：{c.mean ?? "—"} / {c.max}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
