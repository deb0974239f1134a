import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";
import { decimalColumn } from "./columns";

export const TRAINING_SOURCES = ["course", "event", "log", "exercise"] as const;
export type TrainingSource = (typeof TRAINING_SOURCES)[number];

/**
 * One line of the training ledger (培训台账): a completed course, an attended event, a verified
 * log or a passed exercise. (source, sourceId) is unique, so nothing is counted twice.
 */
export class TrainingRecord extends Model<InferAttributes<TrainingRecord>, InferCreationAttributes<TrainingRecord>> {
  declare id: CreationOptional<number>;
  declare source: TrainingSource;
  declare sourceId: string;
  declare userId: number | null;
  declare mediatorId: number | null;
  declare orgPath: string | null;
  declare occurredOn: string;
  declare hours: number;
  declare form: string;
  declare kind: string | null;
  declare title: string;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    TrainingRecord.init(
      {
        id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
        source: { type: DataTypes.STRING(16), allowNull: false },
        sourceId: { type: DataTypes.STRING(64), allowNull: false },
        userId: { type: DataTypes.INTEGER, allowNull: true },
        mediatorId: { type: DataTypes.INTEGER, allowNull: true },
        orgPath: { type: DataTypes.STRING(255), allowNull: true },
        occurredOn: { type: DataTypes.DATEONLY, allowNull: false },
        hours: decimalColumn("hours", 5, 1),
        form: { type: DataTypes.STRING(24), allowNull: false },
        kind: { type: DataTypes.STRING(16), allowNull: true },
        title: { type: DataTypes.STRING(200), allowNull: false },
        createdAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "training_records", modelName: "TrainingRecord", updatedAt: false },
    );
  }
}
