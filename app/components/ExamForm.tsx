import { getFormProps, getInputProps, getSelectProps, useForm, type Submission, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DISPUTE_CATEGORIES } from "~/lib/categories";
import { examLockedSchema, examSchema, poolOf, type ExamFormValue, type PoolIndex } from "~/lib/exam";
import { MULTIPLE_SCORING, QUESTION_TYPES, REVIEW_POLICIES } from "~/lib/quiz";
import { ErrorList, Field, OnceField, SubmitButton, TextField, inputClass } from "./form";

type Node = { id: number; name: string; level: number };
type Committee = { id: number; name: string };

/** The questions the banks hold per category and difficulty: what the draw rules can ask for. */
export function PoolTable({ pools }: { pools: PoolIndex }) {
  const { t } = useTranslation();
  const rows = DISPUTE_CATEGORIES.map((c) => ({ c, n: [1, 2, 3].map((d) => poolOf(pools, { category: c, difficulty: d })) })).filter((r) =>
    r.n.some(Boolean),
  );
  return (
    <details className="rounded-md bg-stone-50 p-3 text-sm">
      <summary className="min-h-11 cursor-pointer font-medium">{t("exam.pool.title")}</summary>
      <table className="mt-2 w-full text-left">
        <thead>
          <tr>
            <th className="py-1">{t("exam.field.category")}</th>
            {[1, 2, 3].map((d) => (
              <th key={d} className="py-1 text-right">
                {t(`exam.difficulty.${d}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.c} className="border-t border-stone-200">
              <td className="py-1">{t(`category.${r.c}`)}</td>
              {r.n.map((n, i) => (
                <td key={i} className="py-1 text-right tabular-nums">
                  {n}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/**
 * The exam form, for scheduling and for editing; the same schema checks it on the server. Once
 * someone has started the exam (`locked`), only the title and the closing time are sent: the other
 * fields are shown, disabled, with a note saying why.
 */
export function ExamForm({
  lastResult,
  defaultValue,
  nodes,
  committees,
  pools,
  locked,
  submitLabel,
  once,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: ExamFormValue;
  nodes: Node[];
  committees: Committee[];
  pools: PoolIndex;
  locked: boolean;
  submitLabel: string;
  once?: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<ExamFormValue>({
    lastResult,
    defaultValue,
    shouldValidate: "onBlur",
    // The form holds strings; the schema's parsed value (numbers, rule rows) is the server's concern.
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: locked ? examLockedSchema : examSchema }) as unknown as Submission<ExamFormValue>,
  });
  const chosenCommittees = new Set(defaultValue.committeeIds);
  const chosenSpecialties = new Set(defaultValue.specialties);
  const rules = fields.rules.getFieldList();
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-x-4 rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:grid-cols-2">
      <OnceField token={once} />
      <div className="sm:col-span-2">
        <ErrorList id={form.errorId} errors={form.errors} />
        {locked ? <p className="mb-3 rounded-md bg-amber-50 p-3 text-sm text-amber-800">{t("exam.lockedNote")}</p> : null}
      </div>
      <div className="sm:col-span-2">
        <TextField label={t("exam.field.title")} meta={fields.title} />
      </div>
      <TextField
        label={t("exam.field.opensAt")}
        meta={fields.opensAt}
        type={"datetime-local" as "text"}
        hint={t("exam.timeZoneHint")}
        disabled={locked}
      />
      <TextField label={t("exam.field.closesAt")} meta={fields.closesAt} type={"datetime-local" as "text"} hint={t("exam.timeZoneHint")} />
      <fieldset disabled={locked} className="contents">
        <Field label={t("exam.field.orgUnit")} meta={fields.orgUnitId} hint={t("exam.orgUnitHint")}>
          <select {...getSelectProps(fields.orgUnitId)} className={inputClass}>
            <option value="">{t("form.choose")}</option>
            {nodes.map((o) => (
              <option key={o.id} value={o.id}>
                {"\u3000".repeat(o.level)}
                {o.name}
              </option>
            ))}
          </select>
        </Field>
        <TextField
          label={t("exam.field.timeLimit")}
          meta={fields.timeLimitMinutes}
          type="number"
          min={1}
          max={600}
          hint={t("exam.timeLimitHint")}
        />
        <TextField label={t("exam.field.attempts")} meta={fields.attemptsAllowed} type="number" min={1} max={20} />
        <TextField label={t("exam.field.passMark")} meta={fields.passMark} type="number" min={0} max={100} />
        <Field label={t("exam.field.review")} meta={fields.review}>
          <select {...getSelectProps(fields.review)} className={inputClass}>
            {REVIEW_POLICIES.map((r) => (
              <option key={r} value={r}>
                {t(`quiz.review.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("exam.field.scoring")} meta={fields.multipleScoring}>
          <select {...getSelectProps(fields.multipleScoring)} className={inputClass}>
            {MULTIPLE_SCORING.map((s) => (
              <option key={s} value={s}>
                {t(`quiz.scoring.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <div className="space-y-3 sm:col-span-2">
          <details open={chosenCommittees.size > 0} className="rounded-md ring-1 ring-stone-200">
            <summary className="min-h-11 cursor-pointer p-3 text-sm font-medium">
              {t("exam.field.committees")}
              {chosenCommittees.size ? ` (${chosenCommittees.size})` : ""}
            </summary>
            <p className="px-3 text-xs text-stone-500">{t("exam.committeesHint")}</p>
            <div className="grid max-h-72 grid-cols-1 gap-1 overflow-y-auto p-3 sm:grid-cols-2">
              {committees.map((c) => (
                <label key={c.id} className="flex min-h-11 items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name={fields.committeeIds.name}
                    value={c.id}
                    defaultChecked={chosenCommittees.has(String(c.id))}
                    className="size-5"
                  />
                  {c.name}
                </label>
              ))}
            </div>
          </details>
          <ErrorList errors={fields.committeeIds.errors} />
          <fieldset>
            <legend className="text-sm font-medium">{t("exam.field.specialties")}</legend>
            <p className="text-xs text-stone-500">{t("exam.specialtiesHint")}</p>
            <div className="mt-1 grid grid-cols-2 gap-1 sm:grid-cols-4">
              {DISPUTE_CATEGORIES.map((c) => (
                <label key={c} className="flex min-h-11 items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name={fields.specialties.name}
                    value={c}
                    defaultChecked={chosenSpecialties.has(c)}
                    className="size-5"
                  />
                  {t(`category.${c}`)}
                </label>
              ))}
            </div>
            <ErrorList errors={fields.specialties.errors} />
          </fieldset>
        </div>
        <fieldset className="space-y-2 sm:col-span-2">
          <legend className="text-sm font-medium">{t("exam.field.rules")}</legend>
          <p className="text-xs text-stone-500">{t("exam.rulesHint")}</p>
          <PoolTable pools={pools} />
          <ErrorList id={fields.rules.errorId} errors={fields.rules.errors} />
          <ol className="space-y-3">
            {rules.map((rule, i) => {
              const row = rule.getFieldset();
              const value = rule.value ?? {};
              const pool = poolOf(pools, value);
              return (
                <li key={rule.key} className="grid grid-cols-2 gap-x-3 rounded-md bg-stone-50 p-3 sm:grid-cols-4">
                  <Field label={t("exam.field.category")} meta={row.category}>
                    <select {...getSelectProps(row.category)} className={inputClass}>
                      <option value="">{t("exam.any")}</option>
                      {DISPUTE_CATEGORIES.map((c) => (
                        <option key={c} value={c}>
                          {t(`category.${c}`)}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field label={t("exam.field.difficulty")} meta={row.difficulty}>
                    <select {...getSelectProps(row.difficulty)} className={inputClass}>
                      <option value="">{t("exam.any")}</option>
                      {[1, 2, 3].map((d) => (
                        <option key={d} value={d}>
                          {t(`exam.difficulty.${d}`)}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field label={t("exam.field.type")} meta={row.type}>
                    <select {...getSelectProps(row.type)} className={inputClass}>
                      <option value="">{t("exam.any")}</option>
                      {QUESTION_TYPES.map((q) => (
                        <option key={q} value={q}>
                          {t(`quiz.type.${q}`)}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field label={t("exam.field.count")} meta={row.count} hint={t("exam.pool.row", { number: i + 1, pool })}>
                    <input {...getInputProps(row.count, { type: "number" })} min={1} max={200} className={inputClass} />
                  </Field>
                </li>
              );
            })}
          </ol>
        </fieldset>
      </fieldset>
      <div className="sm:col-span-2">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}
