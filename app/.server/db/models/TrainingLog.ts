import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";
import { decimalColumn } from "./columns";
import type { LogStatus, LogType } from "~/lib/training-log";

/** A practical-training log (实训记录): draft → submitted → verified, or rejected with a reason. */
export class TrainingLog extends Model<InferAttributes<TrainingLog>, InferCreationAttributes<TrainingLog>> {
  declare id: CreationOptional<number>;
  declare mediatorId: number;
  declare authorUserId: number;
  declare orgPath: string;
  declare type: LogType;
  declare occurredOn: string;
  declare hours: number;
  declare place: string;
  declare supervisorUserId: number | null;
  declare supervisorName: string | null;
  declare reflection: string;
  declare status: CreationOptional<LogStatus>;
  declare submittedAt: CreationOptional<Date | null>;
  declare decidedBy: CreationOptional<number | null>;
  declare decidedAt: CreationOptional<Date | null>;
  declare rejectionReason: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    TrainingLog.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        mediatorId: { type: DataTypes.INTEGER, allowNull: false },
        authorUserId: { type: DataTypes.INTEGER, allowNull: false },
        orgPath: { type: DataTypes.STRING(255), allowNull: false },
        type: { type: DataTypes.STRING(24), allowNull: false },
        occurredOn: { type: DataTypes.DATEONLY, allowNull: false },
        hours: decimalColumn("hours", 4, 1),
        place: { type: DataTypes.STRING(200), allowNull: false },
        supervisorUserId: { type: DataTypes.INTEGER, allowNull: true },
        supervisorName: { type: DataTypes.STRING(50), allowNull: true },
        reflection: { type: DataTypes.TEXT, allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "draft" },
        submittedAt: { type: DataTypes.DATE(3), allowNull: true },
        decidedBy: { type: DataTypes.INTEGER, allowNull: true },
        decidedAt: { type: DataTypes.DATE(3), allowNull: true },
        rejectionReason: { type: DataTypes.STRING(500), allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "training_logs", modelName: "TrainingLog" },
    );
  }
}
