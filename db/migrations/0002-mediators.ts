import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

const migration: Migration = {
  name: "0002-mediators",
  async up({ queryInterface, transaction }) {
    await queryInterface.createTable(
      "mediators",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        org_unit_id: {
          type: DataTypes.INTEGER,
          allowNull: false,
          references: { model: "org_units", key: "id" },
          onDelete: "RESTRICT",
        },
        name: { type: DataTypes.STRING(50), allowNull: false },
        gender: { type: DataTypes.STRING(8), allowNull: false },
        birth_year: { type: DataTypes.INTEGER, allowNull: true },
        employment: { type: DataTypes.STRING(16), allowNull: false },
        appointed_on: { type: DataTypes.DATEONLY, allowNull: true },
        status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "active" },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { ...TABLE_OPTIONS, transaction },
    );
    await queryInterface.addIndex("mediators", ["org_unit_id", "status"], {
      name: "mediators_org_status",
      transaction,
    });
    await queryInterface.createTable(
      "mediator_specialties",
      {
        mediator_id: {
          type: DataTypes.INTEGER,
          allowNull: false,
          primaryKey: true,
          references: { model: "mediators", key: "id" },
          onDelete: "CASCADE",
        },
        category: { type: DataTypes.STRING(32), allowNull: false, primaryKey: true },
      },
      { ...TABLE_OPTIONS, transaction },
    );
    await queryInterface.addIndex("mediator_specialties", ["category", "mediator_id"], {
      name: "mediator_specialties_category",
      transaction,
    });
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable("mediator_specialties", { transaction });
    await queryInterface.dropTable("mediators", { transaction });
  },
};

export default migration;
