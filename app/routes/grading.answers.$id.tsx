import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound, requireAccess } from "~/.server/web/guards";
import { answerForGrading, gradeAnswer, nextWaiting } from "~/.server/grading/answers";
import { parseAnswerGradeForm } from "~/.server/web/grade-form";
import { refuse } from "~/.server/web/reply";
import { DateTime } from "~/components/DateTime";
import { ErrorList, FormErrors, SubmitButton, inputClass } from "~/components/form";
import { answerGradeSchema } from "~/lib/grading";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("grading.title", "answer.quizTitle");

/** One written answer beside its reference answer; 404 outside the grader's subtree. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = await requireAccess(request, "answer:grade", (_, scopes) => answerForGrading(scopes, Number(params.id)));
  const { orgPath: _, ...answer } = target;
  return { answer, saved: new URL(request.url).searchParams.get("saved") };
}

/** Saves the grade (optimistic lock on the version the grader saw), then on to the next waiting answer. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { scopes, actor } = await requireAccess(request, "answer:grade");
  const id = Number(params.id);
  // The reply carries what the grader entered, so a refused save loses nothing they typed.
  const submission = parseAnswerGradeForm(await readFormData(request));
  if (submission.status !== "success") return refuse(submission.reply());
  const result = await gradeAnswer(actor, id, submission.value);
  if (!result.ok) {
    if (result.error === "notFound") throw notFound();
    const error = `grading.error.${result.error}`;
    if (result.error === "conflict") return refuse(submission.reply({ formErrors: [error] }), 409);
    return refuse(submission.reply({ fieldErrors: { [result.error === "scoreRange" ? "score" : "reason"]: [error] } }));
  }
  const next = await nextWaiting(scopes, undefined, id);
  throw redirect(next ? `/grading/answers/${next}?saved=${id}` : `/grading?saved=${id}`);
}

export default function GradeAnswer() {
  const { t } = useTranslation();
  const { answer, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { score: answer.score ?? "", comment: answer.comment ?? "" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: answerGradeSchema }),
  });
  const navigation = useNavigation();
  const final = answer.attempt.state === "graded";
  return (
    <article className="space-y-5">
      <Link to="/grading" className="text-sm text-brand-700 underline">
        {t("grading.back")}
      </Link>
      {saved ? (
        <p role="status" className="rounded bg-emerald-50 p-3 text-emerald-800">
          {t("grading.savedPrevious")}
        </p>
      ) : null}
      <header>
        <h1 className="text-xl font-bold text-brand-800">{answer.quizTitle}</h1>
        <p className="text-sm text-stone-600">
          {answer.mediator ?? "—"} · {t("quiz.attemptNumber", { number: answer.attempt.number })}
          {answer.attempt.submittedAt ? (
            <>
              {" "}
              · <DateTime value={answer.attempt.submittedAt} />
            </>
          ) : null}
        </p>
      </header>
      <div className="grid gap-4 lg:grid-cols-2">
        <section className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200" aria-labelledby="the-answer">
          <h2 id="the-answer" className="font-semibold">
            {t("grading.question")}
          </h2>
          <p className="whitespace-pre-line">{answer.stem}</p>
          <h3 className="font-semibold">{t("grading.candidateAnswer")}</h3>
          <p className="whitespace-pre-line rounded bg-stone-50 p-3">{answer.answer ?? t("quiz.unanswered")}</p>
        </section>
        <section className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200" aria-labelledby="reference">
          <h2 id="reference" className="font-semibold">
            {t("quiz.reference")}
          </h2>
          <p className="whitespace-pre-line text-sm">{answer.reference}</p>
          <p className="text-sm text-stone-600">
            <span className="font-medium">{t("quiz.explanation")}</span> {answer.explanation}
          </p>
        </section>
      </div>
      <Form method="post" {...getFormProps(form)} className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200">
        <input type="hidden" name="version" value={answer.version} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <label className="block text-sm font-medium">
          {t("grading.score", { points: answer.points })}
          <input
            {...getInputProps(fields.score, { type: "number" })}
            inputMode="decimal"
            min={0}
            max={answer.points}
            step={0.5}
            required
            className={`${inputClass} mt-1 max-w-32`}
          />
        </label>
        <ErrorList id={fields.score.errorId} errors={fields.score.errors} />
        <label className="block text-sm font-medium">
          {t("grading.comment")}
          <textarea {...getTextareaProps(fields.comment)} rows={4} maxLength={2000} className={`${inputClass} mt-1`} />
        </label>
        <ErrorList id={fields.comment.errorId} errors={fields.comment.errors} />
        {final ? (
          <>
            <label className="block text-sm font-medium">
              {t("grading.reason")}
              <input {...getInputProps(fields.reason, { type: "text" })} maxLength={500} className={`${inputClass} mt-1`} />
            </label>
            <p className="text-xs text-stone-500">{t("grading.reasonHint")}</p>
            <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
          </>
        ) : null}
        <SubmitButton pending={navigation.state !== "idle"}>{t("grading.save")}</SubmitButton>
      </Form>
    </article>
  );
}
