import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { scoreApplication, sheetFor } from "~/.server/rounds/panel";
import { requireAccess } from "~/.server/web/guards";
import { readFormData } from "~/.server/web/form";
import { ErrorList, FormErrors, SubmitButton, inputClass } from "~/components/form";
import { pageTitle } from "~/lib/meta";
import { MAX_POINTS, scoreSheetSchema } from "~/lib/round-panel";

export const meta = pageTitle("roundPanel.sheet.title", "application.name");

/** The application, for the members of its round's panel (the users named on it); others get 404. */
const load = (id: string | undefined) => (user: { id: number }) => sheetFor(user.id, Number(id));

/**
 * A panel member's score sheet for one application: the applicant's criteria as submitted and their
 * evidence (read only), one 0–100 item per entered criterion and 综合评价. A member who may not
 * score it (their own, their committee's, a declared relation, not at the panel) sees why instead.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = await requireAccess(request, "application:score", load(params.id));
  const { namedIds: _named, ...view } = target;
  return data(view, { status: view.refusal && view.refusal !== "stage" ? 403 : 200 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, target } = await requireAccess(request, "application:score", load(params.id));
  const schema = scoreSheetSchema(target.items.map((i) => i.key));
  const submission = parseWithZod(await readFormData(request), { schema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await scoreApplication(actor, target.application.id, submission.value);
  if (!result.ok) {
    const status = result.error === "items" ? 400 : result.error === "stage" ? 409 : 403;
    return data({ result: submission.reply({ formErrors: [`roundPanel.error.${result.error}`] }) }, { status });
  }
  throw redirect(`/applications/${target.application.id}/score?saved=${result.total}`);
}

export default function ScoreSheet() {
  const { t } = useTranslation();
  const { application, round, items, sheet, refusal } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const keys = items.map((i) => i.key);
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: sheet
      ? { points: Object.fromEntries(Object.entries(sheet.points).map(([k, v]) => [k, String(v)])), comment: sheet.comment ?? "" }
      : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: scoreSheetSchema(keys) }),
  });
  const points = fields.points.getFieldset();
  const saved = params.get("saved");
  return (
    <article className="space-y-4">
      <Link to={`/rounds/${round.id}/score`} className="text-sm text-brand-700 underline">
        {t("roundPanel.sheet.back")}
      </Link>
      <header>
        <h1 className="text-xl font-bold text-brand-800">{application.name}</h1>
        <p className="text-sm text-stone-600">
          {round.title} · {t("roundPanel.sheet.applicant", { ...application, level: application.levelName })}
        </p>
      </header>
      {saved ? (
        <p role="status" className="rounded bg-emerald-50 p-3 text-emerald-800">
          {t("roundPanel.sheet.saved", { total: saved })}
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <section className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200">
          <h2 className="font-semibold">{t("roundPanel.sheet.figures")}</h2>
          {application.figures?.criteria?.length ? (
            <ul className="divide-y divide-stone-100 text-sm">
              {application.figures.criteria.map((c, index) => {
                const evidence = application.evidence[String(index)];
                return (
                  <li key={index} className="py-2">
                    <p className="font-medium">
                      {t(`levels.kind.${c.kind}`)} · {t(`levels.status.${c.status}`)}
                    </p>
                    {c.figure !== null ? (
                      <p className="text-stone-600">{t("roundPanel.sheet.figure", { figure: c.figure, threshold: c.threshold ?? "—" })}</p>
                    ) : null}
                    {c.source === "evidence" ? (
                      <p className="whitespace-pre-wrap text-stone-700">
                        {evidence?.text || t("roundPanel.sheet.noEvidence")}
                        {evidence?.attachmentIds?.length
                          ? ` · ${t("roundPanel.sheet.attachments", { count: evidence.attachmentIds.length })}`
                          : ""}
                      </p>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="text-sm text-stone-600">{t("roundPanel.sheet.noFigures")}</p>
          )}
        </section>
        {refusal ? (
          <p role="alert" className="rounded-lg bg-seal-50 p-4 text-seal-700">
            {t(`roundPanel.error.${refusal}`)}
          </p>
        ) : (
          <Form method="post" {...getFormProps(form)} className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200">
            <h2 className="font-semibold">{t("roundPanel.sheet.items")}</h2>
            {sheet ? <p className="text-sm text-stone-600">{t("roundPanel.sheet.total", { total: sheet.total })}</p> : null}
            <FormErrors id={form.errorId} errors={form.errors} />
            {items.map((item) => {
              const meta = points[item.key];
              return (
                <div key={item.key} className="space-y-1">
                  <label htmlFor={meta.id} className="block text-sm font-medium">
                    {item.kind === "overall" ? t("roundPanel.sheet.item.overall") : t(`levels.kind.${item.kind}`)}
                    {item.evidence ? <span className="block text-xs font-normal text-stone-500">{item.evidence}</span> : null}
                  </label>
                  <input
                    {...getInputProps(meta, { type: "number" })}
                    min={0}
                    max={MAX_POINTS}
                    step={0.1}
                    inputMode="decimal"
                    className={inputClass}
                  />
                  <ErrorList id={meta.errorId} errors={meta.errors} />
                </div>
              );
            })}
            <label className="block text-sm font-medium">
              {t("roundPanel.sheet.comment")}
              <textarea {...getTextareaProps(fields.comment)} rows={3} maxLength={1000} className={`${inputClass} mt-1`} />
            </label>
            <ErrorList errors={fields.comment.errors} />
            <SubmitButton>{sheet ? t("roundPanel.sheet.change") : t("roundPanel.sheet.submit")}</SubmitButton>
          </Form>
        )}
      </div>
    </article>
  );
}
