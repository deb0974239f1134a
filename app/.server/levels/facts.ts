import { Op, QueryTypes } from "sequelize";
import { periodYears, type LevelScheme, type MediatorFacts, type Period } from "~/lib/levels";
import type { Education } from "~/lib/mediator";
import { getSequelize } from "../db/connection";
import { Mediator, MediatorLevel, MediatorSanction } from "../db/models";
import { mediatorCaseYears } from "../cases/stats";
import { bestScoreOf, bestScores } from "../quizzes/best";
import { fileReviewMean, fileReviewMeans } from "./file-review";

/**
 * What the criteria read about mediators, from the sources the system holds: the roster (service
 * date, education), the case-register rollup mediator_case_years, the training rollup
 * mediator_years, the attempt engine's graded attempts, the file-review hook, the level history
 * and the sanctions list. `factsOf` reads one mediator through the modules that own each source;
 * `factsOfMany` reads a whole batch with one query per source.
 */

/** The quizzes a scheme's exam criteria name. */
export const quizIdsOf = (scheme: LevelScheme) => [
  ...new Set(
    [...scheme.common, ...scheme.levels.flatMap((l) => l.criteria)].filter((c) => c.kind === "examScore" && c.quizId).map((c) => c.quizId!),
  ),
];

const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v == null ? null : String(v).slice(0, 10));

/** One mediator's facts (null: no such mediator). */
export async function factsOf(mediatorId: number, period: Period, quizIds: readonly string[]): Promise<MediatorFacts | null> {
  const mediator = await Mediator.findByPk(mediatorId, { attributes: ["id", "appointedOn", "education"] });
  if (!mediator) return null;
  const years = periodYears(period);
  const caseYears = (await mediatorCaseYears(mediatorId)).filter((y) => years.includes(y.year));
  const training = (await getSequelize().query(
    "SELECT year, hours, practical, compliant FROM mediator_years WHERE mediator_id = ? ORDER BY year",
    {
      replacements: [mediatorId],
      type: QueryTypes.SELECT,
    },
  )) as { year: number; hours: number | string; practical: number; compliant: number | boolean }[];
  const bestScores: Record<string, number> = {};
  for (const quizId of quizIds) {
    const best = await bestScoreOf(quizId, mediatorId);
    if (best !== null) bestScores[quizId] = best;
  }
  const levels = await MediatorLevel.findAll({ where: { mediatorId }, attributes: ["level", "from", "until"], order: [["from", "ASC"]] });
  const sanctions = await MediatorSanction.findAll({ where: { mediatorId, on: { [Op.lte]: period.to } }, attributes: ["on"] });
  return {
    mediatorId,
    appointedOn: day(mediator.appointedOn),
    education: (mediator.education as Education | null) ?? null,
    caseYears: caseYears.map((y) => ({ year: y.year, handled: y.handled, successful: y.successful, oral: y.oral, confirmed: y.confirmed })),
    trainingYears: training
      .filter((t) => years.includes(Number(t.year)))
      .map((t) => ({
        year: Number(t.year),
        hours: Number(t.hours),
        practical: Number(t.practical),
        compliant: Boolean(Number(t.compliant)),
      })),
    bestScores,
    fileReview: await fileReviewMean(mediatorId, period),
    levels: levels.map((l) => ({ level: l.level, from: day(l.from)!, until: day(l.until) })),
    sanctions: sanctions.map((s) => ({ on: day(s.on)! })),
  };
}

/** Integer ids written into the statement: one query whatever the batch size (no placeholder limit). */
const idList = (ids: readonly number[]) => ids.map((id) => Math.trunc(Number(id))).join(", ");

/**
 * Facts for many mediators, one query per source for the whole batch (seven at most), returned
 * in the order of `mediatorIds`; unknown ids are left out.
 */
export async function factsOfMany(mediatorIds: readonly number[], period: Period, quizIds: readonly string[]): Promise<MediatorFacts[]> {
  if (!mediatorIds.length) return [];
  const sequelize = getSequelize();
  const ids = idList(mediatorIds);
  const years = periodYears(period);
  const select = <T>(sql: string, replacements: unknown[] = []) =>
    sequelize.query(sql, { replacements, type: QueryTypes.SELECT }) as Promise<T[]>;
  const [roster, cases, training, scores, reviews, levels, sanctions] = await Promise.all([
    select<{ id: number; appointed_on: unknown; education: string | null }>(
      `SELECT id, appointed_on, education FROM mediators WHERE id IN (${ids})`,
    ),
    select<{ mediator_id: number; year: number; handled: number; successful: number; oral: number; confirmed: number }>(
      `SELECT mediator_id, year, handled, successful, oral, confirmed FROM mediator_case_years
        WHERE mediator_id IN (${ids}) AND year BETWEEN ? AND ? AND handled > 0 ORDER BY mediator_id, year DESC`,
      [years[0], years[years.length - 1]],
    ),
    select<{ mediator_id: number; year: number; hours: number | string; practical: number; compliant: number | boolean }>(
      `SELECT mediator_id, year, hours, practical, compliant FROM mediator_years WHERE mediator_id IN (${ids}) AND year BETWEEN ? AND ? ORDER BY mediator_id, year`,
      [years[0], years[years.length - 1]],
    ),
    bestScores(quizIds, mediatorIds),
    fileReviewMeans(mediatorIds, period),
    select<{ mediator_id: number; level: string; from: unknown; until: unknown }>(
      "SELECT mediator_id, level, `from`, `until` FROM mediator_levels WHERE mediator_id IN (" + ids + ") ORDER BY mediator_id, `from`",
    ),
    select<{ mediator_id: number; on: unknown }>(
      "SELECT mediator_id, `on` FROM mediator_sanctions WHERE mediator_id IN (" + ids + ") AND `on` <= ?",
      [period.to],
    ),
  ]);
  const group = <T extends { mediator_id: number }>(rows: T[]) => {
    const map = new Map<number, T[]>();
    for (const r of rows) {
      const id = Number(r.mediator_id);
      const list = map.get(id);
      if (list) list.push(r);
      else map.set(id, [r]);
    }
    return map;
  };
  const byCases = group(cases);
  const byTraining = group(training);
  const byLevels = group(levels);
  const bySanctions = group(sanctions);
  const known = new Map(roster.map((r) => [Number(r.id), r]));
  return mediatorIds
    .filter((id) => known.has(id))
    .map((id) => {
      const r = known.get(id)!;
      return {
        mediatorId: id,
        appointedOn: day(r.appointed_on),
        education: (r.education as Education | null) ?? null,
        caseYears: (byCases.get(id) ?? []).map((y) => ({
          year: Number(y.year),
          handled: Number(y.handled),
          successful: Number(y.successful),
          oral: Number(y.oral),
          confirmed: Number(y.confirmed),
        })),
        trainingYears: (byTraining.get(id) ?? []).map((t) => ({
          year: Number(t.year),
          hours: Number(t.hours),
          practical: Number(t.practical),
          compliant: Boolean(Number(t.compliant)),
        })),
        bestScores: scores.get(id) ?? {},
        fileReview: reviews.get(id) ?? null,
        levels: (byLevels.get(id) ?? []).map((l) => ({ level: l.level, from: day(l.from)!, until: day(l.until) })),
        sanctions: (bySanctions.get(id) ?? []).map((s) => ({ on: day(s.on)! })),
      };
    });
}
