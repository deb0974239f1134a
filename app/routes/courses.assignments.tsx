import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireAccess } from "~/.server/web/guards";
import { ONCE_FIELD, onceToken, submitOnce } from "~/.server/web/form-once";
import { assignCourse, assignmentsWithCompletion } from "~/.server/courses/assignments";
import { listCourses } from "~/.server/courses/catalog";
import { orgOptions } from "~/.server/roster/scope";
import { ErrorList, Field, OnceField, SubmitButton, TextField, inputClass } from "~/components/form";
import { currentYearInChina } from "~/lib/dates";
import { isoDate, msg } from "~/lib/validation";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("nav.assignments");

const schema = z
  .object({
    courseSlug: z.string({ required_error: msg("required") }),
    orgUnitId: z.number({ required_error: msg("required"), invalid_type_error: msg("choice") }).int(),
    year: z
      .number({ required_error: msg("required"), invalid_type_error: msg("year") })
      .int()
      .min(2020, msg("year"))
      .max(2100, msg("year")),
    dueOn: isoDate(),
  })
  .refine((v) => v.dueOn.startsWith(String(v.year)), { path: ["dueOn"], message: "courses.dueInYear" });

/** Bureau admins: assign courses to their subtree for a year, and follow completion. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAccess(request, "course:assign");
  const asked = Number(new URL(request.url).searchParams.get("year"));
  const year = Number.isInteger(asked) && asked >= 2020 && asked <= 2100 ? asked : currentYearInChina();
  const orgs = await orgOptions(actor.scopes, { limit: 2000 });
  return {
    year,
    orgs,
    courses: listCourses().map((c) => ({ slug: c.slug, title: c.title })),
    assignments: await assignmentsWithCompletion(actor.scopes, year),
    once: onceToken(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAccess(request, "course:assign");
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  return submitOnce(actor.id, form.get(ONCE_FIELD), submission.value, async () => {
    const result = await assignCourse(actor, submission.value);
    if (!result.ok) return data({ result: submission.reply({ fieldErrors: { [result.field]: [result.error] } }) }, { status: 400 });
    throw redirect(`/courses/assignments?year=${submission.value.year}`);
  });
}

export default function Assignments() {
  const { t } = useTranslation();
  const { year, orgs, courses, assignments, once } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { year: String(year) },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <div className="space-y-6">
      <Link to="/courses" className="text-sm text-brand-700 underline">
        {t("courses.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("courses.assignTitle", { year })}</h1>
      <Form method="post" {...getFormProps(form)} className="grid gap-x-4 rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:grid-cols-2">
        <OnceField token={once} />
        <div className="sm:col-span-2">
          <ErrorList id={form.errorId} errors={form.errors} />
        </div>
        <Field label={t("courses.course")} meta={fields.courseSlug}>
          <select {...getSelectProps(fields.courseSlug)} className={inputClass}>
            <option value="">{t("form.choose")}</option>
            {courses.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.title}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("courses.assignTo")} meta={fields.orgUnitId}>
          <select {...getSelectProps(fields.orgUnitId)} className={inputClass}>
            <option value="">{t("form.choose")}</option>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {"\u3000".repeat(o.level)}
                {o.name}
              </option>
            ))}
          </select>
        </Field>
        <TextField label={t("courses.year")} meta={fields.year} type="number" inputMode="numeric" />
        <TextField label={t("courses.due")} meta={fields.dueOn} type="date" />
        <div>
          <SubmitButton>{t("courses.assign")}</SubmitButton>
        </div>
      </Form>
      <section aria-labelledby="list">
        <h2 id="list" className="text-lg font-semibold">
          {t("courses.assignmentList")}
        </h2>
        {assignments.length === 0 ? <p className="mt-2 text-stone-600">{t("courses.noAssignments")}</p> : null}
        <ul className="mt-2 space-y-2">
          {assignments.map((a) => (
            <li key={a.id} className="rounded-lg bg-white p-3 ring-1 ring-stone-200">
              <p className="font-medium">
                {a.courseTitle} · {a.orgName}
              </p>
              <p className="text-sm text-stone-600">
                {t("courses.dueOn", { date: a.dueOn })} · {t("courses.completion", { completed: a.completed, total: a.total })}
              </p>
              <Link to={`/courses/assignments/${a.id}`} className="mt-1 inline-flex min-h-11 items-center text-sm text-brand-700 underline">
                {a.total > a.completed ? t("courses.behindLink", { count: a.total - a.completed }) : t("courses.manageAssignment")}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
