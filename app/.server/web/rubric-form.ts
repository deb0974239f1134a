import { redirect } from "@remix-run/node";
import { ONCE_FIELD, submitOnce } from "./form-once";
import type { EditableRubric } from "~/lib/rubric";
import type { OrgScope } from "../org";
import { saveRubric, validateRubric } from "../exercises/rubrics";

/**
 * The rubric editor's action for new and existing rubrics: "more" redraws the form with another
 * blank criterion; "save" validates and saves, or redraws with the errors under their fields.
 */
export async function rubricAction(request: Request, actor: { id: number; scopes: OrgScope[] }, target: { id?: number; orgUnitId: number }) {
  const form = await request.formData();
  const value = rubricFromForm(form) as EditableRubric;
  const extra = Math.min(6, Math.max(1, Number(form.get("extra")) || 1));
  if (form.get("intent") === "more") return { value, errors: {}, extra: extra + 1 };
  const checked = validateRubric(value);
  if (!checked.ok) return { value, errors: checked.errors, extra };
  const save = async () => {
    const saved = await saveRubric(actor, checked.input, target);
    if (!saved) return { value, errors: { form: ["rubric.notAllowed"] }, extra };
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
  const criteria = [];
  for (let i = 0; i < 12 && form.has(`criteria[${i}].name`); i++) {
    const levels = [];
    for (let j = 0; j < 6 && form.has(`criteria[${i}].levels[${j}].name`); j++) {
      const level = { name: value(`criteria[${i}].levels[${j}].name`), points: value(`criteria[${i}].levels[${j}].points`), description: value(`criteria[${i}].levels[${j}].description`) };
      if (level.name.trim() || level.description.trim()) levels.push(level);
    }
    const criterion = { name: value(`criteria[${i}].name`), description: value(`criteria[${i}].description`), levels };
    if (criterion.name.trim() || levels.length) criteria.push(criterion);
  }
  return { title: value("title"), description: value("description"), criteria };
}
