import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/**
 * The case register (调解案件台账) and its rollups:
 * - case_files: one mediated dispute, unique (committee, file number); `org_path` copies the
 *   committee's path for subtree scans; `voided` is set by the case-file review (卷宗评查, 与台账不符)
 *   and takes the file out of every figure until the committee corrects it;
 * - case_file_assistants: the assisting mediators of a file;
 * - mediator_case_years / org_case_years: the derived figures per mediator and closing year, and per
 *   org node (the committee and every node above it), closing year and dispute category, kept in
 *   the transaction of every register write (app/.server/cases/rollup.ts).
 */
const migration: Migration = {
  name: "0018-case-register",
  async up({ queryInterface, transaction }) {
    const opts = { ...TABLE_OPTIONS, transaction };
    const count = { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 };
    const counts = { handled: count, successful: count, oral: count, confirmed: count, followed_up: count, assisted: count };
    await queryInterface.createTable(
      "case_files",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        org_unit_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "org_units", key: "id" } },
        org_path: { type: DataTypes.STRING(255).BINARY, allowNull: false },
        file_no: { type: DataTypes.STRING(40).BINARY, allowNull: false },
        primary_mediator_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "mediators", key: "id" } },
        category: { type: DataTypes.STRING(24), allowNull: false },
        source: { type: DataTypes.STRING(16), allowNull: false },
        received_on: { type: DataTypes.DATEONLY, allowNull: false },
        closed_on: { type: DataTypes.DATEONLY, allowNull: false },
        outcome: { type: DataTypes.STRING(16), allowNull: false },
        agreement_form: { type: DataTypes.STRING(8), allowNull: true },
        confirmation: { type: DataTypes.STRING(12), allowNull: false, defaultValue: "none" },
        follow_up: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        performed: { type: DataTypes.STRING(8), allowNull: true },
        parties: { type: DataTypes.INTEGER, allowNull: false },
        amount: { type: DataTypes.DECIMAL(14, 2), allowNull: true },
        summary: { type: DataTypes.STRING(300), allowNull: false },
        voided: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        void_reason: { type: DataTypes.STRING(200), allowNull: true },
        created_by: { type: DataTypes.INTEGER, allowNull: true },
        updated_by: { type: DataTypes.INTEGER, allowNull: true },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("case_files", ["org_unit_id", "file_no"], { name: "case_files_number", unique: true, transaction });
    await queryInterface.addIndex("case_files", ["org_path", "closed_on"], { name: "case_files_scope", transaction });
    await queryInterface.addIndex("case_files", ["primary_mediator_id", "closed_on"], { name: "case_files_mediator", transaction });
    // The register list, newest first, for a wide scope (a city or province): read by date, filtered by path.
    await queryInterface.addIndex("case_files", ["closed_on", "id"], { name: "case_files_closed", transaction });
    await queryInterface.createTable(
      "case_file_assistants",
      {
        case_file_id: {
          type: DataTypes.INTEGER,
          allowNull: false,
          primaryKey: true,
          references: { model: "case_files", key: "id" },
          onDelete: "CASCADE",
        },
        mediator_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, references: { model: "mediators", key: "id" } },
      },
      opts,
    );
    await queryInterface.addIndex("case_file_assistants", ["mediator_id"], { name: "case_file_assistants_mediator", transaction });
    await queryInterface.createTable(
      "mediator_case_years",
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
      },
      opts,
    );
    await queryInterface.createTable(
      "org_case_years",
      {
        org_unit_id: {
          type: DataTypes.INTEGER,
          allowNull: false,
          primaryKey: true,
          references: { model: "org_units", key: "id" },
          onDelete: "CASCADE",
        },
        year: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        category: { type: DataTypes.STRING(24), allowNull: false, primaryKey: true },
        ...counts,
      },
      opts,
    );
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable("org_case_years", { transaction });
    await queryInterface.dropTable("mediator_case_years", { transaction });
    await queryInterface.dropTable("case_file_assistants", { transaction });
    await queryInterface.dropTable("case_files", { transaction });
  },
};

export default migration;
