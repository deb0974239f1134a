import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { rubricLibrary } from "~/.server/exercises/rubrics";
import { openReview, reviewerCandidates } from "~/.server/reviews/reviews";
import { orgOptions } from "~/.server/roster/scope";
import { requireAccess } from "~/.server/web/guards";
import { ONCE_FIELD, onceToken, submitOnce } from "~/.server/web/form-once";
import { ErrorList, Field, OnceField, SubmitButton, TextField, inputClass } from "~/components/form";
import { DEFAULT_PASS_LINE, DEFAULT_RULE, REVIEW_TOTAL, defaultWeights, openReviewSchema } from "~/lib/case-review";
import { addDays, todayInChina } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("review.new");

/** Bureau admins: open a review for a node of their subtree (the 卷宗评查 rubric of the library by default). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scopes } = await requireAccess(request, "review:manage");
  const rubrics = await rubricLibrary(scopes);
  const asked = Number(new URL(request.url).searchParams.get("rubric"));
  const rubric = rubrics.find((r) => r.id === asked) ?? rubrics.find((r) => r.title === "卷宗评查") ?? rubrics[0] ?? null;
  const today = todayInChina();
  const lastYear = Number(today.slice(0, 4)) - 1;
  return {
    nodes: (await orgOptions(scopes, { limit: 500 })).filter((o) => o.kind !== "committee"),
    rubrics: rubrics.map((r) => ({ id: r.id, title: r.title })),
    rubric: rubric && {
      id: rubric.id,
      title: rubric.title,
      criteria: rubric.criteria.map((c) => ({ id: c.id, name: c.name })),
      weights: defaultWeights(rubric),
    },
    reviewers: await reviewerCandidates(scopes.map((s) => s.path)),
    defaults: { periodFrom: `${lastYear}-01-01`, periodTo: `${lastYear}-12-31`, deadline: addDays(today, 30) },
    once: onceToken(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAccess(request, "review:manage");
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema: openReviewSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  return submitOnce(actor.id, form.get(ONCE_FIELD), submission.value, async () => {
    const result = await openReview(actor, submission.value);
    if (!result.ok) return data({ result: submission.reply({ fieldErrors: result.errors as Record<string, string[]> }) }, { status: 400 });
    throw redirect(`/reviews/${result.review.id}`);
  });
}

export default function NewReview() {
  const { t } = useTranslation();
  const { nodes, rubrics, rubric, reviewers, defaults, once } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: {
      ...defaults,
      confirmedPercent: DEFAULT_RULE.confirmedPercent,
      otherPercent: DEFAULT_RULE.otherPercent,
      minPerMediator: DEFAULT_RULE.minPerMediator,
      passLine: DEFAULT_PASS_LINE,
      rubricId: rubric?.id,
      weights: rubric?.weights,
    } as never,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: openReviewSchema }),
  });
  const weights = fields.weights.getFieldList();
  return (
    <div className="space-y-4">
      <Link to="/reviews" className="text-sm text-brand-700 underline">
        {t("review.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("review.new")}</h1>
      <Form method="get" className="flex flex-wrap items-end gap-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
        <label className="block grow text-sm font-medium">
          {t("review.field.rubricId")}
          <select name="rubric" defaultValue={rubric?.id} className={`mt-1 ${inputClass}`}>
            {rubrics.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="min-h-11 rounded-md border border-brand-700 px-4 text-brand-700">
          {t("review.chooseRubric")}
        </button>
      </Form>
      {!rubric ? (
        <p className="text-stone-600">{t("review.noRubric")}</p>
      ) : (
        <Form
          key={rubric.id}
          method="post"
          {...getFormProps(form)}
          className="space-y-4 rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6"
        >
          <OnceField token={once} />
          <input type="hidden" name={fields.rubricId.name} value={rubric.id} />
          <ErrorList errors={form.errors} />
          <TextField label={t("review.field.title")} meta={fields.title} placeholder={t("review.hint.title")} />
          <Field label={t("review.field.orgUnitId")} meta={fields.orgUnitId}>
            <select {...getSelectProps(fields.orgUnitId)} className={inputClass}>
              <option value="">{t("form.choose")}</option>
              {nodes.map((o) => (
                <option key={o.id} value={o.id}>
                  {"\u3000".repeat(o.level)}
                  {o.name}
                </option>
              ))}
            </select>
          </Field>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField label={t("review.field.periodFrom")} meta={fields.periodFrom} type="date" />
            <TextField label={t("review.field.periodTo")} meta={fields.periodTo} type="date" hint={t("review.hint.period")} />
          </div>
          <fieldset className="space-y-2 rounded-md border border-stone-200 p-3">
            <legend className="px-1 font-medium">{t("review.rule")}</legend>
            <div className="grid gap-3 sm:grid-cols-3">
              <TextField label={t("review.field.confirmedPercent")} meta={fields.confirmedPercent} type="number" step="0.5" />
              <TextField label={t("review.field.otherPercent")} meta={fields.otherPercent} type="number" step="0.5" />
              <TextField label={t("review.field.minPerMediator")} meta={fields.minPerMediator} type="number" />
            </div>
            <p className="text-xs text-stone-500">{t("review.hint.rule")}</p>
          </fieldset>
          <fieldset className="space-y-2 rounded-md border border-stone-200 p-3">
            <legend className="px-1 font-medium">{t("review.weightsTitle", { rubric: rubric.title, total: REVIEW_TOTAL })}</legend>
            {rubric.criteria.map((c, i) => (
              <label key={c.id} className="flex items-center justify-between gap-3 text-sm">
                <span>{c.name}</span>
                <input
                  type="number"
                  name={`${fields.weights.name}[${i}]`}
                  defaultValue={String(weights[i]?.initialValue ?? rubric.weights[i])}
                  step="0.5"
                  min={0}
                  max={100}
                  className={`${inputClass} w-24`}
                  aria-label={c.name}
                />
              </label>
            ))}
            <ErrorList errors={fields.weights.errors} />
          </fieldset>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField label={t("review.field.passLine")} meta={fields.passLine} type="number" />
            <TextField label={t("review.field.deadline")} meta={fields.deadline} type="date" />
          </div>
          <fieldset className="space-y-1 rounded-md border border-stone-200 p-3">
            <legend className="px-1 font-medium">{t("review.field.reviewerIds")}</legend>
            <p className="text-xs text-stone-500">{t("review.hint.reviewerIds")}</p>
            {reviewers.length === 0 ? <p className="text-sm text-stone-600">{t("review.noReviewers")}</p> : null}
            {reviewers.map((r) => (
              <label key={r.id} className="flex min-h-11 items-center gap-2">
                <input
                  type="checkbox"
                  name={fields.reviewerIds.name}
                  value={r.id}
                  defaultChecked={[fields.reviewerIds.initialValue].flat().includes(String(r.id))}
                  className="size-4"
                />
                <span>
                  {r.name}{" "}
                  <span className="text-xs text-stone-500">
                    （{t(`role.${r.role}`)} · {r.org}）
                  </span>
                </span>
              </label>
            ))}
            <ErrorList errors={fields.reviewerIds.errors} />
          </fieldset>
          <SubmitButton>{t("review.open")}</SubmitButton>
        </Form>
      )}
    </div>
  );
}
