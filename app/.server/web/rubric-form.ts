import type { SubmissionResult } from "@conform-to/react";
import { data, redirect } from "@remix-run/node";
import { ONCE_FIELD, submitOnce } from "./form-once";
import { refusal } from "./reply";
import type { EditableRubric } from "~/lib/rubric";
import type { OrgScope } from "../org";
import { saveRubric, validateRubric } from "../exercises/rubrics";
import { readFormData } from "./form";

/**
 * The editor's reply: `result` as every form's (its initialValue is the rubric as typed, blank rows
 * dropped; its errors sit on Conform's field names, criteria[0].levels[1].points …), and how many
 * blank criteria to offer.
 */
export type RubricReply = { result: SubmissionResult<string[]>; extra: number };

/**
 * The rubric editor's action for new and existing rubrics: "more" redraws the form with another
 * blank criterion; "save" validates (rubricInputSchema, app/lib/rubric.ts) and saves, or redraws
 * with the errors under their fields (400).
 */
export async function rubricAction(
  request: Request,
  actor: { id: number; scopes: OrgScope[] },
  target: { id?: number; orgUnitId: number },
) {
  const form = await readFormData(request);
  const value = rubricFromForm(form) as EditableRubric;
  const typed = value as unknown as Record<string, string>;
  const extra = Math.min(6, Math.max(1, Number(form.get("extra")) || 1));
  if (form.get("intent") === "more") return data<RubricReply>({ result: { initialValue: typed }, extra: extra + 1 });
  const checked = validateRubric(value);
  if (!checked.ok) {
    const { form: formErrors, ...fieldErrors } = checked.errors;
    return data<RubricReply>({ result: refusal({ fieldErrors, formErrors }, typed), extra }, { status: 400 });
  }
  const save = async () => {
    const saved = await saveRubric(actor, checked.input, target);
    if (!saved) return data<RubricReply>({ result: refusal({ formErrors: ["rubric.notAllowed"] }, typed), extra }, { status: 403 });
    throw redirect(`/rubrics/${saved.id}?saved=1`);
  };
  // A new rubric is made once per form (a double tap does not make two); an edit may be saved again.
  if (target.id) return save();
  return submitOnce(actor.id, form.get(ONCE_FIELD), checked.input, save);
}

/**
 * The editor posts criteria[i].name, criteria[i].levels[j].points …; rows left blank are dropped,
 * so the form can always offer empty rows to fill in.
 */
export function rubricFromForm(form: FormData): unknown {
  const value = (key: string) => String(form.get(key) ?? "");
  // Points stay as typed (text): the schema checks them.
  const criteria = [];
  for (let i = 0; i < 12 && form.has(`criteria[${i}].name`); i++) {
    const levels = [];
    for (let j = 0; j < 6 && form.has(`criteria[${i}].levels[${j}].name`); j++) {
      const level = {
        name: value(`criteria[${i}].levels[${j}].name`),
        points: value(`criteria[${i}].levels[${j}].points`),
        description: value(`criteria[${i}].levels[${j}].description`),
      };
      if (level.name.trim() || level.description.trim()) levels.push(level);
    }
    const criterion = { name: value(`criteria[${i}].name`), description: value(`criteria[${i}].description`), levels };
    if (criterion.name.trim() || levels.length) criteria.push(criterion);
  }
  return { title: value("title"), description: value("description"), criteria };
}
