import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess } from "~/.server/web/guards";
import { exerciseLists } from "~/.server/exercises/exercises";
import { DateTime } from "~/components/DateTime";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("exercise.title");

/** 实训作业: the exercises set for me, and for trainers and admins the ones they manage. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scopes } = await requireAccess(request, "exercise:read");
  const { mine, managed } = await exerciseLists({ id: user.id, scopes });
  return {
    canSet: scopes.length > 0,
    mine: mine.map(({ exercise: e, submission: s }) => ({
      id: e.id,
      title: e.title,
      dueAt: e.dueAt.toISOString(),
      state: s?.state ?? null,
      score: s?.state === "released" ? s.score : null,
      passed: s?.state === "released" ? s.passed : null,
    })),
    managed: managed.map((e) => ({ id: e.id, title: e.title, dueAt: e.dueAt.toISOString() })),
  };
}

export default function Exercises() {
  const { t } = useTranslation();
  const { mine, managed, canSet } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold text-brand-800">{t("exercise.title")}</h1>
      <section aria-labelledby="mine" className="space-y-2">
        <h2 id="mine" className="text-lg font-semibold">
          {t("exercise.mine")}
        </h2>
        {mine.length === 0 ? <p className="text-stone-600">{t("exercise.noneMine")}</p> : null}
        <ul className="space-y-2">
          {mine.map((e) => (
            <li key={e.id} className="rounded-lg bg-white p-3 ring-1 ring-stone-200">
              <Link to={`/exercises/${e.id}`} className="font-medium text-brand-700 underline">
                {e.title}
              </Link>
              <p className="text-sm text-stone-600">
                {t("exercise.due")} <DateTime value={e.dueAt} /> · {t(`exercise.state.${e.state ?? "none"}`)}
                {e.score !== null
                  ? ` · ${t("exercise.scoreShort", { score: e.score })}${e.passed ? ` · ${t("quiz.passed")}` : ` · ${t("quiz.failed")}`}`
                  : ""}
              </p>
            </li>
          ))}
        </ul>
      </section>
      {canSet ? (
        <section aria-labelledby="managed" className="space-y-2">
          <h2 id="managed" className="text-lg font-semibold">
            {t("exercise.managed")}
          </h2>
          <div className="flex flex-wrap gap-3">
            <Link to="/exercises/new" className="inline-block rounded-md bg-brand-700 px-5 py-3 font-medium text-white">
              {t("exercise.new")}
            </Link>
            <Link to="/rubrics" className="inline-block rounded-md border border-brand-700 px-5 py-3 text-brand-700">
              {t("rubric.library")}
            </Link>
          </div>
          <ul className="space-y-2">
            {managed.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-white p-3 ring-1 ring-stone-200">
                <Link to={`/exercises/${e.id}`} className="font-medium text-brand-700 underline">
                  {e.title}
                </Link>
                <span className="text-sm text-stone-600">
                  {t("exercise.due")} <DateTime value={e.dueAt} /> ·{" "}
                  <Link to={`/grading?exercise=${e.id}`} className="underline">
                    {t("exercise.toGrading")}
                  </Link>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
