import { getFormProps, getInputProps, getSelectProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/.server/access";
import { applyPreset, clearScheme, provinceTarget, saveScheme, schemeOfProvince } from "~/.server/levels/scheme";
import { requireAccess } from "~/.server/web/guards";
import { ErrorList, SubmitButton, inputClass } from "~/components/form";
import {
  CRITERION_KINDS,
  NUMERIC_KINDS,
  ORG_LEVEL_KINDS,
  SCHEME_PRESETS,
  levelSchemeSchema,
  sourceOf,
  type Criterion,
  type CriterionKind,
  type LevelScheme,
} from "~/lib/levels";
import { EDUCATION_LEVELS } from "~/lib/mediator";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("nav.levels");

const ADMIN_ROLES = ["bureau_admin", "sysadmin"];
const target = (request: Request) => (user: { grants: readonly { role: string; orgPath: string }[] }) =>
  provinceTarget(
    new URL(request.url).searchParams.get("org"),
    user.grants.filter((g) => ADMIN_ROLES.includes(g.role)).map((g) => g.orgPath),
  );

/** Bureau admins anywhere in a province see its level scheme; admins over the province (sysadmin, province admins) edit it. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, target: province } = await requireAccess(request, "levels:read", target(request));
  const inForce = await schemeOfProvince(province.id);
  return {
    province: { id: province.id, name: province.name },
    ...inForce,
    canEdit: can(user, "levels:configure", province),
    saved: new URL(request.url).searchParams.get("saved"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, target: province } = await requireAccess(request, "levels:configure", target(request));
  const form = await readFormData(request);
  const back = `/levels/scheme?org=${province.id}`;
  const intent = form.get("intent");
  if (intent === "clear") {
    await clearScheme(actor, province.id);
    throw redirect(`${back}&saved=cleared`);
  }
  if (intent === "preset") {
    const preset = String(form.get("preset"));
    if (preset in SCHEME_PRESETS) await applyPreset(actor, province.id, preset as keyof typeof SCHEME_PRESETS);
    throw redirect(`${back}&saved=preset`);
  }
  const submission = parseWithZod(form, { schema: levelSchemeSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: submission.status === "error" ? 400 : 200 });
  const saved = await saveScheme(actor, province.id, submission.value);
  if (!saved.ok) return data({ result: submission.reply({ formErrors: [`levels.error.${saved.error}`] }) }, { status: 400 });
  throw redirect(`${back}&saved=set`);
}

function CriterionFields({
  meta,
  levelKeys,
  disabled,
}: {
  meta: FieldMetadata<any>;
  levelKeys: { key: string; name: string }[];
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const f = (meta as unknown as FieldMetadata<Record<string, string | null>>).getFieldset();
  const kind = (f.kind.value ?? f.kind.initialValue) as CriterionKind;
  return (
    <div className="grid gap-2 rounded border border-stone-200 p-3 sm:grid-cols-2">
      <label className="text-sm">
        <span className="mb-1 block font-medium">{t("levels.field.kind")}</span>
        <select {...getSelectProps(f.kind)} disabled={disabled} className={inputClass}>
          {CRITERION_KINDS.map((k) => (
            <option key={k} value={k}>{`${t(`levels.kind.${k}`)}（${t(`levels.source.${sourceOf(k)}`)}）`}</option>
          ))}
        </select>
        <ErrorList errors={f.kind.errors} />
      </label>
      {NUMERIC_KINDS.includes(kind) ? (
        <label className="text-sm">
          <span className="mb-1 block font-medium">
            {t(`levels.threshold.${kind === "oralShare" || kind === "noSanction" ? "atMost" : "atLeast"}`)}
          </span>
          <input {...getInputProps(f.threshold, { type: "text" })} inputMode="decimal" disabled={disabled} className={inputClass} />
          <ErrorList errors={f.threshold.errors} />
        </label>
      ) : (
        <input type="hidden" name={f.threshold.name} value="" />
      )}
      {kind === "examScore" ? (
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("levels.field.quizId")}</span>
          <input {...getInputProps(f.quizId, { type: "text" })} disabled={disabled} className={inputClass} />
          <ErrorList errors={f.quizId.errors} />
        </label>
      ) : null}
      {kind === "levelHeld" ? (
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("levels.field.heldLevel")}</span>
          <select {...getSelectProps(f.level)} disabled={disabled} className={inputClass}>
            <option value="">{t("form.choose")}</option>
            {levelKeys.map((l) => (
              <option key={l.key} value={l.key}>
                {l.name}
              </option>
            ))}
          </select>
          <ErrorList errors={f.level.errors} />
        </label>
      ) : null}
      {kind === "education" ? (
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("levels.field.education")}</span>
          <select {...getSelectProps(f.education)} disabled={disabled} className={inputClass}>
            <option value="">{t("form.choose")}</option>
            {EDUCATION_LEVELS.map((e) => (
              <option key={e} value={e}>
                {t(`education.${e}`)}
              </option>
            ))}
          </select>
          <ErrorList errors={f.education.errors} />
        </label>
      ) : null}
      {sourceOf(kind) === "evidence" ? (
        <label className="text-sm sm:col-span-2">
          <span className="mb-1 block font-medium">{t("levels.field.evidence")}</span>
          <input {...getInputProps(f.evidence, { type: "text" })} disabled={disabled} className={inputClass} />
          <ErrorList errors={f.evidence.errors} />
        </label>
      ) : null}
    </div>
  );
}

/** The scheme as the form's text fields hold it. */
function formValue(scheme: LevelScheme) {
  const criterion = (c: Criterion) => ({ ...c, threshold: c.threshold === null ? "" : String(c.threshold) });
  return {
    ...scheme,
    honorary: scheme.honorary.join("，"),
    common: scheme.common.map(criterion),
    levels: scheme.levels.map((l) => ({ ...l, recommendedBy: l.recommendedBy ?? "", criteria: l.criteria.map(criterion) })),
  };
}

export default function LevelSchemePage() {
  const { t } = useTranslation();
  const { province, scheme, own, canEdit, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: formValue(scheme),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: levelSchemeSchema }),
  });
  const levels = fields.levels.getFieldList();
  const levelKeys = scheme.levels.map((l) => ({ key: l.key, name: l.name }));
  const disabled = !canEdit;
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold text-brand-800">{t("levels.schemeTitle", { province: province.name })}</h1>
      <Link to={`/levels/pay?org=${province.id}`} className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
        {t("pay.title")}
      </Link>
      <p className="rounded bg-stone-100 p-3 text-sm">{own ? t("levels.ownScheme") : t("levels.nationalScheme")}</p>
      {saved ? (
        <p role="status" className="rounded bg-green-50 p-3 text-sm text-green-900">
          {t(`levels.saved.${saved === "cleared" ? "cleared" : "set"}`)}
        </p>
      ) : null}
      {canEdit ? null : <p className="text-sm text-stone-600">{t("levels.readOnly")}</p>}
      <Form method="post" {...getFormProps(form)} className="space-y-5">
        <ErrorList id={form.errorId} errors={form.errors} />
        <div className="grid gap-3 sm:grid-cols-2">
          <label className="text-sm">
            <span className="mb-1 block font-medium">{t("levels.field.ungradedName")}</span>
            <input {...getInputProps(fields.ungradedName, { type: "text" })} disabled={disabled} className={inputClass} />
            <ErrorList errors={fields.ungradedName.errors} />
          </label>
          <label className="text-sm">
            <span className="mb-1 block font-medium">{t("levels.field.honorary")}</span>
            <input {...getInputProps(fields.honorary, { type: "text" })} disabled={disabled} className={inputClass} />
            <span className="text-xs text-stone-500">{t("levels.honoraryHint")}</span>
            <ErrorList errors={fields.honorary.errors} />
          </label>
        </div>

        <section className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
          <h2 className="font-semibold">{t("levels.common")}</h2>
          {fields.common.getFieldList().map((c, j) => (
            <div key={c.key} className="space-y-1">
              <CriterionFields meta={c} levelKeys={levelKeys} disabled={disabled} />
              {canEdit ? (
                <button {...form.remove.getButtonProps({ name: fields.common.name, index: j })} className="text-sm text-seal-700 underline">
                  {t("levels.removeCriterion")}
                </button>
              ) : null}
            </div>
          ))}
          {canEdit ? (
            <button
              {...form.insert.getButtonProps({ name: fields.common.name, defaultValue: { kind: "noSanction", threshold: "0" } })}
              className="min-h-11 text-sm text-brand-700 underline"
            >
              {t("levels.addCriterion")}
            </button>
          ) : null}
        </section>

        {levels.map((level, i) => {
          const l = level.getFieldset();
          return (
            <section
              key={level.key}
              className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200"
              aria-label={String(l.name.initialValue ?? "")}
            >
              <div className="grid gap-3 sm:grid-cols-4">
                <label className="text-sm">
                  <span className="mb-1 block font-medium">{t("levels.field.key")}</span>
                  <input
                    {...getInputProps(l.key, { type: "text" })}
                    readOnly={scheme.levels.some((s) => s.key === l.key.initialValue)}
                    disabled={disabled}
                    className={inputClass}
                  />
                  <ErrorList errors={l.key.errors} />
                </label>
                <label className="text-sm">
                  <span className="mb-1 block font-medium">{t("levels.field.name")}</span>
                  <input {...getInputProps(l.name, { type: "text" })} disabled={disabled} className={inputClass} />
                  <ErrorList errors={l.name.errors} />
                </label>
                <label className="text-sm">
                  <span className="mb-1 block font-medium">{t("levels.field.evaluatedBy")}</span>
                  <select {...getSelectProps(l.evaluatedBy)} disabled={disabled} className={inputClass}>
                    {ORG_LEVEL_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`org.kind.${k}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="text-sm">
                  <span className="mb-1 block font-medium">{t("levels.field.recommendedBy")}</span>
                  <select {...getSelectProps(l.recommendedBy)} disabled={disabled} className={inputClass}>
                    <option value="">{t("levels.noRecommendation")}</option>
                    {ORG_LEVEL_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`org.kind.${k}`)}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              {l.criteria.getFieldList().map((c, j) => (
                <div key={c.key} className="space-y-1">
                  <CriterionFields meta={c} levelKeys={levelKeys} disabled={disabled} />
                  {canEdit ? (
                    <button
                      {...form.remove.getButtonProps({ name: l.criteria.name, index: j })}
                      className="text-sm text-seal-700 underline"
                    >
                      {t("levels.removeCriterion")}
                    </button>
                  ) : null}
                </div>
              ))}
              {canEdit ? (
                <div className="flex flex-wrap gap-4">
                  <button
                    {...form.insert.getButtonProps({ name: l.criteria.name, defaultValue: { kind: "disputes", threshold: "0" } })}
                    className="min-h-11 text-sm text-brand-700 underline"
                  >
                    {t("levels.addCriterion")}
                  </button>
                  <button
                    {...form.reorder.getButtonProps({ name: fields.levels.name, from: i, to: Math.max(0, i - 1) })}
                    className="min-h-11 text-sm text-brand-700 underline"
                  >
                    {t("levels.moveUp")}
                  </button>
                  <button
                    {...form.remove.getButtonProps({ name: fields.levels.name, index: i })}
                    className="min-h-11 text-sm text-seal-700 underline"
                  >
                    {t("levels.removeLevel")}
                  </button>
                </div>
              ) : null}
            </section>
          );
        })}
        {canEdit ? (
          <div className="flex flex-wrap gap-3">
            <button
              {...form.insert.getButtonProps({
                name: fields.levels.name,
                index: 0,
                defaultValue: { key: "", name: "", evaluatedBy: "province", recommendedBy: "", criteria: [] },
              })}
              className="min-h-11 rounded-md border border-brand-700 px-4 text-brand-700"
            >
              {t("levels.addLevel")}
            </button>
            <SubmitButton>{t("levels.save")}</SubmitButton>
          </div>
        ) : null}
      </Form>
      {canEdit ? (
        <Form method="post" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 ring-1 ring-stone-200">
          <label className="text-sm">
            <span className="mb-1 block font-medium">{t("levels.preset")}</span>
            <select name="preset" className={inputClass}>
              {Object.keys(SCHEME_PRESETS).map((p) => (
                <option key={p} value={p}>
                  {t(`levels.presetName.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" name="intent" value="preset" className="min-h-11 rounded-md border border-brand-700 px-4 text-brand-700">
            {t("levels.applyPreset")}
          </button>
          {own ? (
            <button type="submit" name="intent" value="clear" className="min-h-11 rounded-md border border-seal-600 px-4 text-seal-700">
              {t("levels.clear")}
            </button>
          ) : null}
        </Form>
      ) : null}
    </div>
  );
}
