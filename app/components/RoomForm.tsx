import { getFormProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DISPUTE_CATEGORIES } from "~/lib/categories";
import { ROOM_KINDS, roomSchema, type Eligibility, type RuleResult } from "~/lib/rooms";
import { ErrorList, Field, FormErrors, TextField, inputClass } from "./form";

/** A rule's figure and what it asks, in words. */
function RuleText({ r, levels }: { r: RuleResult; levels: { key: string; name: string }[] }) {
  const { t } = useTranslation();
  const levelName = (key: string | number | null) =>
    key === null ? t("rooms.rule.noLevel") : (levels.find((l) => l.key === key)?.name ?? String(key));
  if (r.key === "level")
    return (
      <>
        {t("rooms.rule.levelText", {
          actual: levelName(r.actual),
          required: r.required === null ? t("rooms.rule.none") : levelName(r.required),
        })}
      </>
    );
  return <>{t(`rooms.rule.${r.key}Text`, { actual: r.actual ?? "—", required: r.required })}</>;
}

/** One mediator's eligibility: every rule with the system's figure, met or not. */
export function EligibilityList({ name, check, levels }: { name?: string; check: Eligibility; levels: { key: string; name: string }[] }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-1 rounded-md bg-white p-3 ring-1 ring-stone-200" data-eligible={check.eligible}>
      <p className={`text-sm font-medium ${check.eligible ? "text-green-800" : "text-seal-700"}`}>
        {name ? `${name}${t("form.colon")}` : ""}
        {check.eligible ? t("rooms.rule.eligible") : t("rooms.rule.notEligible")}
      </p>
      <ul className="space-y-0.5 text-sm">
        {check.rules.map((r) => (
          <li key={r.key} className={r.met ? "text-stone-700" : "text-seal-700"} data-met={r.met}>
            {r.met ? "✓ " : "✗ "}
            {t(`rooms.rule.${r.key}`)}
            {t("form.colon")}
            <RuleText r={r} levels={levels} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export type RoomFormValues = {
  name?: string;
  kind?: string;
  leadId?: number;
  memberIds?: number[];
  specialties?: string[];
  address?: string;
  hours?: string;
  phone?: string;
  story?: string;
  motto?: string | null;
};

/**
 * The application form of a room (new or a draft/returned one): facts, mediators, specialties,
 * contact, story, the two images. A mediator applying is the lead (fixed); an admin chooses the lead
 * and the members from the committee. "保存草稿" keeps it; "提交申请" checks images and eligibility.
 */
export function RoomForm({
  action,
  committeeId,
  mediators,
  fixedLead,
  defaults,
  lastResult,
  hasImages,
}: {
  action: string;
  committeeId: number;
  mediators: { id: number; name: string }[];
  fixedLead: { id: number; name: string } | null;
  defaults?: RoomFormValues;
  lastResult?: SubmissionResult<string[]>;
  hasImages?: { photo: boolean; logo: boolean };
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: {
      ...defaults,
      leadId: defaults?.leadId ? String(defaults.leadId) : fixedLead ? String(fixedLead.id) : undefined,
      memberIds: defaults?.memberIds?.map(String),
      motto: defaults?.motto ?? undefined,
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roomSchema }),
  });
  const busy = useNavigation().state === "submitting";
  const members = mediators.filter((m) => m.id !== fixedLead?.id);
  return (
    <Form method="post" action={action} encType="multipart/form-data" {...getFormProps(form)} className="space-y-3">
      <input type="hidden" name="committeeId" value={committeeId} />
      <TextField label={t("rooms.field.name")} meta={fields.name} maxLength={40} hint={t("rooms.hint.name")} />
      <Field label={t("rooms.field.kind")} meta={fields.kind}>
        <select {...getSelectProps(fields.kind)} className={inputClass}>
          <option value="">{t("rooms.choose")}</option>
          {ROOM_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`rooms.kind.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      {fixedLead ? (
        <div>
          <input type="hidden" name="leadId" value={fixedLead.id} />
          <p className="text-sm">
            <span className="font-medium">
              {t("rooms.field.lead")}
              {t("form.colon")}
            </span>
            {fixedLead.name}
          </p>
          <ErrorList id={fields.leadId.errorId} errors={fields.leadId.errors} />
        </div>
      ) : (
        <Field label={t("rooms.field.lead")} meta={fields.leadId}>
          <select {...getSelectProps(fields.leadId)} className={inputClass}>
            <option value="">{t("rooms.choose")}</option>
            {mediators.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      {members.length ? (
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-stone-800">{t("rooms.field.members")}</legend>
          <div className="grid grid-cols-2 gap-1 sm:grid-cols-3">
            {members.map((m) => (
              <label key={m.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="memberIds" value={m.id} defaultChecked={defaults?.memberIds?.includes(m.id)} />
                {m.name}
              </label>
            ))}
          </div>
          <ErrorList id={fields.memberIds.errorId} errors={fields.memberIds.errors} />
        </fieldset>
      ) : null}
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-stone-800">{t("rooms.field.specialties")}</legend>
        <div className="grid grid-cols-2 gap-1 sm:grid-cols-3">
          {DISPUTE_CATEGORIES.map((c) => (
            <label key={c} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="specialties" value={c} defaultChecked={defaults?.specialties?.includes(c)} />
              {t(`category.${c}`)}
            </label>
          ))}
        </div>
        <ErrorList id={fields.specialties.errorId} errors={fields.specialties.errors} />
      </fieldset>
      <TextField label={t("rooms.field.address")} meta={fields.address} maxLength={120} />
      <TextField label={t("rooms.field.hours")} meta={fields.hours} maxLength={60} hint={t("rooms.hint.hours")} />
      <TextField label={t("rooms.field.phone")} meta={fields.phone} type="tel" maxLength={20} hint={t("rooms.hint.phone")} />
      <TextField label={t("rooms.field.motto")} meta={fields.motto} maxLength={40} />
      <Field label={t("rooms.field.story")} meta={fields.story}>
        <textarea {...getTextareaProps(fields.story)} rows={5} maxLength={1000} className={inputClass} />
      </Field>
      <div className="space-y-1">
        <label htmlFor="room-photo" className="block text-sm font-medium text-stone-800">
          {t("rooms.field.photo")}
        </label>
        <input id="room-photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp" className="block w-full text-sm" />
        <p className="text-xs text-stone-500">{hasImages?.photo ? t("rooms.hint.replace") : t("rooms.hint.photo")}</p>
        <ErrorList errors={form.allErrors.photo} />
      </div>
      <div className="space-y-1">
        <label htmlFor="room-logo" className="block text-sm font-medium text-stone-800">
          {t("rooms.field.logo")}
        </label>
        <input id="room-logo" name="logo" type="file" accept="image/jpeg,image/png,image/webp" className="block w-full text-sm" />
        <p className="text-xs text-stone-500">{hasImages?.logo ? t("rooms.hint.replace") : t("rooms.hint.logo")}</p>
        <ErrorList errors={form.allErrors.logo} />
      </div>
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          name="intent"
          value="save"
          disabled={busy}
          className="min-h-11 rounded-md border border-brand-700 px-5 py-2 font-medium text-brand-800"
        >
          {t("rooms.saveDraft")}
        </button>
        <button
          type="submit"
          name="intent"
          value="submit"
          disabled={busy}
          className="min-h-11 rounded-md bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {t("rooms.submit")}
        </button>
      </div>
    </Form>
  );
}
