import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";

/** Who changed what, when and why; written in the same transaction as the change. */
export class AuditEvent extends Model<InferAttributes<AuditEvent>, InferCreationAttributes<AuditEvent>> {
  declare id: CreationOptional<number>;
  declare at: Date;
  declare actorUserId: number | null;
  declare action: string;
  declare targetType: string;
  declare targetId: string | null;
  declare orgUnitId: number | null;
  declare beforeSummary: string | null;
  declare afterSummary: string | null;
  declare reason: string | null;
  declare ip: string | null;

  static initModel(sequelize: Sequelize) {
    AuditEvent.init(
      {
        id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
        at: { type: DataTypes.DATE(3), allowNull: false },
        actorUserId: { type: DataTypes.INTEGER, allowNull: true },
        action: { type: DataTypes.STRING(48), allowNull: false },
        targetType: { type: DataTypes.STRING(32), allowNull: false },
        targetId: { type: DataTypes.STRING(64), allowNull: true },
        orgUnitId: { type: DataTypes.INTEGER, allowNull: true },
        beforeSummary: { type: DataTypes.TEXT, allowNull: true },
        afterSummary: { type: DataTypes.TEXT, allowNull: true },
        reason: { type: DataTypes.STRING(500), allowNull: true },
        ip: { type: DataTypes.STRING(64), allowNull: true },
      },
      { sequelize, tableName: "audit_events", modelName: "AuditEvent", timestamps: false },
    );
  }
}
