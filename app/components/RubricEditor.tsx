import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { EditableRubric } from "~/lib/rubric";
import { ErrorList, OnceField, SubmitButton, inputClass } from "./form";

const blankLevel = { name: "", points: "", description: "" };
const blankCriterion = () => ({ name: "", description: "", levels: [blankLevel, blankLevel, blankLevel, blankLevel] });

/**
 * The rubric form: every criterion with its levels, plus one blank criterion and blank level rows
 * to fill in. "再加一项" posts the form back with another blank criterion — no JavaScript needed.
 */
export function RubricEditor({
  value,
  errors,
  extra = 1,
  once,
}: {
  value: EditableRubric;
  errors: Record<string, string[] | null>;
  extra?: number;
  once?: string;
}) {
  const { t } = useTranslation();
  const criteria = [
    ...value.criteria.map((c) => ({
      ...c,
      levels: [...c.levels, ...Array(Math.max(0, Math.min(6, c.levels.length + 1) - c.levels.length)).fill(blankLevel)],
    })),
    ...Array.from({ length: extra }, blankCriterion),
  ].slice(0, 12);
  return (
    <Form method="post" className="space-y-4">
      <input type="hidden" name="extra" value={extra} />
      <OnceField token={once} />
      <label className="block text-sm font-medium">
        {t("rubric.title")}
        <input
          name="title"
          defaultValue={value.title}
          maxLength={60}
          aria-invalid={Boolean(errors.title)}
          className={`${inputClass} mt-1`}
        />
      </label>
      <ErrorList errors={errors.title ?? undefined} />
      <label className="block text-sm font-medium">
        {t("rubric.description")}
        <textarea name="description" rows={2} defaultValue={value.description} maxLength={500} className={`${inputClass} mt-1`} />
      </label>
      <ErrorList errors={[...(errors.criteria ?? []), ...(errors[""] ?? [])]} />
      {criteria.map((c, i) => (
        <fieldset key={i} className="space-y-2 rounded-lg bg-white p-3 ring-1 ring-stone-200">
          <legend className="px-1 text-sm font-semibold">{t("rubric.criterion", { number: i + 1 })}</legend>
          <input
            name={`criteria[${i}].name`}
            defaultValue={c.name}
            maxLength={40}
            placeholder={t("rubric.criterionName")}
            aria-label={t("rubric.criterionName")}
            className={inputClass}
          />
          <ErrorList errors={[...(errors[`criteria[${i}].name`] ?? []), ...(errors[`criteria[${i}].levels`] ?? [])]} />
          <input
            name={`criteria[${i}].description`}
            defaultValue={c.description}
            maxLength={300}
            placeholder={t("rubric.criterionDescription")}
            aria-label={t("rubric.criterionDescription")}
            className={inputClass}
          />
          <div className="space-y-2">
            {c.levels.map((l, j) => (
              <div key={j} className="grid grid-cols-[1fr_5rem] gap-2 sm:grid-cols-[10rem_6rem_1fr]">
                <input
                  name={`criteria[${i}].levels[${j}].name`}
                  defaultValue={l.name}
                  maxLength={20}
                  placeholder={t("rubric.levelName")}
                  aria-label={t("rubric.levelName")}
                  className={inputClass}
                />
                <input
                  name={`criteria[${i}].levels[${j}].points`}
                  defaultValue={String(l.points)}
                  inputMode="decimal"
                  placeholder={t("rubric.points")}
                  aria-label={t("rubric.points")}
                  className={inputClass}
                />
                <input
                  name={`criteria[${i}].levels[${j}].description`}
                  defaultValue={l.description}
                  maxLength={300}
                  placeholder={t("rubric.levelDescription")}
                  aria-label={t("rubric.levelDescription")}
                  className={`${inputClass} col-span-2 sm:col-span-1`}
                />
                <div className="col-span-2 sm:col-span-3">
                  <ErrorList
                    errors={[
                      ...(errors[`criteria[${i}].levels[${j}].name`] ?? []),
                      ...(errors[`criteria[${i}].levels[${j}].points`] ?? []),
                    ]}
                  />
                </div>
              </div>
            ))}
          </div>
        </fieldset>
      ))}
      <p className="text-sm text-stone-600">{t("rubric.hint")}</p>
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="more" className="min-h-11 rounded-md border border-brand-700 px-4 text-brand-700">
          {t("rubric.addCriterion")}
        </button>
        <SubmitButton>{t("rubric.save")}</SubmitButton>
      </div>
    </Form>
  );
}
