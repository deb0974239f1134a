import { Op } from "sequelize";
import { QuizAttempt } from "../db/models";
import { getSequelize } from "../db/connection";
import { QueryTypes } from "sequelize";

/**
 * Best percent per mediator over graded attempts of the given quizzes (the attempt engine's own
 * results; attempts in progress or awaiting grading do not count). One query for any number of
 * mediators; ids go into the statement as integers, so no placeholder limit applies.
 */
export async function bestScores(quizIds: readonly string[], mediatorIds: readonly number[]): Promise<Map<number, Record<string, number>>> {
  const out = new Map<number, Record<string, number>>();
  if (!quizIds.length || !mediatorIds.length) return out;
  const rows = (await getSequelize().query(
    `SELECT mediator_id, quiz_id, MAX(percent) AS best FROM quiz_attempts
      WHERE state = 'graded' AND percent IS NOT NULL AND quiz_id IN (${quizIds.map(() => "?").join(", ")})
        AND mediator_id IN (${mediatorIds.map((id) => Math.trunc(Number(id))).join(", ")})
      GROUP BY mediator_id, quiz_id`,
    { replacements: [...quizIds], type: QueryTypes.SELECT },
  )) as { mediator_id: number; quiz_id: string; best: number | string }[];
  for (const r of rows) {
    const own = out.get(Number(r.mediator_id)) ?? {};
    own[r.quiz_id] = Number(r.best);
    out.set(Number(r.mediator_id), own);
  }
  return out;
}

/** One mediator's best percent in one quiz (null: no graded attempt). */
export async function bestScoreOf(quizId: string, mediatorId: number): Promise<number | null> {
  const attempts = await QuizAttempt.findAll({
    where: { quizId, mediatorId, state: "graded", percent: { [Op.ne]: null } },
    attributes: ["percent"],
  });
  return attempts.length ? Math.max(...attempts.map((a) => Number(a.percent))) : null;
}
