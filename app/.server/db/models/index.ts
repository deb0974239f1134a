import type { Sequelize } from "sequelize";
import { Mediator, MediatorSpecialty } from "./Mediator";
import { OrgUnit } from "./OrgUnit";

export { Mediator, MediatorSpecialty, OrgUnit };

/** Binds every model to the connection and declares their associations. */
export function initModels(sequelize: Sequelize) {
  OrgUnit.initModel(sequelize);
  Mediator.initModel(sequelize);
  MediatorSpecialty.initModel(sequelize);

  OrgUnit.belongsTo(OrgUnit, { as: "parent", foreignKey: "parentId" });
  OrgUnit.hasMany(OrgUnit, { as: "children", foreignKey: "parentId" });
  Mediator.belongsTo(OrgUnit, { as: "committee", foreignKey: "orgUnitId" });
  Mediator.hasMany(MediatorSpecialty, { as: "specialties", foreignKey: "mediatorId" });
}
