import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess } from "~/.server/web/guards";
import { ONCE_FIELD, onceToken, submitOnce } from "~/.server/web/form-once";
import { listCourses } from "~/.server/courses/catalog";
import { createExercise } from "~/.server/exercises/exercises";
import { parseExerciseForm } from "~/.server/web/exercise-form";
import { EXERCISE_FORMS, LATE_POLICIES } from "~/lib/exercise";
import { rubricLibrary } from "~/.server/exercises/rubrics";
import { orgOptions } from "~/.server/roster/scope";
import { tooLargeError } from "~/.server/uploads";
import { filesFrom, readMultipart } from "~/.server/web/uploads";
import { ErrorList, OnceField, SubmitButton, inputClass } from "~/components/form";
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
  if (!form) return { values: {} as Record<string, string>, errors: { materials: [tooLargeError] } as Record<string, string[]> };
  const materials = await filesFrom(form, "materials");
  form.delete("materials");
  const once = form.get(ONCE_FIELD);
  form.delete(ONCE_FIELD);
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  const parsed = parseExerciseForm(form);
  if (!parsed.ok) return { values, errors: parsed.errors };
  const content = { values, materials: materials.map((f) => [f.name, f.bytes.length]) };
  return submitOnce(actor.id, once, content, async () => {
    const created = await createExercise(actor, parsed.input, materials);
    if (!created.ok) return { values, errors: created.errors };
    throw redirect(`/exercises/${created.exercise.id}?created=1`);
  });
}

export default function NewExercise() {
  const { t } = useTranslation();
  const { rubrics, orgs, courses, once } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const v = data?.values ?? {};
  const e = data?.errors ?? {};
  const field = (name: string, label: string, input: React.ReactNode, hint?: string) => (
    <div className="space-y-1">
      <label className="block text-sm font-medium">
        {label}
        {input}
      </label>
      {hint ? <p className="text-xs text-stone-500">{hint}</p> : null}
      <ErrorList errors={e[name]} />
    </div>
  );
  return (
    <div className="space-y-5">
      <Link to="/exercises" className="text-sm text-brand-700 underline">{t("exercise.back")}</Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("exercise.new")}</h1>
      <Form method="post" encType="multipart/form-data" className="grid gap-4 sm:grid-cols-2">
        <OnceField token={once} />
        <div className="sm:col-span-2">{field("title", t("exercise.field.title"), <input name="title" maxLength={80} defaultValue={v.title} aria-invalid={Boolean(e.title)} className={`${inputClass} mt-1`} />)}</div>
        <div className="sm:col-span-2">{field("brief", t("exercise.field.brief"), <textarea name="brief" rows={10} defaultValue={v.brief} aria-invalid={Boolean(e.brief)} className={`${inputClass} mt-1`} />, t("exercise.briefHint"))}</div>
        {field(
          "rubricId",
          t("exercise.field.rubric"),
          <select name="rubricId" defaultValue={v.rubricId} className={`${inputClass} mt-1`}>
            {rubrics.map((r) => <option key={r.id} value={r.id}>{`${r.title}（${t("rubric.pointsValue", { points: r.maxPoints })}）`}</option>)}
          </select>,
        )}
        {field("passPercent", t("exercise.field.passPercent"), <input name="passPercent" inputMode="decimal" defaultValue={v.passPercent ?? "60"} className={`${inputClass} mt-1`} />)}
        {field(
          "audience",
          t("exercise.field.audience"),
          <select name="audience" defaultValue={v.audience} className={`${inputClass} mt-1`}>
            <optgroup label={t("exercise.audienceOrgs")}>
              {orgs.map((o) => <option key={o.id} value={`org:${o.id}`}>{`${"　".repeat(o.level)}${o.name}`}</option>)}
            </optgroup>
            <optgroup label={t("exercise.audienceCourses")}>
              {courses.map((c) => <option key={c.slug} value={`course:${c.slug}`}>{c.title}</option>)}
            </optgroup>
          </select>,
          t("exercise.audienceHint"),
        )}
        {field("dueAt", t("exercise.field.dueAt"), <input name="dueAt" type="datetime-local" defaultValue={v.dueAt} className={`${inputClass} mt-1`} />, t("exercise.dueHint"))}
        {field(
          "latePolicy",
          t("exercise.field.latePolicy"),
          <select name="latePolicy" defaultValue={v.latePolicy ?? "accept"} className={`${inputClass} mt-1`}>
            {LATE_POLICIES.map((p) => <option key={p} value={p}>{t(`exercise.late.${p}`)}</option>)}
          </select>,
        )}
        {field("resubmissions", t("exercise.field.resubmissions"), <input name="resubmissions" type="number" min={0} max={5} defaultValue={v.resubmissions ?? "1"} className={`${inputClass} mt-1`} />)}
        {field("hours", t("exercise.field.hours"), <input name="hours" inputMode="decimal" defaultValue={v.hours ?? "2"} className={`${inputClass} mt-1`} />)}
        {field(
          "form",
          t("exercise.field.form"),
          <select name="form" defaultValue={v.form ?? "drill"} className={`${inputClass} mt-1`}>
            {EXERCISE_FORMS.map((f) => <option key={f} value={f}>{t(`trainingForm.${f}`)}</option>)}
          </select>,
        )}
        <div className="sm:col-span-2">{field("materials", t("exercise.field.materials"), <input type="file" name="materials" multiple accept=".jpg,.jpeg,.png,.pdf" className="mt-1 block" />)}</div>
        <label className="flex min-h-11 items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" name="anonymous" defaultChecked={v.anonymous === "on"} className="size-5" />
          {t("exercise.field.anonymous")}
        </label>
        <div className="sm:col-span-2">
          <SubmitButton>{t("exercise.create")}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}
