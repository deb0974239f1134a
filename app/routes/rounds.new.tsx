import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { openRound, roundFormOptions } from "~/.server/rounds/overview";
import { requireAccess } from "~/.server/web/guards";
import { readFormData } from "~/.server/web/form";
import { ONCE_FIELD, onceToken, submitOnce } from "~/.server/web/form-once";
import { idParam } from "~/.server/web/round-forms";
import { ErrorList, Field, FormErrors, OnceField, SubmitButton, TextField, inputClass } from "~/components/form";
import { addDays, todayInChina } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";
import { COMBINES, roundSchema } from "~/lib/rounds";

export const meta = pageTitle("roundApply.new");

/** Bureau admins: open a round for a bureau node of their subtree and levels that node evaluates (scheme in force). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scopes } = await requireAccess(request, "round:manage");
  const options = await roundFormOptions(scopes, idParam(new URL(request.url), "node") ?? null);
  const today = todayInChina();
  const year = Number(today.slice(0, 4));
  return {
    ...options,
    defaults: {
      periodFrom: `${year - 2}-01-01`,
      periodTo: `${year - 1}-12-31`,
      applicationsFrom: today,
      applicationsUntil: addDays(today, 30),
      reviewsUntil: addDays(today, 60),
      announcementDays: 7,
      validityYears: 2,
      combine: "mean",
    },
    once: onceToken(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAccess(request, "round:manage");
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema: roundSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const orgUnitId = Number(form.get("orgUnitId"));
  return submitOnce(actor.id, form.get(ONCE_FIELD), { ...submission.value, orgUnitId }, async () => {
    const result = await openRound(actor, orgUnitId, submission.value);
    if (!result.ok) {
      const { orgUnitId: node, form: general, ...fieldErrors } = result.errors;
      return data(
        {
          result: submission.reply({
            fieldErrors: fieldErrors as Record<string, string[]>,
            formErrors: [...(node ?? []), ...(general ?? [])],
          }),
        },
        { status: 400 },
      );
    }
    throw redirect(`/rounds/${result.round.id}`);
  });
}

export default function NewRound() {
  const { t } = useTranslation();
  const { nodes, node, levels, quizzes, defaults, once } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { ...defaults, levels: levels.map((l) => l.key) } as never,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roundSchema }),
  });
  const chosen = [fields.levels.initialValue].flat().map(String);
  return (
    <div className="space-y-4">
      <Link to="/rounds" className="text-sm text-brand-700 underline">
        {t("roundApply.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("roundApply.new")}</h1>
      {!node ? (
        <p className="text-stone-600">{t("roundApply.noNode")}</p>
      ) : (
        <>
          <Form method="get" className="flex flex-wrap items-end gap-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
            <label className="block grow text-sm font-medium">
              {t("roundApply.field.orgUnitId")}
              <select name="node" defaultValue={node.id} className={`mt-1 ${inputClass}`}>
                {nodes.map((o) => (
                  <option key={o.id} value={o.id}>
                    {"\u3000".repeat(o.level)}
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="min-h-11 rounded-md border border-brand-700 px-4 text-brand-700">
              {t("roundApply.chooseNode")}
            </button>
          </Form>
          <Form
            key={node.id}
            method="post"
            {...getFormProps(form)}
            className="space-y-4 rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6"
          >
            <OnceField token={once} />
            <input type="hidden" name="orgUnitId" value={node.id} />
            <p className="text-sm">
              {t("roundApply.field.orgUnitId")}：<strong>{node.name}</strong>
            </p>
            <FormErrors errors={form.errors} />
            <TextField label={t("roundApply.field.title")} meta={fields.title} placeholder={t("roundApply.hint.title")} />
            <fieldset className="space-y-1 rounded-md border border-stone-200 p-3">
              <legend className="px-1 font-medium">{t("roundApply.field.levels")}</legend>
              {levels.length === 0 ? <p className="text-sm text-stone-600">{t("roundApply.noLevels")}</p> : null}
              {levels.map((l) => (
                <label key={l.key} className="flex min-h-11 items-center gap-2">
                  <input
                    type="checkbox"
                    name={fields.levels.name}
                    value={l.key}
                    defaultChecked={chosen.includes(l.key)}
                    className="size-4"
                  />
                  {l.name}
                </label>
              ))}
              <ErrorList errors={fields.levels.errors} />
            </fieldset>
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField label={t("roundApply.field.periodFrom")} meta={fields.periodFrom} type="date" />
              <TextField label={t("roundApply.field.periodTo")} meta={fields.periodTo} type="date" hint={t("roundApply.hint.period")} />
              <TextField label={t("roundApply.field.applicationsFrom")} meta={fields.applicationsFrom} type="date" />
              <TextField label={t("roundApply.field.applicationsUntil")} meta={fields.applicationsUntil} type="date" />
              <TextField label={t("roundApply.field.reviewsUntil")} meta={fields.reviewsUntil} type="date" />
              <TextField label={t("roundApply.field.announcementDays")} meta={fields.announcementDays} type="number" min={5} max={30} />
              <TextField label={t("roundApply.field.validityYears")} meta={fields.validityYears} type="number" min={1} max={5} />
              <Field label={t("roundApply.field.combine")} meta={fields.combine}>
                <select {...getSelectProps(fields.combine)} className={inputClass}>
                  {COMBINES.map((c) => (
                    <option key={c} value={c}>
                      {t(`round.combine.${c}`)}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <Field label={t("roundApply.field.examQuizId")} meta={fields.examQuizId} hint={t("roundApply.hint.exam")}>
              <select {...getSelectProps(fields.examQuizId)} className={inputClass}>
                <option value="">{t("roundApply.noExam")}</option>
                {quizzes.map((q) => (
                  <option key={q.id} value={q.id}>
                    {q.title}
                  </option>
                ))}
              </select>
            </Field>
            <SubmitButton>{t("roundApply.open")}</SubmitButton>
          </Form>
        </>
      )}
    </div>
  );
}
