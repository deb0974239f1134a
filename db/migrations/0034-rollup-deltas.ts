import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/**
 * org_year_deltas, org_month_deltas: changes to the org rollups (org_year_stats, org_month_stats)
 * written by ledger and roster writes as new rows — never an update of a row another writer
 * shares — and folded into the rollups by the background lease holder (issue 24). Readers add
 * the rows not yet folded, so figures are exact at once. A province's row was updated by every
 * check-in, and 1,500 check-ins queued on it (one instance) or lost Galera certification on it
 * (two nodes).
 */
const migration: Migration = {
  name: "0034-rollup-deltas",
  async up({ queryInterface, transaction }) {
    await queryInterface.createTable(
      "org_year_deltas",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        org_unit_id: { type: DataTypes.INTEGER, allowNull: false },
        year: { type: DataTypes.INTEGER, allowNull: false },
        employment: { type: DataTypes.STRING(16), allowNull: false },
        trained: { type: DataTypes.INTEGER, allowNull: false },
        compliant: { type: DataTypes.INTEGER, allowNull: false },
        practical: { type: DataTypes.INTEGER, allowNull: false },
        preservice_done: { type: DataTypes.INTEGER, allowNull: false },
      },
      { ...TABLE_OPTIONS, transaction },
    );
    await queryInterface.addIndex("org_year_deltas", ["org_unit_id", "year"], { name: "org_year_deltas_node", transaction });
    await queryInterface.createTable(
      "org_month_deltas",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        org_unit_id: { type: DataTypes.INTEGER, allowNull: false },
        year: { type: DataTypes.INTEGER, allowNull: false },
        month: { type: DataTypes.INTEGER, allowNull: false },
        source: { type: DataTypes.STRING(16), allowNull: false },
        form: { type: DataTypes.STRING(24), allowNull: false },
        records: { type: DataTypes.INTEGER, allowNull: false },
        hours: { type: DataTypes.DECIMAL(10, 1), allowNull: false },
      },
      { ...TABLE_OPTIONS, transaction },
    );
    await queryInterface.addIndex("org_month_deltas", ["org_unit_id", "year"], { name: "org_month_deltas_node", transaction });
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable("org_month_deltas", { transaction });
    await queryInterface.dropTable("org_year_deltas", { transaction });
  },
};

export default migration;
