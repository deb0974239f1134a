import { Op, type Includeable, type WhereOptions } from "sequelize";
import { RoundApplication } from "../db/models";

/**
 * One page of a round's applications by committee and id, read in two steps: the page's ids from
 * the index round_applications_order alone (0030; the skipped rows are never read, nor joined),
 * then those rows with their mediator and committee.
 */
export async function pageOf(
  where: WhereOptions,
  offset: number,
  limit: number,
  attributes: string[],
  include: Includeable[],
): Promise<RoundApplication[]> {
  const ids = (
    await RoundApplication.findAll({
      where,
      attributes: ["id"],
      order: [
        ["committeeId", "ASC"],
        ["id", "ASC"],
      ],
      limit,
      offset,
      raw: true,
    })
  ).map((r) => r.id);
  if (!ids.length) return [];
  const rows = await RoundApplication.findAll({ where: { id: { [Op.in]: ids } }, attributes, include });
  const at = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => at.get(a.id)! - at.get(b.id)!);
}
