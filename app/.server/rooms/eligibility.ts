import { Op, QueryTypes, type Transaction } from "sequelize";
import { todayInChina } from "~/lib/dates";
import { checkEligibility, type Eligibility, type EligibilityFacts, type RoomPolicy } from "~/lib/rooms";
import { now } from "../clock";
import { getSequelize } from "../db/connection";
import { Mediator, MediatorLevel } from "../db/models";
import { schemeAt } from "../levels/scheme";

/**
 * The facts the eligibility rules read, from what the portal holds: years of service from the
 * roster, disputes and success per closing year from the case register's rollups (the primary
 * mediator's files, app/.server/cases), and the level held now (the open row of the level history,
 * as app/.server/levels/standing.ts reads it).
 */
export async function eligibilityFacts(mediatorIds: readonly number[], transaction?: Transaction): Promise<EligibilityFacts[]> {
  if (mediatorIds.length === 0) return [];
  const ids = [...mediatorIds];
  const [people, levels, years] = await Promise.all([
    Mediator.findAll({ where: { id: { [Op.in]: ids } }, attributes: ["id", "appointedOn"], transaction }),
    MediatorLevel.findAll({
      where: { mediatorId: { [Op.in]: ids }, until: { [Op.is]: null } },
      attributes: ["mediatorId", "level"],
      transaction,
    }),
    getSequelize().query(
      `SELECT mediator_id, year, handled, successful FROM mediator_case_years WHERE mediator_id IN (${ids.map(() => "?").join(", ")})`,
      { replacements: ids, type: QueryTypes.SELECT, transaction },
    ) as Promise<{ mediator_id: number; year: number; handled: number; successful: number }[]>,
  ]);
  return ids.flatMap((id) => {
    const person = people.find((p) => p.id === id);
    if (!person) return [];
    return [
      {
        mediatorId: id,
        appointedOn: person.appointedOn,
        level: levels.find((l) => l.mediatorId === id)?.level ?? null,
        years: years
          .filter((y) => Number(y.mediator_id) === id)
          .map((y) => ({ year: Number(y.year), handled: Number(y.handled), successful: Number(y.successful) })),
      },
    ];
  });
}

/** The scheme's level keys (highest first) and names where the room sits. */
export async function levelsAt(orgPath: string) {
  const { scheme } = await schemeAt(orgPath);
  return scheme.levels.map((l) => ({ key: l.key, name: l.name }));
}

/** Each mediator's check against the policy (in the order given). */
export async function eligibilityOf(
  policy: RoomPolicy,
  orgPath: string,
  mediatorIds: readonly number[],
  today = todayInChina(now()),
  transaction?: Transaction,
): Promise<Eligibility[]> {
  const [facts, levels] = await Promise.all([eligibilityFacts(mediatorIds, transaction), levelsAt(orgPath)]);
  const order = levels.map((l) => l.key);
  return facts.map((f) => checkEligibility(policy, f, today, order));
}
