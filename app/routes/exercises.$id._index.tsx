import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { z } from "zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound, requireAccess } from "~/.server/web/guards";
import { attachmentViews, removeAttachment } from "~/.server/attachments";
import { ExerciseSubmission } from "~/.server/db/models";
import { exerciseFor } from "~/.server/exercises/exercises";
import { releaseAll, submissionCounts } from "~/.server/exercises/grading";
import { saveSubmission } from "~/.server/exercises/submissions";
import { parseSubmissionForm } from "~/.server/web/exercise-form";
import { refusal, refuse } from "~/.server/web/reply";
import { submissionSchema } from "~/lib/exercise";
import { renderMarkdown } from "~/.server/markdown";
import { tooLargeError } from "~/.server/uploads";
import { filesFrom, readForm } from "~/.server/web/uploads";
import { AttachmentList } from "~/components/AttachmentList";
import { DateTime } from "~/components/DateTime";
import { LessonHtml } from "~/components/LessonHtml";
import { RubricTable } from "~/components/RubricTable";
import { ErrorList, FormErrors, inputClass, resultBesides, resultFor } from "~/components/form";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("exercise.title", "exercise.title");

/** An exercise: its brief and rubric; for its audience, my submission; for staff, counts and release. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const {
    user,
    scopes,
    target: found,
  } = await requireAccess(request, "exercise:read", (user, scopes) => exerciseFor({ id: user.id, scopes }, Number(params.id)));
  const { exercise, staff, member } = found;
  const mine = member ? await ExerciseSubmission.findOne({ where: { exerciseId: exercise.id, userId: user.id } }) : null;
  const released = mine?.state === "released";
  return {
    exercise: {
      id: exercise.id,
      title: exercise.title,
      briefHtml: renderMarkdown(exercise.brief),
      dueAt: exercise.dueAt.toISOString(),
      latePolicy: exercise.latePolicy,
      resubmissions: exercise.resubmissions,
      hours: exercise.hours,
      passPercent: exercise.passPercent,
      anonymous: exercise.anonymous,
      rubric: exercise.rubric,
      audience: found.audienceName,
      materials: await attachmentViews("exercise", exercise.id),
    },
    staff,
    member,
    counts: staff ? await submissionCounts(scopes, exercise.id) : null,
    mine: mine
      ? {
          state: mine.state,
          body: mine.body,
          // What was handed in, as the grader sees it (shown once the form is gone: submitted, graded, released).
          bodyHtml: mine.state === "draft" || mine.state === "returned" ? null : renderMarkdown(mine.body),
          round: mine.round,
          late: mine.late,
          submittedAt: mine.submittedAt?.toISOString() ?? null,
          files: await attachmentViews("submission", mine.id),
          // The grade only once released; a returned submission shows the grader's comment.
          overallComment: released || mine.state === "returned" ? mine.overallComment : null,
          result: released ? { score: mine.score, passed: mine.passed, grade: mine.grade } : null,
        }
      : null,
    flash: new URL(request.url).searchParams.get("done"),
  };
}

/** intent=draft|submit|remove-file (audience) or release-all (staff). */
export async function action({ request, params }: ActionFunctionArgs) {
  const {
    user,
    actor,
    target: found,
  } = await requireAccess(request, "exercise:read", (user, scopes) => exerciseFor({ id: user.id, scopes }, Number(params.id)));
  const form = await readForm(request);
  if (!form) return refuse(refusal({ fieldErrors: { files: [tooLargeError] } }), 413);
  if (form.get("intent") === "release-all") {
    if (!found.staff) throw notFound();
    const count = await releaseAll(actor, found.exercise.id);
    throw redirect(`/exercises/${found.exercise.id}?done=released-${count}`);
  }
  if (!found.member) throw notFound();
  if (form.get("intent") === "remove-file") {
    // Only the author's draft: anyone else (and a file the draft does not hold) gets 404.
    const mine = await ExerciseSubmission.findOne({
      where: { exerciseId: found.exercise.id, userId: user.id },
      attributes: ["id", "body"],
    });
    const removed = mine
      ? await removeAttachment(user.id, { kind: "submission", id: mine.id }, Number(form.get("attachmentId")))
      : "notFound";
    if (removed === "notFound") throw notFound();
    if (removed === "notDraft")
      return refuse(refusal({ fieldErrors: { attachmentId: ["attachment.notDraft"] } }, { intent: "remove-file" }), 409);
    throw redirect(`/exercises/${found.exercise.id}?done=removed`);
  }
  const files = await filesFrom(form);
  form.delete("files");
  const submission = parseSubmissionForm(form);
  if (submission.status !== "success") return refuse(submission.reply());
  const result = await saveSubmission(user.id, found.exercise, submission.value, files);
  if (!result.ok) {
    // What belongs to no field (late, locked, no resubmissions left) is the submission's state: a conflict.
    if (result.field === "form") return refuse(submission.reply({ formErrors: [result.error] }), 409);
    return refuse(submission.reply({ fieldErrors: { [result.field]: [result.error] } }));
  }
  throw redirect(`/exercises/${found.exercise.id}?done=${submission.value.intent}`);
}

