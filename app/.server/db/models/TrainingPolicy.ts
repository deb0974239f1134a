import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";
import type { PracticalRule } from "~/lib/policy";
import { decimalColumn, jsonColumn } from "./columns";

/** A node's training policy for one year (inherited by nodes below that have none of their own). */
export class TrainingPolicy extends Model<InferAttributes<TrainingPolicy>, InferCreationAttributes<TrainingPolicy>> {
  declare id: CreationOptional<number>;
  declare orgUnitId: number;
  declare year: number;
  declare minPractical: number;
  declare minHours: number;
  declare preserviceHours: number;
  declare preserviceDays: number;
  declare practical: PracticalRule[];
  declare updatedBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    TrainingPolicy.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        orgUnitId: { type: DataTypes.INTEGER, allowNull: false },
        year: { type: DataTypes.INTEGER, allowNull: false },
        minPractical: { type: DataTypes.INTEGER, allowNull: false },
        minHours: decimalColumn("minHours", 5, 1),
        preserviceHours: decimalColumn("preserviceHours", 5, 1),
        preserviceDays: { type: DataTypes.INTEGER, allowNull: false },
        practical: jsonColumn("practical"),
        updatedBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "training_policies", modelName: "TrainingPolicy" },
    );
  }
}
