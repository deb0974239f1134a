import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound, requireAccess } from "~/.server/web/guards";
import { answerForGrading, gradeAnswer, gradeSchema, nextWaiting } from "~/.server/grading/answers";
import { DateTime } from "~/components/DateTime";
import { ErrorList, SubmitButton, inputClass, useErrorText } from "~/components/form";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("grading.title", "answer.quizTitle");

/** One written answer beside its reference answer; 404 outside the grader's subtree. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = await requireAccess(request, "answer:grade", (_, scopes) => answerForGrading(scopes, Number(params.id)));
  const { orgPath: _, ...answer } = target;
  return { answer, saved: new URL(request.url).searchParams.get("saved") };
}

/** Errors, and what the grader entered, so a refused save loses nothing they typed. */
type ActionData = { errors: Record<string, string[]>; attempted?: { score: string; comment: string } };

/** Saves the grade (optimistic lock on the version the grader saw), then on to the next waiting answer. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { scopes, actor } = await requireAccess(request, "answer:grade");
  const id = Number(params.id);
  const parsed = gradeSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const errors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
    return Response.json({ errors } satisfies ActionData, { status: 400 });
  }
  const result = await gradeAnswer(actor, id, parsed.data);
  if (!result.ok) {
    if (result.error === "notFound") throw notFound();
    const field = result.error === "scoreRange" ? "score" : result.error === "reasonRequired" ? "reason" : "form";
    return Response.json({ errors: { [field]: [`grading.error.${result.error}`] }, attempted: { score: String(parsed.data.score), comment: parsed.data.comment } } satisfies ActionData, { status: result.error === "conflict" ? 409 : 400 });
  }
  const next = await nextWaiting(scopes, undefined, id);
  throw redirect(next ? `/grading/answers/${next}?saved=${id}` : `/grading?saved=${id}`);
}

export default function GradeAnswer() {
  const { t } = useTranslation();
  const text = useErrorText();
  const { answer, saved } = useLoaderData<typeof loader>();
  const failed = useActionData<ActionData>();
  const errors = failed?.errors ?? {};
  const attempted = failed?.attempted;
  const navigation = useNavigation();
  const final = answer.attempt.state === "graded";
  return (
    <article className="space-y-5">
      <Link to="/grading" className="text-sm text-brand-700 underline">{t("grading.back")}</Link>
      {saved ? <p role="status" className="rounded bg-emerald-50 p-3 text-emerald-800">{t("grading.savedPrevious")}</p> : null}
      <header>
        <h1 className="text-xl font-bold text-brand-800">{answer.quizTitle}</h1>
        <p className="text-sm text-stone-600">
          {answer.mediator ?? "—"} · {t("quiz.attemptNumber", { number: answer.attempt.number })}
          {answer.attempt.submittedAt ? <> · <DateTime value={answer.attempt.submittedAt} /></> : null}
        </p>
      </header>
      <div className="grid gap-4 lg:grid-cols-2">
        <section className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200" aria-labelledby="the-answer">
          <h2 id="the-answer" className="font-semibold">{t("grading.question")}</h2>
          <p className="whitespace-pre-line">{answer.stem}</p>
          <h3 className="font-semibold">{t("grading.candidateAnswer")}</h3>
          <p className="whitespace-pre-line rounded bg-stone-50 p-3">{answer.answer ?? t("quiz.unanswered")}</p>
        </section>
        <section className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200" aria-labelledby="reference">
          <h2 id="reference" className="font-semibold">{t("quiz.reference")}</h2>
          <p className="whitespace-pre-line text-sm">{answer.reference}</p>
          <p className="text-sm text-stone-600"><span className="font-medium">{t("quiz.explanation")}</span> {answer.explanation}</p>
        </section>
      </div>
      <Form method="post" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200">
        <input type="hidden" name="version" value={answer.version} />
        {errors.form ? <p role="alert" className="rounded bg-seal-50 p-3 text-seal-700">{errors.form.map(text).join(" ")}</p> : null}
        <label className="block text-sm font-medium">
          {t("grading.score", { points: answer.points })}
          <input name="score" type="number" inputMode="decimal" min={0} max={answer.points} step={0.5} required key={attempted?.score ?? "score"} defaultValue={attempted?.score ?? answer.score ?? ""} aria-invalid={Boolean(errors.score)} className={`${inputClass} mt-1 max-w-32`} />
        </label>
        <ErrorList errors={errors.score} />
        <label className="block text-sm font-medium">
          {t("grading.comment")}
          <textarea name="comment" rows={4} maxLength={2000} key={attempted?.comment ?? "comment"} defaultValue={attempted?.comment ?? answer.comment ?? ""} className={`${inputClass} mt-1`} />
        </label>
        <ErrorList errors={errors.comment} />
        {final ? (
          <>
            <label className="block text-sm font-medium">
              {t("grading.reason")}
              <input name="reason" maxLength={500} aria-invalid={Boolean(errors.reason)} className={`${inputClass} mt-1`} />
            </label>
            <p className="text-xs text-stone-500">{t("grading.reasonHint")}</p>
            <ErrorList errors={errors.reason} />
          </>
        ) : null}
        <SubmitButton pending={navigation.state !== "idle"}>{t("grading.save")}</SubmitButton>
      </Form>
    </article>
  );
}
