import { getFormProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireGrant } from "~/.server/auth/guards";
import { clientIp } from "~/.server/auth/session";
import { createEvent, trainerOptions } from "~/.server/events/events";
import { EventAudienceFields } from "~/components/EventAudienceFields";
import { orgOptions } from "~/.server/roster/scope";
import { ErrorList, Field, SubmitButton, TextField, inputClass } from "~/components/form";
import { COURSE_KINDS } from "~/lib/course";
import { EVENT_FORMS, eventSchema } from "~/lib/event";

/** Trainers and bureau admins create events for their subtree. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireGrant(request, ["trainer", "bureau_admin"]);
  const trainers = new Map<number, string>();
  for (const scope of user.scopes) for (const tr of await trainerOptions(scope.path)) trainers.set(tr.id, tr.name);
  return {
    orgs: (await orgOptions(user.scopes, { limit: 1000 })).filter((o) => o.kind !== "committee"),
    trainers: [...trainers].map(([id, name]) => ({ id, name })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireGrant(request, ["trainer", "bureau_admin"]);
  const submission = parseWithZod(await request.formData(), { schema: eventSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const created = await createEvent(user, submission.value, clientIp(request));
  if (!created.ok) return data({ result: submission.reply({ fieldErrors: created.errors as unknown as Record<string, string[]> }) }, { status: 400 });
  throw redirect(`/events/${created.event.id}`);
}

export default function NewEvent() {
  const { t } = useTranslation();
  const { orgs, trainers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ lastResult: actionData?.result, shouldValidate: "onBlur", onValidate: ({ formData }) => parseWithZod(formData, { schema: eventSchema }) });
  return (
    <div className="space-y-4">
      <Link to="/events" className="text-sm text-brand-700 underline">{t("events.back")}</Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("events.new")}</h1>
      <Form method="post" {...getFormProps(form)} className="grid gap-x-4 rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:grid-cols-2">
        <div className="sm:col-span-2"><ErrorList id={form.errorId} errors={form.errors} /></div>
        <div className="sm:col-span-2"><TextField label={t("events.field.title")} meta={fields.title} /></div>
        <Field label={t("events.field.form")} meta={fields.form}>
          <select {...getSelectProps(fields.form)} className={inputClass}>
            <option value="">{t("form.choose")}</option>
            {EVENT_FORMS.map((f) => <option key={f} value={f}>{t(`trainingForm.${f}`)}</option>)}
          </select>
        </Field>
        <Field label={t("events.field.kind")} meta={fields.kind}>
          <select {...getSelectProps(fields.kind)} className={inputClass}>
            <option value="">{t("form.choose")}</option>
            {COURSE_KINDS.map((k) => <option key={k} value={k}>{t(`courseKind.${k}`)}</option>)}
          </select>
        </Field>
        <TextField label={t("events.field.startsAt")} meta={fields.startsAt} type={"datetime-local" as "text"} />
        <TextField label={t("events.field.endsAt")} meta={fields.endsAt} type={"datetime-local" as "text"} />
        <TextField label={t("events.field.hours")} meta={fields.hours} type="number" step="0.5" />
        <TextField label={t("events.field.capacity")} meta={fields.capacity} type="number" />
        <TextField label={t("events.field.place")} meta={fields.place} />
        <Field label={t("events.field.audience")} meta={fields.audienceOrgUnitId}>
          <select {...getSelectProps(fields.audienceOrgUnitId)} className={inputClass}>
            <option value="">{t("form.choose")}</option>
            {orgs.map((o) => <option key={o.id} value={o.id}>{"\u3000".repeat(o.level)}{o.name}</option>)}
          </select>
        </Field>
        <div className="sm:col-span-2">
          <Field label={t("events.field.description")} meta={fields.description}>
            <textarea {...getTextareaProps(fields.description)} rows={4} className={inputClass} />
          </Field>
        </div>
        <EventAudienceFields specialties={fields.specialties} trainerIds={fields.trainerIds} trainers={trainers} />
        <div><SubmitButton>{t("events.create")}</SubmitButton></div>
      </Form>
    </div>
  );
}
