import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/**
 * Summaries of the training ledger, kept in the same transaction as every ledger write, for the
 * compliance dashboards: per (mediator, year) and per (org node, year, month) — the latter for the
 * committee and every node above it — each split by source and form, so any policy's definition of
 * practical training can be applied when reading.
 */
const migration: Migration = {
  name: "0013-training-stats",
  async up({ queryInterface, transaction }) {
    const opts = { ...TABLE_OPTIONS, transaction };
    const counts = {
      source: { type: DataTypes.STRING(16), allowNull: false, primaryKey: true },
      form: { type: DataTypes.STRING(24), allowNull: false, primaryKey: true },
      records: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      hours: { type: DataTypes.DECIMAL(10, 1), allowNull: false, defaultValue: 0 },
    };
    await queryInterface.createTable(
      "mediator_year_stats",
      {
        mediator_id: {
          type: DataTypes.INTEGER,
          allowNull: false,
          primaryKey: true,
          references: { model: "mediators", key: "id" },
          onDelete: "CASCADE",
        },
        year: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        ...counts,
        org_path: { type: DataTypes.STRING(255).BINARY, allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("mediator_year_stats", ["year", "org_path"], { name: "mediator_year_stats_scope", transaction });
    await queryInterface.createTable(
      "org_month_stats",
      {
        org_unit_id: {
          type: DataTypes.INTEGER,
          allowNull: false,
          primaryKey: true,
          references: { model: "org_units", key: "id" },
          onDelete: "CASCADE",
        },
        year: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        month: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        ...counts,
      },
      opts,
    );
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable("org_month_stats", { transaction });
    await queryInterface.dropTable("mediator_year_stats", { transaction });
  },
};

export default migration;
