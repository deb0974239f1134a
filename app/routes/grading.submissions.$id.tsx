import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound, requireAccess } from "~/.server/web/guards";
import { nextUngraded, saveGrade, submissionForGrading } from "~/.server/exercises/grading";
import { gradeInputOf, parseGradeForm } from "~/.server/web/grade-form";
import { refuse } from "~/.server/web/reply";
import { DateTime } from "~/components/DateTime";
import { LessonHtml } from "~/components/LessonHtml";
import { RubricGrader } from "~/components/RubricGrader";
import { FormErrors, inputClass } from "~/components/form";
import type { RubricGrade } from "~/lib/rubric";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("grading.title", "exercise.title");

/** A submission beside the exercise's rubric; 404 outside the grader's subtree. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target: found } = await requireAccess(request, "exercise:grade", (_, scopes) => submissionForGrading(scopes, Number(params.id)));
  const { submission: s, exercise: e } = found;
  return {
    submission: {
      id: s.id,
      state: s.state,
      name: found.name,
      round: s.round,
      late: s.late,
      submittedAt: s.submittedAt?.toISOString() ?? null,
      bodyHtml: found.bodyHtml,
      files: found.files,
      grade: s.grade ?? null,
      overallComment: s.overallComment ?? "",
      score: s.score ?? null,
      version: s.lockVersion,
    },
    exercise: { id: e.id, title: e.title, rubric: e.rubric, passPercent: e.passPercent },
    saved: new URL(request.url).searchParams.get("saved"),
    // Arrived from the submission just released or returned: the notice is about that one.
    moved: new URL(request.url).searchParams.get("moved") === "1",
  };
}

/** intent=save (draft grade), release, or return; then on to the next ungraded submission. */
export async function action({ request, params }: ActionFunctionArgs) {
  const id = Number(params.id);
  const { scopes, actor, target: found } = await requireAccess(request, "exercise:grade", (_, scopes) => submissionForGrading(scopes, id));
  const submission = parseGradeForm(await readFormData(request));
  if (submission.status !== "success") return refuse(submission.reply({ formErrors: ["grading.error.conflict"] }), 400);
  const input = gradeInputOf(submission.value, found.exercise);
  const result = await saveGrade(actor, id, input);
  if (!result.ok) {
    if (result.error === "notFound") throw notFound();
    // The reply's initialValue is the grader's own picks and comments, so nothing typed is lost.
    return refuse(submission.reply({ formErrors: [`grading.error.${result.error}`] }), result.error === "conflict" ? 409 : 400);
  }
  if (input.intent === "save") throw redirect(`/grading/submissions/${id}?saved=${result.state}`);
  const next = await nextUngraded(scopes, found.exercise.id, id);
  throw redirect(
    next ? `/grading/submissions/${next}?saved=${result.state}&moved=1` : `/grading?exercise=${found.exercise.id}&saved=${result.state}`,
  );
}

export default function GradeSubmission() {
  const { t } = useTranslation();
  const { submission, exercise, saved, moved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>()?.result;
  const sent = result?.initialValue as
    { level?: Record<string, string>; comment?: Record<string, string>; overallComment?: string } | undefined;
  const grade: RubricGrade | null = sent
    ? Object.fromEntries(
        exercise.rubric.criteria.map((c) => [c.id, { levelId: sent.level?.[c.id] || null, comment: sent.comment?.[c.id] ?? "" }]),
      )
    : submission.grade;
  const overallComment = sent ? (sent.overallComment ?? "") : submission.overallComment;
  const released = submission.state === "released";
  return (
    <article className="space-y-5">
      <Link to={`/grading?exercise=${exercise.id}`} className="text-sm text-brand-700 underline">
        {t("grading.back")}
      </Link>
      {saved ? (
        <p role="status" className="rounded bg-emerald-50 p-3 text-emerald-800">
          {t(`grading.saved.${saved}`)}
          {moved ? ` ${t("grading.movedOn")}` : ""}
        </p>
      ) : null}
      <header>
        <h1 className="text-xl font-bold text-brand-800">{exercise.title}</h1>
        <p className="text-sm text-stone-600">
          {submission.name} · {t(`exercise.state.${submission.state}`)} · {t("exercise.round", { round: submission.round })}
          {submission.submittedAt ? (
            <>
              {" "}
              · <DateTime value={submission.submittedAt} />
            </>
          ) : null}
          {submission.late ? ` · ${t("exercise.lateMark")}` : ""}
        </p>
      </header>
      <div className="grid gap-4 lg:grid-cols-2">
        <section className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200" aria-labelledby="work">
          <h2 id="work" className="font-semibold">
            {t("grading.submission")}
          </h2>
          <LessonHtml html={submission.bodyHtml} />
          {submission.files.length ? (
            <ul className="text-sm">
              {submission.files.map((f) => (
                <li key={f.id}>
                  <a href={`/grading/submissions/${submission.id}/files/${f.id}`} className="text-brand-700 underline">
                    {f.name}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
        <Form method="post" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200">
          <h2 className="font-semibold">{t("grading.rubric", { pass: exercise.passPercent })}</h2>
          <input type="hidden" name="version" value={submission.version} />
          <FormErrors errors={result?.error?.[""] ?? undefined} />
          <RubricGrader key={JSON.stringify(grade)} rubric={exercise.rubric} grade={grade} />
          <label className="block text-sm font-medium">
            {t("grading.overallComment")}
            <textarea
              key={overallComment}
              name="overallComment"
              rows={4}
              maxLength={4000}
              defaultValue={overallComment}
              className={`${inputClass} mt-1`}
            />
          </label>
          {released ? (
            <label className="block text-sm font-medium">
              {t("grading.reason")}
              <input name="reason" maxLength={500} className={`${inputClass} mt-1`} />
              <span className="mt-1 block text-xs font-normal text-stone-500">{t("grading.reasonHint")}</span>
            </label>
          ) : null}
          <div className="flex flex-wrap gap-3">
            <button type="submit" name="intent" value="save" className="min-h-11 rounded-md border border-brand-700 px-4 text-brand-700">
              {released ? t("grading.saveChange") : t("grading.saveDraft")}
            </button>
            {!released ? (
              <>
                <button type="submit" name="intent" value="release" className="min-h-11 rounded-md bg-brand-700 px-4 text-white">
                  {t("grading.release")}
                </button>
                <button
                  type="submit"
                  name="intent"
                  value="return"
                  className="min-h-11 rounded-md border border-seal-600 px-4 text-seal-700"
                >
                  {t("grading.return")}
                </button>
              </>
            ) : null}
          </div>
        </Form>
      </div>
    </article>
  );
}
