import type { Exercise } from "../db/models";
import type { GradeInput } from "../exercises/grading";
import type { RubricGrade } from "~/lib/rubric";

/** Reads level.<criterion> and comment.<criterion> fields for the exercise's rubric. */
export function gradeFromForm(form: FormData, exercise: Pick<Exercise, "rubric">): GradeInput {
  const grade: RubricGrade = {};
  for (const c of exercise.rubric.criteria) {
    const level = String(form.get(`level.${c.id}`) ?? "");
    grade[c.id] = { levelId: level || null, comment: String(form.get(`comment.${c.id}`) ?? "").trim().slice(0, 1000) };
  }
  const intent = String(form.get("intent") ?? "save");
  return {
    grade,
    overallComment: String(form.get("overallComment") ?? "").trim().slice(0, 4000),
    version: Number(form.get("version")),
    intent: intent === "release" || intent === "return" ? intent : "save",
    reason: String(form.get("reason") ?? "").trim().slice(0, 500),
  };
}
