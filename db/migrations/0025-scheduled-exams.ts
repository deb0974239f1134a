import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/**
 * Exams a bureau admin or trainer schedules in the browser (考试安排). Each runs on the quiz
 * attempt engine as the quiz "exam-<id>" (quiz_attempts.quiz_id); the audience is the node's
 * subtree, optionally narrowed to committees and specialties (JSON). `round_id` will name an
 * evaluation round whose applicants the audience narrows to; the rounds table lands later, so it
 * has no foreign key yet.
 */
const migration: Migration = {
  name: "0025-scheduled-exams",
  async up({ queryInterface, transaction }) {
    await queryInterface.createTable(
      "scheduled_exams",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        org_unit_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "org_units", key: "id" }, onDelete: "CASCADE" },
        org_path: { type: DataTypes.STRING(255).BINARY, allowNull: false },
        title: { type: DataTypes.STRING(80), allowNull: false },
        audience: { type: DataTypes.TEXT, allowNull: false },
        draw: { type: DataTypes.TEXT, allowNull: false },
        settings: { type: DataTypes.TEXT, allowNull: false },
        opens_at: { type: DataTypes.DATE(3), allowNull: false },
        closes_at: { type: DataTypes.DATE(3), allowNull: false },
        round_id: { type: DataTypes.INTEGER, allowNull: true },
        created_by: { type: DataTypes.INTEGER, allowNull: true, references: { model: "users", key: "id" }, onDelete: "SET NULL" },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { ...TABLE_OPTIONS, transaction },
    );
    await queryInterface.addIndex("scheduled_exams", ["org_path"], { name: "scheduled_exams_org_path", transaction });
    await queryInterface.addIndex("scheduled_exams", ["org_unit_id"], { name: "scheduled_exams_org_unit", transaction });
    await queryInterface.addIndex("scheduled_exams", ["closes_at", "opens_at"], { name: "scheduled_exams_window", transaction });
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable("scheduled_exams", { transaction }).catch(() => undefined);
  },
};

export default migration;
