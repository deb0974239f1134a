import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { itemForReviewer, scoreItem } from "~/.server/reviews/items";
import { requireAccess } from "~/.server/web/guards";
import { reviewGradeFromForm } from "~/.server/web/review-form";
import { RubricGrader } from "~/components/RubricGrader";
import { ErrorList, SubmitButton, inputClass } from "~/components/form";
import { scoreSchema } from "~/lib/case-review";
import type { RubricGrade } from "~/lib/rubric";
import { ReviewedFile, Scans } from "~/components/ReviewedFile";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("review.assignedTitle", "file.fileNo");

const load = (id: string | undefined) => () => itemForReviewer(Number(id));

/** The reviewer named on a sampled file: the scan beside the review's rubric. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = await requireAccess(request, "review:score", load(params.id));
  const { namedIds: _named, ...view } = target;
  return { ...view, saved: new URL(request.url).searchParams.get("saved") };
}

/**
 * Scores the file (or marks it 与台账不符). A file not assigned to the reviewer is not found; their
 * own file or a file of their committee is refused (scoreItem checks it again at the moment of scoring).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, target } = await requireAccess(request, "review:score", load(params.id));
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema: scoreSchema });
  const grade = reviewGradeFromForm(form, target.review.rubric);
  if (submission.status !== "success") return data({ result: submission.reply(), grade }, { status: 400 });
  const v = submission.value;
  const result = await scoreItem(actor, target.item.id, {
    grade,
    comment: v.overallComment ?? "",
    mismatch: v.mismatch,
    reason: v.reason ?? "",
    version: v.version,
  });
  if (!result.ok) {
    const status =
      result.error === "notAssigned" || result.error === "ownFile" || result.error === "ownCommittee"
        ? 403
        : result.error === "conflict" || result.error === "closed"
          ? 409
          : 400;
    const field =
      result.error === "mismatchComment" || result.error === "returnNeedsComment"
        ? "overallComment"
        : result.error === "reasonRequired"
          ? "reason"
          : null;
    const message = `review.error.${result.error}`;
    return data(
      { result: submission.reply(field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] }), grade },
      { status },
    );
  }
  throw redirect(`/reviews/items/${target.item.id}/score?saved=${result.stage}`);
}

export default function ScoreFile() {
  const { t } = useTranslation();
  const { item, review, file, scans, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const grade: RubricGrade | null = (actionData as { grade?: RubricGrade } | undefined)?.grade ?? item.grade;
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { overallComment: item.comment, mismatch: item.mismatch ? "on" : undefined, version: item.version } as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: scoreSchema }),
  });
  const open = review.state === "open";
  const given = item.scoredAt !== null && item.stage !== "awaiting_score";
  return (
    <article className="space-y-4">
      <Link to="/reviews/assigned" className="text-sm text-brand-700 underline">
        {t("review.backAssigned")}
      </Link>
      {saved ? (
        <p role="status" className="rounded bg-emerald-50 p-3 text-emerald-800">
          {t("review.saved", { stage: t(`review.stage.${saved}`) })}
        </p>
      ) : null}
      <header>
        <h1 className="text-xl font-bold text-brand-800">{file.fileNo}</h1>
        <p className="text-sm text-stone-600">
          {review.title} · {t(`review.stage.${item.stage}`)} · {t("review.deadlineValue", { date: review.deadline })}
        </p>
      </header>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="space-y-3">
          <ReviewedFile file={file} item={item} />
          <Scans caseFileId={file.id} scans={scans} />
        </div>
        {open ? (
          <Form method="post" {...getFormProps(form)} className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200">
            <h2 className="font-semibold">
              {t("review.rubricValue", { rubric: review.rubric.title, max: review.rubric.maxPoints, pass: review.passLine })}
            </h2>
            <input type="hidden" name={fields.version.name} value={item.version} />
            {form.errors?.length ? (
              <p role="alert" className="rounded bg-seal-50 p-3 text-seal-700">
                {form.errors.map((e) => t(e)).join(" ")}
              </p>
            ) : null}
            <RubricGrader key={JSON.stringify(grade)} rubric={review.rubric} grade={grade} />
            <label className="block text-sm font-medium">
              {t("review.field.comment")}
              <textarea {...getTextareaProps(fields.overallComment)} rows={3} maxLength={2000} className={`${inputClass} mt-1`} />
              <span className="mt-1 block text-xs font-normal text-stone-500">{t("review.hint.comment", { pass: review.passLine })}</span>
            </label>
            <ErrorList errors={fields.overallComment.errors} />
            <label className="flex min-h-11 items-start gap-2 rounded-md border border-seal-200 p-3">
              <input {...getInputProps(fields.mismatch, { type: "checkbox" })} className="mt-1 size-4" />
              <span>
                <span className="font-medium">{t("review.field.mismatch")}</span>
                <span className="block text-xs text-stone-600">{t("review.hint.mismatch")}</span>
              </span>
            </label>
            {given ? (
              <label className="block text-sm font-medium">
                {t("review.field.reason")}
                <input {...getInputProps(fields.reason, { type: "text" })} maxLength={200} className={`${inputClass} mt-1`} />
                <span className="mt-1 block text-xs font-normal text-stone-500">{t("review.hint.reason")}</span>
                <ErrorList errors={fields.reason.errors} />
              </label>
            ) : null}
            <SubmitButton>{given ? t("review.saveChange") : t("review.saveScore")}</SubmitButton>
          </Form>
        ) : (
          <p className="rounded-lg bg-white p-4 ring-1 ring-stone-200">{t("review.closedNote")}</p>
        )}
      </div>
    </article>
  );
}
