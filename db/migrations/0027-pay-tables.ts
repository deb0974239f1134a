import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/**
 * The allowance bands (薪酬考核) a province attaches to its levels: per level, a monthly allowance
 * range in yuan and a note. The portal shows the band beside a mediator's level; it pays nothing.
 */
const migration: Migration = {
  name: "0027-pay-tables",
  async up({ queryInterface, transaction }) {
    await queryInterface.createTable(
      "pay_tables",
      {
        org_unit_id: {
          type: DataTypes.INTEGER,
          allowNull: false,
          primaryKey: true,
          references: { model: "org_units", key: "id" },
          onDelete: "CASCADE",
        },
        bands: { type: DataTypes.TEXT, allowNull: false },
        note: { type: DataTypes.STRING(300), allowNull: true },
        updated_by: { type: DataTypes.INTEGER, allowNull: true, references: { model: "users", key: "id" }, onDelete: "SET NULL" },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { ...TABLE_OPTIONS, transaction },
    );
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable("pay_tables", { transaction }).catch(() => undefined);
  },
};

export default migration;
