import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DISPUTE_CATEGORIES } from "~/lib/categories";
import {
  AGREEMENT_FORMS,
  CASE_OUTCOMES,
  CASE_SOURCES,
  CONFIRMATIONS,
  PERFORMANCE,
  caseFileSchema,
  type CaseFileInput,
} from "~/lib/case-file";
import { ErrorList, Field, OnceField, SubmitButton, TextField, inputClass } from "./form";

export type CommitteeOption = { id: number; name: string };
export type MediatorOption = { id: number; name: string; committeeId: number; committee: string; active: boolean };

/** Groups mediators by committee for the selects (a township's or county's roster is long). */
function MediatorOptions({ mediators }: { mediators: MediatorOption[] }) {
  const groups = new Map<string, MediatorOption[]>();
  for (const m of mediators) groups.set(m.committee, [...(groups.get(m.committee) ?? []), m]);
  return (
    <>
      {[...groups.entries()].map(([committee, people]) => (
        <optgroup key={committee} label={committee}>
          {people.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}

/**
 * Entry and correction form of a register file; the same Zod schema validates here and on the
 * server. A correction adds a reason (audited).
 */
export function CaseFileForm({
  lastResult,
  defaultValue,
  committees,
  mediators,
  once,
  correction,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Partial<CaseFileInput>;
  committees: CommitteeOption[];
  mediators: MediatorOption[];
  once?: string;
  correction?: boolean;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: defaultValue as never,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: caseFileSchema }),
  });
  const choice = (name: string, values: readonly string[], prefix: string, meta: Parameters<typeof getSelectProps>[0], blank = true) => (
    <Field label={t(`caseFile.field.${name}`)} meta={meta} hint={t(`caseFile.hint.${name}`, { defaultValue: "" }) || undefined}>
      <select {...getSelectProps(meta)} className={inputClass}>
        {blank ? <option value="">{t("form.choose")}</option> : null}
        {values.map((v) => (
          <option key={v} value={v}>
            {t(`${prefix}.${v}`)}
          </option>
        ))}
      </select>
    </Field>
  );
  const reason = correction ? (fields as unknown as Record<string, Parameters<typeof getTextareaProps>[0]>).reason : undefined;
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <OnceField token={once} />
      <ErrorList id={form.errorId} errors={form.errors} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField label={t("caseFile.field.fileNo")} meta={fields.fileNo} autoComplete="off" />
        <Field label={t("caseFile.field.orgUnitId")} meta={fields.orgUnitId}>
          <select {...getSelectProps(fields.orgUnitId)} className={inputClass}>
            <option value="">{t("form.choose")}</option>
            {committees.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("caseFile.field.primaryMediatorId")} meta={fields.primaryMediatorId}>
          <select {...getSelectProps(fields.primaryMediatorId)} className={inputClass}>
            <option value="">{t("form.choose")}</option>
            <MediatorOptions mediators={mediators} />
          </select>
        </Field>
        <Field label={t("caseFile.field.assistantIds")} meta={fields.assistantIds} hint={t("caseFile.hint.assistantIds")}>
          <select {...getSelectProps(fields.assistantIds)} multiple size={4} className={inputClass}>
            <MediatorOptions mediators={mediators} />
          </select>
        </Field>
        {choice("category", DISPUTE_CATEGORIES, "category", fields.category)}
        {choice("source", CASE_SOURCES, "caseFile.source", fields.source)}
        <TextField label={t("caseFile.field.receivedOn")} meta={fields.receivedOn} type="date" />
        <TextField label={t("caseFile.field.closedOn")} meta={fields.closedOn} type="date" />
        {choice("outcome", CASE_OUTCOMES, "caseFile.outcome", fields.outcome)}
        {choice("agreementForm", AGREEMENT_FORMS, "caseFile.agreementForm", fields.agreementForm)}
        {choice("confirmation", CONFIRMATIONS, "caseFile.confirmation", fields.confirmation, false)}
        {choice("performed", PERFORMANCE, "caseFile.performed", fields.performed)}
        <TextField label={t("caseFile.field.parties")} meta={fields.parties} type="number" inputMode="numeric" min={2} />
        <TextField
          label={t("caseFile.field.amount")}
          meta={fields.amount}
          type="number"
          inputMode="decimal"
          step="0.01"
          min={0}
          hint={t("caseFile.hint.amount")}
        />
      </div>
      <label className="flex min-h-11 items-center gap-2">
        <input {...getInputProps(fields.followUp, { type: "checkbox" })} className="size-5" />
        <span>{t("caseFile.field.followUp")}</span>
      </label>
      <Field label={t("caseFile.field.summary")} meta={fields.summary} hint={t("caseFile.hint.summary")}>
        <textarea {...getTextareaProps(fields.summary)} rows={4} className={inputClass} />
      </Field>
      {reason ? (
        <Field label={t("caseFile.field.reason")} meta={reason} hint={t("caseFile.hint.reason")}>
          <textarea {...getTextareaProps(reason)} rows={2} className={inputClass} />
        </Field>
      ) : null}
      <SubmitButton pending={navigation.state !== "idle"}>{t("caseFile.save")}</SubmitButton>
    </Form>
  );
}
