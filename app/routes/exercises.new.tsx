import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { z } from "zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess } from "~/.server/web/guards";
import { ONCE_FIELD, onceToken, submitOnce } from "~/.server/web/form-once";
import { listCourses } from "~/.server/courses/catalog";
import { createExercise } from "~/.server/exercises/exercises";
import { parseExerciseForm } from "~/.server/web/exercise-form";
import { EXERCISE_FORMS, LATE_POLICIES, exerciseSchema } from "~/lib/exercise";
import { refusal, refuse } from "~/.server/web/reply";
import { rubricLibrary } from "~/.server/exercises/rubrics";
import { orgOptions } from "~/.server/roster/scope";
import { tooLargeError } from "~/.server/uploads";
import { filesFrom, readMultipart } from "~/.server/web/uploads";
import { ErrorList, FormErrors, OnceField, SubmitButton, inputClass } from "~/components/form";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("exercise.new");

/** Trainers and bureau admins set an exercise for a node of their subtree or a course's students. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scopes } = await requireAccess(request, "exercise:set");
  const [rubrics, orgs] = await Promise.all([rubricLibrary(scopes), orgOptions(scopes, { limit: 500 })]);
  return {
    rubrics: rubrics.map((r) => ({ id: r.id, title: r.title, maxPoints: r.maxPoints })),
    orgs: orgs.filter((o) => o.kind !== "committee" || o.level <= 2),
    courses: listCourses().map((c) => ({ slug: c.slug, title: c.title })),
    once: onceToken(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAccess(request, "exercise:set");
  const form = await readMultipart(request);
  if (!form) return refuse(refusal({ fieldErrors: { materials: [tooLargeError] } }), 413);
  const materials = await filesFrom(form, "materials");
  form.delete("materials");
  const once = form.get(ONCE_FIELD);
  form.delete(ONCE_FIELD);
  const parsed = parseExerciseForm(form);
  if (!parsed.ok) return refuse(parsed.submission.reply());
  const content = {
    values: Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])),
    materials: materials.map((f) => [f.name, f.bytes.length]),
  };
  return submitOnce(actor.id, once, content, async () => {
    const created = await createExercise(actor, parsed.input, materials);
    if (!created.ok) return refuse(parsed.submission.reply({ fieldErrors: created.errors }));
    throw redirect(`/exercises/${created.exercise.id}?created=1`);
  });
}

export default function NewExercise() {
  const { t } = useTranslation();
  const { rubrics, orgs, courses, once } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof exerciseSchema> & { materials?: File[] }>({
    lastResult: actionData?.result,
    defaultValue: { passPercent: "60", latePolicy: "accept", resubmissions: "1", hours: "2", form: "drill" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: exerciseSchema }),
  });
  const field = (meta: FieldMetadata<any>, label: string, input: React.ReactNode, hint?: string) => (
    <div className="space-y-1">
      <label htmlFor={meta.id} className="block text-sm font-medium">
        {label}
      </label>
      {input}
      {hint ? <p className="text-xs text-stone-500">{hint}</p> : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
  return (
    <div className="space-y-5">
      <Link to="/exercises" className="text-sm text-brand-700 underline">
        {t("exercise.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("exercise.new")}</h1>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-2">
        <OnceField token={once} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="sm:col-span-2">
          {field(
            fields.title,
            t("exercise.field.title"),
            <input {...getInputProps(fields.title, { type: "text" })} maxLength={80} className={`${inputClass} mt-1`} />,
          )}
        </div>
        <div className="sm:col-span-2">
          {field(
            fields.brief,
            t("exercise.field.brief"),
            <textarea {...getTextareaProps(fields.brief)} rows={10} className={`${inputClass} mt-1`} />,
            t("exercise.briefHint"),
          )}
        </div>
        {field(
          fields.rubricId,
          t("exercise.field.rubric"),
          <select {...getSelectProps(fields.rubricId)} className={`${inputClass} mt-1`}>
            {rubrics.map((r) => (
              <option key={r.id} value={r.id}>{`${r.title}（${t("rubric.pointsValue", { points: r.maxPoints })}）`}</option>
            ))}
          </select>,
        )}
        {field(
          fields.passPercent,
          t("exercise.field.passPercent"),
          <input {...getInputProps(fields.passPercent, { type: "text" })} inputMode="decimal" className={`${inputClass} mt-1`} />,
        )}
        {field(
          fields.audience,
          t("exercise.field.audience"),
          <select {...getSelectProps(fields.audience)} className={`${inputClass} mt-1`}>
            <optgroup label={t("exercise.audienceOrgs")}>
              {orgs.map((o) => (
                <option key={o.id} value={`org:${o.id}`}>{`${"　".repeat(o.level)}${o.name}`}</option>
              ))}
            </optgroup>
            <optgroup label={t("exercise.audienceCourses")}>
              {courses.map((c) => (
                <option key={c.slug} value={`course:${c.slug}`}>
                  {c.title}
                </option>
              ))}
            </optgroup>
          </select>,
          t("exercise.audienceHint"),
        )}
        {field(
          fields.dueAt,
          t("exercise.field.dueAt"),
          <input {...getInputProps(fields.dueAt, { type: "datetime-local" })} className={`${inputClass} mt-1`} />,
          t("exercise.dueHint"),
        )}
        {field(
          fields.latePolicy,
          t("exercise.field.latePolicy"),
          <select {...getSelectProps(fields.latePolicy)} className={`${inputClass} mt-1`}>
            {LATE_POLICIES.map((p) => (
              <option key={p} value={p}>
                {t(`exercise.late.${p}`)}
              </option>
            ))}
          </select>,
        )}
        {field(
          fields.resubmissions,
          t("exercise.field.resubmissions"),
          <input {...getInputProps(fields.resubmissions, { type: "number" })} min={0} max={5} className={`${inputClass} mt-1`} />,
        )}
        {field(
          fields.hours,
          t("exercise.field.hours"),
          <input {...getInputProps(fields.hours, { type: "text" })} inputMode="decimal" className={`${inputClass} mt-1`} />,
        )}
        {field(
          fields.form,
          t("exercise.field.form"),
          <select {...getSelectProps(fields.form)} className={`${inputClass} mt-1`}>
            {EXERCISE_FORMS.map((f) => (
              <option key={f} value={f}>
                {t(`trainingForm.${f}`)}
              </option>
            ))}
          </select>,
        )}
        <div className="sm:col-span-2">
          {field(
            fields.materials,
            t("exercise.field.materials"),
            <input {...getInputProps(fields.materials, { type: "file" })} multiple accept=".jpg,.jpeg,.png,.pdf" className="mt-1 block" />,
          )}
        </div>
        <label className="flex min-h-11 items-center gap-2 text-sm sm:col-span-2">
          <input {...getInputProps(fields.anonymous, { type: "checkbox" })} className="size-5" />
          {t("exercise.field.anonymous")}
        </label>
        <div className="sm:col-span-2">
          <SubmitButton>{t("exercise.create")}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}
