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

/** The columns every stored upload record has (log evidence, event materials). */
export function uploadColumns() {
  return {
    storedName: { type: DataTypes.STRING(64), allowNull: false },
    originalName: { type: DataTypes.STRING(200), allowNull: false },
    mime: { type: DataTypes.STRING(32), allowNull: false },
    size: { type: DataTypes.INTEGER, allowNull: false },
    createdAt: DataTypes.DATE(3),
  };
}
