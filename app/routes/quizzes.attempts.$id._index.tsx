import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound, requireAccess } from "~/.server/web/guards";
import { now } from "~/.server/clock";
import { saveAnswers, submitAttempt, type RawAnswers } from "~/.server/quizzes/attempts";
import { findQuiz } from "~/.server/exams/quiz";
import { ownAttemptTarget, takingView } from "~/.server/quizzes/views";
import { QuizQuestion } from "~/components/QuizQuestion";
import { QuizTimer } from "~/components/QuizTimer";
import { FormErrors } from "~/components/form";
import { refusal, refuse } from "~/.server/web/reply";
import { answeredCount, attemptFormSchema, isAnswered } from "~/lib/quiz-view";
import { AnsweredCount } from "~/components/AnsweredCount";
import { useMemo } from "react";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("quiz.title", "title");

const FORM_ID = "attempt-form";

/** An autosaved answer changes nothing on the page: no reloading the questions after it. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("autosave") === "1" ? false : defaultShouldRevalidate;

/** Taking an attempt: only its owner, only while it is in progress (else on to the result). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = Number(params.id);
  const at = now();
  const { attempt } = (await requireAccess(request, "attempt:open", (user) => ownAttemptTarget(user.id, id, at))).target;
  if (attempt.state !== "in_progress") throw redirect(`/quizzes/attempts/${id}/result`);
  const items = await takingView(attempt);
  return {
    id,
    quizId: attempt.quizId,
    title: (await findQuiz(attempt.quizId))?.title ?? attempt.quizId,
    deadlineAt: attempt.deadlineAt ? attempt.deadlineAt.toISOString() : null,
    serverNow: at.toISOString(),
    items,
    answered: answeredCount(items),
  };
}

/** Answers posted by the form: every position named in `present` (so an emptied question clears) and any q<N> field. */
function answersFrom(form: FormData, present: string | undefined): RawAnswers {
  const positions = new Set<number>();
  for (const p of (present ?? "").split(",").filter(Boolean)) positions.add(Number(p));
  for (const key of form.keys()) {
    const m = /^q(\d{1,4})$/.exec(key);
    if (m) positions.add(Number(m[1]));
  }
  return new Map([...positions].map((p) => [p, form.getAll(`q${p}`).map(String)]));
}

/** intent=answer (autosave of one question), save (the whole page), submit. Owner only. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireAccess(request, "quiz:take");
  const id = Number(params.id);
  // The domain functions check that the attempt is this user's (404 otherwise).
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema: attemptFormSchema });
  // The answers are not the form's to show again (the page has them): a refusal is a form error.
  const refused = (error: string, status: number) => refuse(submission.reply({ formErrors: [error] }), status);
  // Hidden fields only: a bad envelope is a tampered page, told as one form error.
  if (submission.status !== "success") return refuse(refusal({ formErrors: ["quiz.error.invalidAnswer"] }));
  if (!Number.isSafeInteger(id)) throw notFound();
  const { intent, present, confirm } = submission.value;
  const raw = answersFrom(form, present);
  // 交卷 with questions left blank: keep what was written and ask once more (works without JavaScript).
  const unanswered = [...raw.values()].filter((answer) => !isAnswered(answer)).length;
  if (intent === "submit" && unanswered > 0 && !confirm) {
    const saved = await saveAnswers(user.id, id, raw, now());
    if (!saved.ok) {
      if (saved.error === "notFound") throw notFound();
      if (saved.error !== "closed") return refused(`quiz.error.${saved.error}`, 400);
      // Past the deadline nothing can be added: submitting closes the attempt with what it holds.
    } else return { confirm: { unanswered } };
  }
  if (intent === "submit") {
    const result = await submitAttempt(user.id, id, raw, now());
    if (!result.ok) {
      if (result.error === "notFound") throw notFound();
      return refused(`quiz.error.${result.error}`, 400);
    }
    throw redirect(`/quizzes/attempts/${id}/result${result.late ? "?late=1" : ""}`);
  }
  const result = await saveAnswers(user.id, id, raw, now());
  if (!result.ok) {
    if (result.error === "notFound") throw notFound();
    if (result.error === "closed" && intent === "save") throw redirect(`/quizzes/attempts/${id}/result?late=1`);
    return refused(`quiz.error.${result.error}`, result.error === "closed" ? 409 : 400);
  }
  return { saved: [...raw.keys()] };
}

export default function TakeAttempt() {
  const { t } = useTranslation();
  const { items, title, deadlineAt, serverNow, answered } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const positions = useMemo(() => items.map((i) => i.position), [items]);
  const confirmStep = actionData && "confirm" in actionData ? actionData.confirm : null;
  const refusal = actionData && "result" in actionData ? actionData.result : undefined;
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  return (
    <article className="space-y-4">
      <header className="sticky top-0 z-10 -mx-4 flex flex-wrap items-center justify-between gap-2 bg-stone-50/95 px-4 py-2 shadow-sm">
        <h1 className="text-lg font-bold text-brand-800">{title}</h1>
        <AnsweredCount formId={FORM_ID} positions={positions} initial={answered} />
        {deadlineAt ? <QuizTimer deadlineAt={deadlineAt} serverNow={serverNow} formId={FORM_ID} /> : null}
      </header>
      <FormErrors errors={refusal?.error?.[""] ?? undefined} />
      {actionData && "saved" in actionData ? (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-emerald-800">
          {t("quiz.savedAll")}
        </p>
      ) : null}
      <Form method="post" id={FORM_ID} className="space-y-4">
        <input type="hidden" name="present" value={items.map((i) => i.position).join(",")} />
        {items.map((item, i) => (
          <QuizQuestion key={item.position} item={item} index={i} />
        ))}
        <p className="text-sm text-stone-600">{t("quiz.submitHint")}</p>
        {confirmStep ? (
          <div role="alert" className="space-y-2 rounded-md bg-amber-50 p-3 text-amber-950">
            <p>{t("quiz.confirmSubmit", { count: confirmStep.unanswered })}</p>
            {/* From here on 交卷 means it: the flag goes with the page. */}
            <input type="hidden" name="confirm" value="1" />
          </div>
        ) : null}
        <div className="flex flex-wrap gap-3">
          <button
            type="submit"
            name="intent"
            value="save"
            disabled={busy}
            className="min-h-11 rounded-md border border-brand-700 px-5 py-2 font-medium text-brand-700"
          >
            {t("quiz.save")}
          </button>
          <button
            type="submit"
            name="intent"
            value="submit"
            disabled={busy}
            className="min-h-11 rounded-md bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
          >
            {confirmStep ? t("quiz.submitAnyway") : t("quiz.submit")}
          </button>
        </div>
      </Form>
    </article>
  );
}
