import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireAccess } from "~/.server/web/guards";
import { exerciseLists } from "~/.server/exercises/exercises";
import { nextUngraded, submissionQueue } from "~/.server/exercises/grading";
import { answerQueue, nextWaiting } from "~/.server/grading/answers";
import { listQuizzes } from "~/.server/quizzes/bank";
import { examQuizzesOverScopes } from "~/.server/exams/quiz";
import { DateTime } from "~/components/DateTime";
import { inputClass } from "~/components/form";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("grading.title");

const filterSchema = z.object({
  state: z.enum(["waiting", "graded"]).default("waiting").catch("waiting"),
  quiz: z.string().max(64).optional().catch(undefined),
  exercise: z.coerce.number().int().positive().optional().catch(undefined),
  submissions: z.enum(["submitted", "graded", "returned", "released"]).default("submitted").catch("submitted"),
  // What the grader just did on the last submission (a release, a return), confirmed here.
  saved: z.enum(["graded", "released", "returned"]).nullable().default(null).catch(null),
});

/** Trainers and bureau admins: written quiz answers of mediators in their subtree, waiting or graded. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scopes } = await requireAccess(request, "exercise:grade");
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const quizId = filter.quiz || undefined;
  const [queue, next, exerciseQueue, nextSubmission, exercises] = await Promise.all([
    answerQueue(scopes, { state: filter.state, quizId }),
    nextWaiting(scopes, quizId),
    submissionQueue(scopes, { exerciseId: filter.exercise, state: filter.submissions }),
    nextUngraded(scopes, filter.exercise),
    exerciseLists({ id: user.id, scopes: scopes }),
  ]);
  return {
    filter,
    saved: filter.saved,
    queue,
    next,
    exerciseQueue,
    nextSubmission,
    exercises: exercises.managed.map((e) => ({ id: e.id, title: e.title })),
    quizzes: [...(await examQuizzesOverScopes(scopes)), ...listQuizzes()]
      .filter((q) => q.draw.some((r) => !r.type || r.type === "short"))
      .map((q) => ({ id: q.id, title: q.title })),
  };
}

export default function GradingQueue() {
  const { t } = useTranslation();
  const { filter, saved, queue, next, quizzes, exerciseQueue, nextSubmission, exercises } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold text-brand-800">{t("grading.title")}</h1>
      {saved ? (
        <p role="status" className="rounded bg-emerald-50 p-3 text-emerald-800">
          {t(`grading.saved.${saved}`)}
        </p>
      ) : null}
      <section aria-labelledby="exercise-queue" className="space-y-3">
        <h2 id="exercise-queue" className="text-lg font-semibold">
          {t("grading.exercises")}
        </h2>
        <p className="text-sm">{t("exercise.counts", exerciseQueue.counts)}</p>
        {nextSubmission ? (
          <Link
            to={`/grading/submissions/${nextSubmission}`}
            className="inline-block rounded-md bg-brand-700 px-5 py-3 font-medium text-white"
          >
            {t("grading.nextUngraded")}
          </Link>
        ) : (
          <p className="rounded bg-emerald-50 p-3 text-emerald-800">{t("grading.noUngraded")}</p>
        )}
        <Form method="get" className="flex flex-wrap items-end gap-2">
          <label className="text-sm">
            <span className="mb-1 block">{t("grading.filter.exercise")}</span>
            <select name="exercise" defaultValue={filter.exercise ?? ""} className={inputClass}>
              <option value="">{t("grading.filter.allExercises")}</option>
              {exercises.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.title}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="mb-1 block">{t("grading.filter.state")}</span>
            <select name="submissions" defaultValue={filter.submissions} className={inputClass}>
              {(["submitted", "graded", "returned", "released"] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`exercise.state.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="min-h-11 rounded-md border border-brand-700 px-4 text-brand-700">
            {t("grading.filter.apply")}
          </button>
        </Form>
        {exerciseQueue.rows.length === 0 ? (
          <p className="text-stone-600">{t("grading.emptySubmissions")}</p>
        ) : (
          <ul className="divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200">
            {exerciseQueue.rows.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
                <span>
                  <span className="font-medium">{r.name}</span> · {r.exerciseTitle}
                  {r.submittedAt ? (
                    <>
                      {" "}
                      · <DateTime value={r.submittedAt} />
                    </>
                  ) : null}
                  {r.late ? ` · ${t("exercise.lateMark")}` : ""}
                </span>
                <Link to={`/grading/submissions/${r.id}`} className="text-brand-700 underline">
                  {r.score === null ? t("grading.grade") : t("grading.gradedScore", { score: r.score, points: r.maxPoints })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <h2 className="text-lg font-semibold">{t("grading.answers")}</h2>
      <p className="text-sm text-stone-600">{t("grading.intro")}</p>
      <p className="text-sm">{t("grading.counts", { waiting: queue.waiting, graded: queue.graded })}</p>
      {next ? (
        <Link
          to={`/grading/answers/${next}${filter.quiz ? `?quiz=${encodeURIComponent(filter.quiz)}` : ""}`}
          className="inline-block rounded-md bg-brand-700 px-5 py-3 font-medium text-white"
        >
          {t("grading.startNext")}
        </Link>
      ) : (
        <p className="rounded bg-emerald-50 p-3 text-emerald-800">{t("grading.allDone")}</p>
      )}
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="mb-1 block">{t("grading.filter.state")}</span>
          <select name="state" defaultValue={filter.state} className={inputClass}>
            <option value="waiting">{t("grading.state.waiting")}</option>
            <option value="graded">{t("grading.state.graded")}</option>
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block">{t("grading.filter.quiz")}</span>
          <select name="quiz" defaultValue={filter.quiz ?? ""} className={inputClass}>
            <option value="">{t("grading.filter.allQuizzes")}</option>
            {quizzes.map((q) => (
              <option key={q.id} value={q.id}>
                {q.title}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="min-h-11 rounded-md border border-brand-700 px-4 text-brand-700">
          {t("grading.filter.apply")}
        </button>
      </Form>
      {queue.rows.length === 0 ? (
        <p className="text-stone-600">{t("grading.empty")}</p>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200">
          {queue.rows.map((r) => (
            <li key={r.itemId} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
              <span>
                <span className="font-medium">{r.mediator ?? "—"}</span> · {r.quizTitle} ·{" "}
                {t("quiz.questionNumber", { number: r.position })}
                {r.submittedAt ? (
                  <>
                    {" "}
                    · <DateTime value={r.submittedAt} />
                  </>
                ) : null}
              </span>
              <Link to={`/grading/answers/${r.itemId}`} className="text-brand-700 underline">
                {r.score === null ? t("grading.grade") : t("grading.gradedScore", { score: r.score, points: r.points })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
