import { exerciseSchema, type ExerciseInput, type FieldErrors } from "../exercises/exercises";

/** The set-an-exercise form's fields, checked; an empty number field is missing (an error), not 0. */
export function parseExerciseForm(form: FormData): { ok: true; input: ExerciseInput } | { ok: false; errors: FieldErrors } {
  const raw = Object.fromEntries([...form.entries()].filter(([k]) => k !== "intent").map(([k, v]) => [k, String(v)]));
  // An empty number field is missing (an error), not 0.
  const filled = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ""));
  const parsed = exerciseSchema.safeParse({ anonymous: "false", ...filled });
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  return { ok: false, errors };
}
