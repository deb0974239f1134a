import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/** A node's annual training policy for one year; nodes without one inherit from the nearest ancestor that has one. */
const migration: Migration = {
  name: "0014-training-policies",
  async up({ queryInterface, transaction }) {
    await queryInterface.createTable(
      "training_policies",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        org_unit_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "org_units", key: "id" }, onDelete: "CASCADE" },
        year: { type: DataTypes.INTEGER, allowNull: false },
        min_practical: { type: DataTypes.INTEGER, allowNull: false },
        min_hours: { type: DataTypes.DECIMAL(5, 1), allowNull: false },
        preservice_hours: { type: DataTypes.DECIMAL(5, 1), allowNull: false },
        preservice_days: { type: DataTypes.INTEGER, allowNull: false },
        practical: { type: DataTypes.TEXT, allowNull: false },
        updated_by: { type: DataTypes.INTEGER, allowNull: true, references: { model: "users", key: "id" }, onDelete: "SET NULL" },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { ...TABLE_OPTIONS, transaction },
    );
    await queryInterface.addIndex("training_policies", ["org_unit_id", "year"], {
      unique: true,
      name: "training_policies_node_year",
      transaction,
    });
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable("training_policies", { transaction });
  },
};

export default migration;
