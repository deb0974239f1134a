import { Op } from "sequelize";
import { Mediator, OrgUnit } from "./db/models";

/** Public headline figures for the home page: how big the network in this installation is. */
export async function getOverview() {
  const [orgUnits, committees, mediators] = await Promise.all([
    OrgUnit.count(),
    OrgUnit.count({ where: { kind: "committee" } }),
    Mediator.count({ where: { status: { [Op.eq]: "active" } } }),
  ]);
  return { orgUnits, committees, mediators };
}
