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

/** The columns of a stored upload (models/Attachment.ts). */
export function uploadColumns() {
  return {
    storedName: { type: DataTypes.STRING(64), allowNull: false },
    originalName: { type: DataTypes.STRING(200), allowNull: false },
    mime: { type: DataTypes.STRING(32), allowNull: false },
    size: { type: DataTypes.INTEGER, allowNull: false },
    createdAt: DataTypes.DATE(3),
  };
}

/** A nullable DECIMAL column read as a number or null. */
export function nullableDecimalColumn(name: string, precision: number, scale: number) {
  return {
    type: DataTypes.DECIMAL(precision, scale),
    allowNull: true,
    get(this: Model) {
      const value = this.getDataValue(name);
      return value === null || value === undefined ? null : Number(value);
    },
  };
}

/** A TEXT column holding JSON, parsed on read and serialised on write. */
export function jsonColumn(name: string, allowNull = false) {
  return {
    type: DataTypes.TEXT,
    allowNull,
    get(this: Model) {
      const value = this.getDataValue(name) as unknown;
      return typeof value === "string" ? JSON.parse(value) : (value ?? null);
    },
    set(this: Model, value: unknown) {
      this.setDataValue(name, value === null || value === undefined ? null : JSON.stringify(value));
    },
  };
}
