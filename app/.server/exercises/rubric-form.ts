import { redirect } from "@remix-run/node";
import { ONCE_FIELD, submitOnce } from "../form-once";
import type { EditableRubric } from "~/lib/rubric";
import type { OrgScope } from "../org";
import { rubricFromForm, saveRubric, validateRubric } from "./rubrics";

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
