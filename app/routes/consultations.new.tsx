import { getFormProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { askExpert, expertsOpenTo, ownCaseFiles } from "~/.server/experts/consultations";
import { requireAccess } from "~/.server/web/guards";
import { readFormData } from "~/.server/web/form";
import { ONCE_FIELD, onceToken, submitOnce } from "~/.server/web/form-once";
import { idParam } from "~/.server/web/round-forms";
import { Field, FormErrors, OnceField, SubmitButton, TextField, inputClass } from "~/components/form";
import { consultationSchema } from "~/lib/experts";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("experts.consult.ask");

/** A mediator asks a listed expert of a pool above their committee; optionally about one of their case files. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAccess(request, "consultation:ask");
  const [experts, files] = await Promise.all([expertsOpenTo(user), ownCaseFiles(user.id)]);
  const chosen = idParam(new URL(request.url), "expert");
  return { experts, files, chosen: experts.some((e) => e.id === chosen) ? String(chosen) : "", once: onceToken() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireAccess(request, "consultation:ask");
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema: consultationSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  return submitOnce(user.id, form.get(ONCE_FIELD), submission.value, async () => {
    const asked = await askExpert(user, submission.value);
    if (!asked.ok) {
      const field = asked.error === "caseFile" ? "caseFileId" : "expertId";
      return data({ result: submission.reply({ fieldErrors: { [field]: [`experts.error.${asked.error}`] } }) }, { status: 400 });
    }
    throw redirect(`/consultations/${asked.consultation.id}`);
  });
}

export default function AskExpert() {
  const { t } = useTranslation();
  const { experts, files, chosen, once } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { expertId: chosen },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: consultationSchema }),
  });
  return (
    <div className="space-y-4">
      <Link to="/consultations" className="text-sm text-brand-700 underline">
        {t("experts.consult.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("experts.consult.ask")}</h1>
      {experts.length === 0 ? (
        <p className="text-stone-600">{t("experts.consult.noExperts")}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200">
          <OnceField token={once} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field label={t("experts.consult.expert")} meta={fields.expertId}>
            <select {...getSelectProps(fields.expertId)} className={inputClass}>
              <option value="">{t("experts.consult.chooseExpert")}</option>
              {experts.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name} · {t(`experts.field.${e.field}`)} · {e.organisation}
                  {e.availability === "limited" ? ` · ${t("experts.availability.limited")}` : ""}
                </option>
              ))}
            </select>
          </Field>
          <TextField label={t("experts.consult.subject")} meta={fields.subject} maxLength={80} />
          <Field label={t("experts.consult.description")} meta={fields.description} hint={t("experts.consult.anonymise")}>
            <textarea {...getTextareaProps(fields.description)} rows={6} maxLength={4000} className={inputClass} />
          </Field>
          {files.length ? (
            <Field label={t("experts.consult.caseFile")} meta={fields.caseFileId}>
              <select {...getSelectProps(fields.caseFileId)} className={inputClass}>
                <option value="">{t("experts.consult.noCaseFile")}</option>
                {files.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.fileNo} · {t(`category.${f.category}`)}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          <SubmitButton>{t("experts.consult.send")}</SubmitButton>
        </Form>
      )}
    </div>
  );
}
