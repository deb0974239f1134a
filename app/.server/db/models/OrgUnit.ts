import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";
import type { CommitteeKind, OrgKind } from "~/lib/org";

/**
 * A node of the org tree: province → city → county bureau → township 司法所 → mediation committee.
 * `path` is the materialised path of ids, e.g. "/1/4/17/", so a subtree is one index range scan.
 */
export class OrgUnit extends Model<InferAttributes<OrgUnit>, InferCreationAttributes<OrgUnit>> {
  declare id: CreationOptional<number>;
  declare parentId: number | null;
  declare kind: OrgKind;
  declare committeeKind: CommitteeKind | null;
  declare name: string;
  declare regionCode: string | null;
  declare path: CreationOptional<string>;
  declare depth: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    OrgUnit.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        parentId: { type: DataTypes.INTEGER, allowNull: true },
        kind: { type: DataTypes.STRING(16), allowNull: false },
        committeeKind: { type: DataTypes.STRING(24), allowNull: true },
        name: { type: DataTypes.STRING(100), allowNull: false },
        regionCode: { type: DataTypes.STRING(12), allowNull: true },
        // Filled in by the org domain module once the id is known.
        path: { type: DataTypes.STRING(255), allowNull: false, defaultValue: "" },
        depth: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "org_units", modelName: "OrgUnit" },
    );
  }
}
