import { Op } from "sequelize";
import { getSequelize } from "./db/connection";
import { Mediator, OrgUnit } from "./db/models";

/** Public headline figures for the home page: how big the network in this installation is. */
export async function getOverview() {
  getSequelize();
  const [orgUnits, committees, mediators] = await Promise.all([
    OrgUnit.count(),
    OrgUnit.count({ where: { kind: "committee" } }),
    Mediator.count({ where: { status: { [Op.eq]: "active" } } }),
  ]);
  return { orgUnits, committees, mediators };
}
