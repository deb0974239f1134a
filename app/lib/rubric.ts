import { z } from "zod";
import { plainText, tooLong } from "./validation";

/** A rubric (评分量表): criteria, each with levels a grader picks one of. */
export type RubricLevel = { id: string; name: string; points: number; description: string };
export type RubricCriterion = { id: string; name: string; description: string; levels: RubricLevel[] };
export type Rubric = { title: string; description: string; criteria: RubricCriterion[]; maxPoints: number };
/** The rubric editor's form value: as typed (points may be text), before validation. */
export type EditableRubric = {
  title: string;
  description: string;
  criteria: { name: string; description: string; levels: { name: string; points: string | number; description: string }[] }[];
};
/** A grade: per criterion the level picked (null: not yet) and a comment. */
export type RubricGrade = Record<string, { levelId: string | null; comment: string }>;

const points = z.coerce
  .number({ invalid_type_error: "rubric.pointsNumber" })
  .min(0, "rubric.pointsRange")
  .max(100, "rubric.pointsRange")
  .multipleOf(0.5, "rubric.pointsStep");
const text = (max: number) => plainText(z.string().trim().max(max, tooLong(max)));
const required = (max: number) => text(max).min(1, "validation.required");

/** The rubric editor's input; blank rows (no name) are dropped before this runs. */
export const rubricInputSchema = z.object({
  title: required(60),
  description: text(500).optional().default(""),
  criteria: z
    .array(
      z.object({
        name: required(40),
        description: text(300).optional().default(""),
        levels: z
          .array(z.object({ name: required(20), points, description: text(300).optional().default("") }))
          .min(2, "rubric.levelsCount")
          .max(6, "rubric.levelsCount"),
      }),
    )
    .min(1, "rubric.criteriaCount")
    .max(12, "rubric.criteriaCount"),
});
export type RubricInput = z.infer<typeof rubricInputSchema>;

export const maxPointsOf = (criteria: Pick<RubricCriterion, "levels">[]) =>
  criteria.reduce((sum, c) => sum + Math.max(...c.levels.map((l) => l.points)), 0);

/** Gives criteria and levels stable ids (c1, c1l2 …), in order. */
export function withIds(input: RubricInput): Omit<Rubric, "maxPoints"> & { maxPoints: number } {
  const criteria = input.criteria.map((c, i) => ({
    id: `c${i + 1}`,
    name: c.name,
    description: c.description ?? "",
    levels: c.levels.map((l, j) => ({ id: `c${i + 1}l${j + 1}`, name: l.name, points: l.points, description: l.description ?? "" })),
  }));
  return { title: input.title, description: input.description ?? "", criteria, maxPoints: maxPointsOf(criteria) };
}

/**
 * The score of a grade: the points of the level picked for each criterion. `complete` when every
 * criterion has a level; null when the grade names a criterion or level the rubric does not have.
 */
export function scoreOf(rubric: Pick<Rubric, "criteria">, grade: RubricGrade): { score: number; complete: boolean } | null {
  let score = 0;
  let complete = true;
  for (const id of Object.keys(grade)) if (!rubric.criteria.some((c) => c.id === id)) return null;
  for (const criterion of rubric.criteria) {
    const levelId = grade[criterion.id]?.levelId ?? null;
    if (levelId === null) {
      complete = false;
      continue;
    }
    const level = criterion.levels.find((l) => l.id === levelId);
    if (!level) return null;
    score += level.points;
  }
  return { score: Math.round(score * 10) / 10, complete };
}
