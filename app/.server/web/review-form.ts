import type { Rubric, RubricGrade } from "~/lib/rubric";

/** Reads level.<criterion> and comment.<criterion> fields for a review's rubric (as RubricGrader names them). */
export function reviewGradeFromForm(form: FormData, rubric: Pick<Rubric, "criteria">): RubricGrade {
  const grade: RubricGrade = {};
  for (const c of rubric.criteria) {
    const level = String(form.get(`level.${c.id}`) ?? "");
    grade[c.id] = {
      levelId: level || null,
      comment: String(form.get(`comment.${c.id}`) ?? "")
        .trim()
        .slice(0, 500),
    };
  }
  return grade;
}
