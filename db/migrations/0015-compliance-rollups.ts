import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/**
 * What the compliance dashboards read, kept in the transaction of every ledger and roster write:
 * - mediator_years: one row per (mediator, year) with the year's figures under the policy in force
 *   at the mediator's committee (practical count, hours, trained, compliant, pre-service done);
 * - org_year_stats: the same summed over active mediators, for the committee and every node above
 *   it, by employment (full-/part-time);
 * - org_roster_stats: active mediators per node, employment and year of appointment (0: unknown).
 */
const migration: Migration = {
  name: "0015-compliance-rollups",
  async up({ queryInterface, transaction }) {
    const opts = { ...TABLE_OPTIONS, transaction };
    const flag = { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false };
    const count = { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 };
    await queryInterface.createTable(
      "mediator_years",
      {
        mediator_id: {
          type: DataTypes.INTEGER,
          allowNull: false,
          primaryKey: true,
          references: { model: "mediators", key: "id" },
          onDelete: "CASCADE",
        },
        year: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        org_path: { type: DataTypes.STRING(255).BINARY, allowNull: false },
        employment: { type: DataTypes.STRING(16), allowNull: false },
        active: flag,
        records: count,
        practical: count,
        hours: { type: DataTypes.DECIMAL(10, 1), allowNull: false, defaultValue: 0 },
        compliant: flag,
        newcomer: flag,
        preservice_hours: { type: DataTypes.DECIMAL(10, 1), allowNull: false, defaultValue: 0 },
        preservice_done: flag,
      },
      opts,
    );
    await queryInterface.addIndex("mediator_years", ["year", "org_path"], { name: "mediator_years_scope", transaction });
    await queryInterface.createTable(
      "org_year_stats",
      {
        org_unit_id: {
          type: DataTypes.INTEGER,
          allowNull: false,
          primaryKey: true,
          references: { model: "org_units", key: "id" },
          onDelete: "CASCADE",
        },
        year: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        employment: { type: DataTypes.STRING(16), allowNull: false, primaryKey: true },
        trained: count,
        compliant: count,
        practical: count,
        preservice_done: count,
      },
      opts,
    );
    await queryInterface.createTable(
      "org_roster_stats",
      {
        org_unit_id: {
          type: DataTypes.INTEGER,
          allowNull: false,
          primaryKey: true,
          references: { model: "org_units", key: "id" },
          onDelete: "CASCADE",
        },
        employment: { type: DataTypes.STRING(16), allowNull: false, primaryKey: true },
        appointed_year: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        active: count,
      },
      opts,
    );
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable("org_roster_stats", { transaction });
    await queryInterface.dropTable("org_year_stats", { transaction });
    await queryInterface.dropTable("mediator_years", { transaction });
  },
};

export default migration;
