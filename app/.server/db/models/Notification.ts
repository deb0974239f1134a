import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";
import { jsonColumn } from "./columns";

/** A message for one user: a translation key (`notification.<kind>`) with its parameters. */
export class Notification extends Model<InferAttributes<Notification>, InferCreationAttributes<Notification>> {
  declare id: CreationOptional<number>;
  declare userId: number;
  declare kind: string;
  declare params: Record<string, string | number>;
  /** What the message is about (app/lib/notifications.ts builds the link from it). */
  declare subjectType: string | null;
  declare subjectId: string | null;
  declare readAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    Notification.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        kind: { type: DataTypes.STRING(40), allowNull: false },
        params: jsonColumn("params"),
        subjectType: { type: DataTypes.STRING(20), allowNull: true },
        subjectId: { type: DataTypes.STRING(64), allowNull: true },
        readAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "notifications", modelName: "Notification", updatedAt: false },
    );
  }
}
