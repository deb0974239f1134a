import { withinOrAboveScopes, withinScopes } from "../access";
import { OrgUnit, Rubric } from "../db/models";
import type { OrgScope } from "../org";
import { rubricInputSchema, withIds, type RubricInput } from "~/lib/rubric";

/**
 * The rubric library: a rubric belongs to an org node and is shared with everything below it, so a
 * trainer sees the rubrics of their own node, its ancestors (e.g. the province's) and its subtree.
 */
export async function rubricLibrary(scopes: OrgScope[]) {
  const rubrics = await Rubric.findAll({
    include: [{ model: OrgUnit, as: "orgUnit", attributes: ["id", "name", "path"] }],
    order: [["title", "ASC"]],
  });
  return rubrics.filter((r) => visible(scopes, (r.get("orgUnit") as OrgUnit).path));
}

/** As the table's "rubric:read" (role over the node or upward). */
const visible = withinOrAboveScopes;

export async function getRubric(scopes: OrgScope[], id: number) {
  const rubric = Number.isSafeInteger(id)
    ? await Rubric.findByPk(id, { include: [{ model: OrgUnit, as: "orgUnit", attributes: ["id", "name", "path"] }] })
    : null;
  if (!rubric || !visible(scopes, (rubric.get("orgUnit") as OrgUnit).path)) return null;
  const orgPath = (rubric.get("orgUnit") as OrgUnit).path;
  return { rubric, orgPath, editable: withinScopes(scopes, orgPath) };
}

export type RubricErrors = Record<string, string[]>;
export function validateRubric(data: unknown): { ok: true; input: RubricInput } | { ok: false; errors: RubricErrors } {
  const parsed = rubricInputSchema.safeParse(data);
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: RubricErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${p}` : p)).join("");
    (errors[key || "form"] ??= []).push(issue.message);
  }
  return { ok: false, errors };
}

export async function saveRubric(
  actor: { id: number; scopes: OrgScope[] },
  input: RubricInput,
  target: { id?: number; orgUnitId: number },
) {
  const rubric = withIds(input);
  const values = { title: rubric.title, description: rubric.description || null, criteria: rubric.criteria, maxPoints: rubric.maxPoints };
  if (target.id) {
    const found = await getRubric(actor.scopes, target.id);
    if (!found?.editable) return null;
    return found.rubric.update(values);
  }
  const org = await OrgUnit.findByPk(target.orgUnitId, { attributes: ["id", "path"] });
  if (!org || !withinScopes(actor.scopes, org.path)) return null;
  return Rubric.create({ ...values, orgUnitId: org.id, createdBy: actor.id });
}
