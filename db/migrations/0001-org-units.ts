import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

const migration: Migration = {
  name: "0001-org-units",
  async up({ queryInterface, transaction }) {
    await queryInterface.createTable(
      "org_units",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        parent_id: {
          type: DataTypes.INTEGER,
          allowNull: true,
          references: { model: "org_units", key: "id" },
          onDelete: "RESTRICT",
        },
        kind: { type: DataTypes.STRING(16), allowNull: false },
        committee_kind: { type: DataTypes.STRING(24), allowNull: true },
        name: { type: DataTypes.STRING(100), allowNull: false },
        region_code: { type: DataTypes.STRING(12), allowNull: true },
        // ASCII binary: ids and slashes only, compared byte by byte on both databases.
        path: { type: DataTypes.STRING(255).BINARY, allowNull: false, defaultValue: "" },
        depth: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { ...TABLE_OPTIONS, transaction },
    );
    await queryInterface.addIndex("org_units", ["path"], { name: "org_units_path", transaction });
    await queryInterface.addIndex("org_units", ["parent_id", "name"], {
      name: "org_units_parent_name",
      transaction,
    });
    await queryInterface.addIndex("org_units", ["kind"], { name: "org_units_kind", transaction });
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable("org_units", { transaction });
  },
};

export default migration;
