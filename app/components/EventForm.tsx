import { getFormProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { COURSE_KINDS } from "~/lib/course";
import { EVENT_FORMS, eventSchema } from "~/lib/event";
import { EventAudienceFields } from "./EventAudienceFields";
import { ErrorList, Field, OnceField, SubmitButton, TextField, inputClass } from "./form";

type Option = { id: number; name: string; level: number };

/** The event form, for publishing and for editing; the same schema checks it on the server. */
export function EventForm({
  lastResult,
  defaultValue,
  orgs,
  trainers,
  chosen,
  submitLabel,
  once,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, string | string[]>;
  orgs: Option[];
  trainers: { id: number; name: string }[];
  chosen?: { specialties: string[]; trainerIds: number[] };
  submitLabel: string;
  once?: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: eventSchema }),
  });
  const choose = !defaultValue;
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-x-4 rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:grid-cols-2">
      <OnceField token={once} />
      <div className="sm:col-span-2">
        <ErrorList id={form.errorId} errors={form.errors} />
      </div>
      <div className="sm:col-span-2">
        <TextField label={t("events.field.title")} meta={fields.title} />
      </div>
      <Field label={t("events.field.form")} meta={fields.form}>
        <select {...getSelectProps(fields.form)} className={inputClass}>
          {choose ? <option value="">{t("form.choose")}</option> : null}
          {EVENT_FORMS.map((f) => (
            <option key={f} value={f}>
              {t(`trainingForm.${f}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("events.field.kind")} meta={fields.kind}>
        <select {...getSelectProps(fields.kind)} className={inputClass}>
          {choose ? <option value="">{t("form.choose")}</option> : null}
          {COURSE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`courseKind.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <TextField label={t("events.field.startsAt")} meta={fields.startsAt} type={"datetime-local" as "text"} />
      <TextField label={t("events.field.endsAt")} meta={fields.endsAt} type={"datetime-local" as "text"} />
      <TextField label={t("events.field.hours")} meta={fields.hours} type="number" step="0.5" />
      <TextField label={t("events.field.capacity")} meta={fields.capacity} type="number" />
      <TextField label={t("events.field.place")} meta={fields.place} />
      <Field label={t("events.field.audience")} meta={fields.audienceOrgUnitId}>
        <select {...getSelectProps(fields.audienceOrgUnitId)} className={inputClass}>
          {choose ? <option value="">{t("form.choose")}</option> : null}
          {orgs.map((o) => (
            <option key={o.id} value={o.id}>
              {"\u3000".repeat(o.level)}
              {o.name}
            </option>
          ))}
        </select>
      </Field>
      <div className="sm:col-span-2">
        <Field label={t("events.field.description")} meta={fields.description}>
          <textarea {...getTextareaProps(fields.description)} rows={4} className={inputClass} />
        </Field>
      </div>
      <EventAudienceFields specialties={fields.specialties} trainerIds={fields.trainerIds} trainers={trainers} chosen={chosen} />
      <div>
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}
