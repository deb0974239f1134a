import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";
import type { PayBand } from "~/lib/pay";
import { jsonColumn } from "./columns";

/** A province's allowance table (薪酬考核, pay_tables); absent when none is set. Written by app/.server/levels/pay.ts. */
export class PayTable extends Model<InferAttributes<PayTable>, InferCreationAttributes<PayTable>> {
  declare orgUnitId: number;
  declare bands: PayBand[];
  declare note: string | null;
  declare updatedBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    PayTable.init(
      {
        orgUnitId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        bands: jsonColumn("bands"),
        note: { type: DataTypes.STRING(300), allowNull: true },
        updatedBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "pay_tables", modelName: "PayTable" },
    );
  }
}
