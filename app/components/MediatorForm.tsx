import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DISPUTE_CATEGORIES } from "~/lib/categories";
import { EDUCATION_LEVELS, EMPLOYMENT_KINDS, GENDERS, mediatorSchema, type MediatorInput } from "~/lib/mediator";
import { ErrorList, Field, OnceField, SubmitButton, TextField, inputClass } from "./form";

export type OrgOption = { id: number; name: string; kind: string; level: number };

/** Create and edit form of a roster entry; the same Zod schema validates here and on the server. */
export function MediatorForm({
  lastResult,
  defaultValue,
  committees,
  idCardMasked,
  once,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Partial<MediatorInput>;
  committees: OrgOption[];
  idCardMasked?: string;
  once?: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: mediatorSchema }),
  });
  const chosen = new Set((fields.specialties.value as string[] | string | undefined) ?? defaultValue?.specialties ?? []);
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <OnceField token={once} />
      <ErrorList id={form.errorId} errors={form.errors} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField label={t("roster.field.name")} meta={fields.name} autoComplete="off" />
        <Field label={t("roster.field.gender")} meta={fields.gender}>
          <select {...getSelectProps(fields.gender)} className={inputClass}>
            <option value="">{t("form.choose")}</option>
            {GENDERS.map((g) => (
              <option key={g} value={g}>
                {t(`gender.${g}`)}
              </option>
            ))}
          </select>
        </Field>
        <TextField label={t("roster.field.birthYear")} meta={fields.birthYear} type="number" inputMode="numeric" />
        <TextField label={t("roster.field.phone")} meta={fields.phone} type="tel" inputMode="tel" />
        <TextField
          label={t("roster.field.idCard")}
          meta={fields.idCard}
          autoComplete="off"
          hint={idCardMasked ? t("roster.idCardKeep", { masked: idCardMasked }) : t("roster.idCardHint")}
        />
        <Field label={t("roster.field.education")} meta={fields.education}>
          <select {...getSelectProps(fields.education)} className={inputClass}>
            <option value="">{t("form.choose")}</option>
            {EDUCATION_LEVELS.map((e) => (
              <option key={e} value={e}>
                {t(`education.${e}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("roster.field.committee")} meta={fields.orgUnitId}>
          <select {...getSelectProps(fields.orgUnitId)} className={inputClass}>
            <option value="">{t("form.choose")}</option>
            {committees.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("roster.field.employment")} meta={fields.employment}>
          <select {...getSelectProps(fields.employment)} className={inputClass}>
            <option value="">{t("form.choose")}</option>
            {EMPLOYMENT_KINDS.map((e) => (
              <option key={e} value={e}>
                {t(`employment.${e}`)}
              </option>
            ))}
          </select>
        </Field>
        <TextField label={t("roster.field.appointedOn")} meta={fields.appointedOn} type="date" />
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-stone-800">{t("roster.field.specialties")}</legend>
        <div className="grid grid-cols-2 gap-1 sm:grid-cols-3">
          {DISPUTE_CATEGORIES.map((c) => (
            <label key={c} className="flex min-h-11 items-center gap-2 rounded px-2 hover:bg-stone-100">
              <input type="checkbox" name={fields.specialties.name} value={c} defaultChecked={chosen.has(c)} className="size-5" />
              <span>{t(`category.${c}`)}</span>
            </label>
          ))}
        </div>
        <ErrorList id={fields.specialties.errorId} errors={fields.specialties.errors} />
      </fieldset>
      <label className="flex min-h-11 items-center gap-2">
        <input {...getInputProps(fields.isExpert, { type: "checkbox" })} className="size-5" />
        <span>{t("roster.field.isExpert")}</span>
      </label>
      <SubmitButton pending={navigation.state !== "idle"}>{t("form.save")}</SubmitButton>
    </Form>
  );
}
