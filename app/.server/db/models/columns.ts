import { DataTypes, type Model } from "sequelize";

/** A DECIMAL column read as a number (MySQL returns DECIMAL as a string). */
export function decimalColumn(name: string, precision: number, scale: number) {
  return {
    type: DataTypes.DECIMAL(precision, scale),
    allowNull: false,
    get(this: Model) {
      return Number(this.getDataValue(name));
    },
  };
}
