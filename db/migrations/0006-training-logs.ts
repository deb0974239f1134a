import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/** Practical-training logs (实训记录) with their evidence files. */
const migration: Migration = {
  name: "0006-training-logs",
  async up({ queryInterface, transaction }) {
    const opts = { ...TABLE_OPTIONS, transaction };
    await queryInterface.createTable(
      "training_logs",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        mediator_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "mediators", key: "id" }, onDelete: "CASCADE" },
        author_user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "users", key: "id" }, onDelete: "CASCADE" },
        org_path: { type: DataTypes.STRING(255).BINARY, allowNull: false },
        type: { type: DataTypes.STRING(24), allowNull: false },
        occurred_on: { type: DataTypes.DATEONLY, allowNull: false },
        hours: { type: DataTypes.DECIMAL(4, 1), allowNull: false },
        place: { type: DataTypes.STRING(200), allowNull: false },
        supervisor_user_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: "users", key: "id" }, onDelete: "SET NULL" },
        supervisor_name: { type: DataTypes.STRING(50), allowNull: true },
        reflection: { type: DataTypes.TEXT, allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "draft" },
        submitted_at: { type: DataTypes.DATE(3), allowNull: true },
        decided_by: { type: DataTypes.INTEGER, allowNull: true, references: { model: "users", key: "id" }, onDelete: "SET NULL" },
        decided_at: { type: DataTypes.DATE(3), allowNull: true },
        rejection_reason: { type: DataTypes.STRING(500), allowNull: true },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("training_logs", ["org_path", "status"], { name: "training_logs_org_status", transaction });
    await queryInterface.addIndex("training_logs", ["supervisor_user_id", "status"], { name: "training_logs_supervisor", transaction });
    await queryInterface.addIndex("training_logs", ["mediator_id", "occurred_on"], { name: "training_logs_mediator", transaction });

    await queryInterface.createTable(
      "training_log_files",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        log_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "training_logs", key: "id" }, onDelete: "CASCADE" },
        stored_name: { type: DataTypes.STRING(64), allowNull: false },
        original_name: { type: DataTypes.STRING(200), allowNull: false },
        mime: { type: DataTypes.STRING(32), allowNull: false },
        size: { type: DataTypes.INTEGER, allowNull: false },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("training_log_files", ["log_id"], { name: "training_log_files_log", transaction });
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable("training_log_files", { transaction });
    await queryInterface.dropTable("training_logs", { transaction });
  },
};

export default migration;
