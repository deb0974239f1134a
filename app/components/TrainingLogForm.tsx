import { getFormProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LOG_TYPES, REFLECTION_MIN, trainingLogSchema, type TrainingLogInput } from "~/lib/training-log";
import { useState } from "react";
import { ErrorList, Field, OnceField, TextField, inputClass } from "./form";

/** The practical-training log form, with evidence files; works without JavaScript. */
export function TrainingLogForm({
  lastResult,
  defaultValue,
  supervisors,
  once,
  storedKey,
  hasStored,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Partial<Omit<TrainingLogInput, "hours">> & { hours?: number | string };
  supervisors: { id: number; name: string }[];
  once?: string;
  /** Changes when files are stored, so the file input starts empty again (nothing is sent twice). */
  storedKey?: string;
  /** The record already has files (listed beside the form): the input adds more. */
  hasStored?: boolean;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: defaultValue as never,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => {
      formData.delete("files");
      return parseWithZod(formData, { schema: trainingLogSchema });
    },
  });
  // The 50-character minimum, counted as the mediator types (rendered on the server from the stored text).
  const [written, setWritten] = useState(() => String(fields.reflection.initialValue ?? "").trim().length);
  const fileErrors = (lastResult?.error as Record<string, string[]> | undefined)?.files;
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-3">
      <OnceField token={once} />
      <ErrorList id={form.errorId} errors={form.errors} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field label={t("training.field.type")} meta={fields.type}>
          <select {...getSelectProps(fields.type)} className={inputClass}>
            <option value="">{t("form.choose")}</option>
            {LOG_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`training.logType.${type}`)}
              </option>
            ))}
          </select>
        </Field>
        <TextField label={t("training.field.occurredOn")} meta={fields.occurredOn} type="date" />
        <TextField label={t("training.field.hours")} meta={fields.hours} type="number" step="0.5" min="0.5" max="12" inputMode="decimal" />
        <TextField label={t("training.field.place")} meta={fields.place} hint={t("training.field.placeHint")} />
        <Field label={t("training.field.supervisor")} meta={fields.supervisorUserId}>
          <select {...getSelectProps(fields.supervisorUserId)} className={inputClass}>
            <option value="">{t("training.field.supervisorNone")}</option>
            {supervisors.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        <TextField label={t("training.field.supervisorName")} meta={fields.supervisorName} />
      </div>
      <Field label={t("training.field.reflection")} meta={fields.reflection} hint={t("training.field.reflectionHint")}>
        <textarea
          {...getTextareaProps(fields.reflection)}
          rows={6}
          className={inputClass}
          onInput={(e) => setWritten(e.currentTarget.value.trim().length)}
        />
        <p className={`text-xs ${written >= REFLECTION_MIN ? "text-emerald-700" : "text-stone-600"}`} aria-live="polite">
          {written >= REFLECTION_MIN
            ? t("training.reflectionWritten", { written })
            : t("training.reflectionCount", { written, min: REFLECTION_MIN })}
        </p>
      </Field>
      <div className="space-y-1">
        <label htmlFor="log-files" className="block text-sm font-medium">
          {t("training.field.files")}
        </label>
        <input
          key={storedKey}
          id="log-files"
          type="file"
          name="files"
          multiple
          accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
          className="block w-full text-sm"
        />
        <p className="text-xs text-stone-500">{t("training.field.filesHint")}</p>
        {hasStored ? <p className="text-xs text-stone-500">{t("attachment.addMore")}</p> : null}
        <ErrorList errors={fileErrors} />
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          name="intent"
          value="draft"
          disabled={navigation.state !== "idle"}
          className="min-h-11 rounded-md bg-white px-4 ring-1 ring-stone-300"
        >
          {t("training.saveDraft")}
        </button>
        <button
          type="submit"
          name="intent"
          value="submit"
          disabled={navigation.state !== "idle"}
          className="min-h-11 rounded-md bg-brand-700 px-4 font-medium text-white"
        >
          {t("training.submit")}
        </button>
      </div>
    </Form>
  );
}