export default function ExercisePage() {
  const { t } = useTranslation();
  const { exercise, staff, member, counts, mine, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof submissionSchema> & { files?: File[] }>({
    lastResult: resultBesides(actionData?.result, ["remove-file"]),
    defaultValue: { body: mine?.body ?? "" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: submissionSchema }),
  });
  const storedErrors = resultFor(actionData?.result, "remove-file")?.error?.attachmentId ?? undefined;
  const editable = member && (!mine || mine.state === "draft" || mine.state === "returned");
  const storedKey = mine?.files.map((f) => f.id).join(",") ?? "";
  return (
    <article className="space-y-5">
      <Link to="/exercises" className="text-sm text-brand-700 underline">
        {t("exercise.back")}
      </Link>
      <header>
        <h1 className="text-2xl font-bold text-brand-800">{exercise.title}</h1>
        <p className="mt-1 text-sm text-stone-600">
          {t("exercise.due")} <DateTime value={exercise.dueAt} /> · {t(`exercise.late.${exercise.latePolicy}`)} ·{" "}
          {t("exercise.meta", { hours: exercise.hours, pass: exercise.passPercent, count: exercise.resubmissions })}
          {exercise.audience ? ` · ${t("exercise.for", { audience: exercise.audience })}` : ""}
          {exercise.anonymous ? ` · ${t("exercise.anonymous")}` : ""}
        </p>
      </header>
      {flash ? (
        <p role="status" className="rounded bg-emerald-50 p-3 text-emerald-800">
          {t(`exercise.flash.${flash.split("-")[0]}`, { count: Number(flash.split("-")[1] ?? 0) })}
        </p>
      ) : null}
      <section className="rounded-lg bg-white p-4 ring-1 ring-stone-200" aria-labelledby="brief">
        <h2 id="brief" className="sr-only">
          {t("exercise.field.brief")}
        </h2>
        <LessonHtml html={exercise.briefHtml} />
        {exercise.materials.length ? (
          <div className="mt-3 border-t border-stone-100 pt-2">
            <h3 className="text-sm font-semibold">{t("exercise.materials")}</h3>
            <ul className="text-sm">
              {exercise.materials.map((f) => (
                <li key={f.id}>
                  <a href={`/exercises/${exercise.id}/files/${f.id}`} className="text-brand-700 underline">
                    {f.name}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
      <section aria-labelledby="rubric" className="space-y-2">
        <h2 id="rubric" className="text-lg font-semibold">
          {t("exercise.rubricHeading", { title: exercise.rubric.title, points: exercise.rubric.maxPoints })}
        </h2>
        <RubricTable rubric={exercise.rubric} />
      </section>
      {staff && counts ? (
        <section aria-labelledby="staff" className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
          <h2 id="staff" className="font-semibold">
            {t("exercise.submissions")}
          </h2>
          <p className="text-sm">{t("exercise.counts", counts)}</p>
          <div className="flex flex-wrap gap-3">
            <Link to={`/grading?exercise=${exercise.id}`} className="inline-block rounded-md bg-brand-700 px-4 py-2 text-white">
              {t("exercise.toGrading")}
            </Link>
            <Link
              to={`/exercises/${exercise.id}/report`}
              className="inline-block rounded-md border border-brand-700 px-4 py-2 text-brand-700"
            >
              {t("exercise.report.link")}
            </Link>
            <Form method="post" encType="multipart/form-data">
              <button
                type="submit"
                name="intent"
                value="release-all"
                className="min-h-11 rounded-md border border-brand-700 px-4 text-brand-700"
              >
                {t("exercise.releaseAll")}
              </button>
            </Form>
          </div>
        </section>
      ) : null}
      {member ? (
        <section aria-labelledby="my-work" className="space-y-3">
          <h2 id="my-work" className="text-lg font-semibold">
            {t("exercise.myWork")}
          </h2>
          {mine ? (
            <p className="text-sm">
              {t(`exercise.state.${mine.state}`)}
              {mine.submittedAt ? (
                <>
                  {" "}
                  · <DateTime value={mine.submittedAt} />
                </>
              ) : null}
              {mine.late ? ` · ${t("exercise.lateMark")}` : ""}
            </p>
          ) : null}
          {mine?.overallComment ? (
            <p className="whitespace-pre-line rounded bg-amber-50 p-3 text-sm">
              <span className="font-medium">{t("exercise.graderComment")}</span> {mine.overallComment}
            </p>
          ) : null}
          {mine?.result ? (
            <div className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
              <p className="text-2xl font-bold">
                <span className={mine.result.passed ? "text-emerald-700" : "text-seal-600"}>
                  {t("rubric.pointsValue", { points: mine.result.score })}
                </span>
                <span className="ml-2 text-base">
                  / {exercise.rubric.maxPoints} · {mine.result.passed ? t("quiz.passed") : t("quiz.failed")}
                </span>
              </p>
              <ul className="mt-2 space-y-1 text-sm">
                {exercise.rubric.criteria.map((c) => {
                  const picked = c.levels.find((l) => l.id === mine.result?.grade?.[c.id]?.levelId);
                  const comment = mine.result?.grade?.[c.id]?.comment;
                  return (
                    <li key={c.id}>
                      <span className="font-medium">{c.name}</span>：
                      {picked ? `${picked.name}（${t("rubric.pointsValue", { points: picked.points })}）` : "—"}
                      {comment ? <span className="block text-stone-600">{comment}</span> : null}
                    </li>
                  );
                })}
              </ul>
            </div>
          ) : null}
          {!editable && mine?.bodyHtml ? (
            <section aria-labelledby="my-answer" className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
              <h3 id="my-answer" className="mb-2 text-sm font-semibold">
                {t("exercise.myAnswer")}
              </h3>
              <LessonHtml html={mine.bodyHtml} />
            </section>
          ) : null}
          {editable ? (
            <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-3">
              <FormErrors id={form.errorId} errors={form.errors} />
              <label className="block text-sm font-medium">
                {t("exercise.field.body")}
                <textarea {...getTextareaProps(fields.body)} rows={14} className={`${inputClass} mt-1`} />
              </label>
              <p className="text-xs text-stone-500">{t("exercise.bodyHint")}</p>
              <ErrorList id={fields.body.errorId} errors={fields.body.errors} />
              <label className="block text-sm font-medium">
                {t("exercise.field.files")}
                {/* A new input once files are stored: what was chosen for the draft is not sent again with 提交. */}
                <input
                  {...getInputProps(fields.files, { type: "file" })}
                  key={storedKey}
                  multiple
                  accept=".jpg,.jpeg,.png,.pdf"
                  className="mt-1 block"
                />
              </label>
              {mine?.files.length ? <p className="text-xs text-stone-500">{t("attachment.addMore")}</p> : null}
              <ErrorList id={fields.files.errorId} errors={fields.files.errors} />
              <div className="flex flex-wrap gap-3">
                <button
                  type="submit"
                  name="intent"
                  value="draft"
                  className="min-h-11 rounded-md border border-brand-700 px-4 text-brand-700"
                >
                  {t("training.saveDraft")}
                </button>
                <button type="submit" name="intent" value="submit" className="min-h-11 rounded-md bg-brand-700 px-5 text-white">
                  {t("exercise.submit")}
                </button>
              </div>
            </Form>
          ) : null}
          {mine ? (
            <AttachmentList
              files={mine.files}
              href={(id) => `/exercises/${exercise.id}/my-files/${id}`}
              removable={mine.state === "draft"}
              errors={storedErrors}
            />
          ) : null}
        </section>
      ) : null}
    </article>
  );
}
