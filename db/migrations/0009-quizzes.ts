import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/**
 * Quiz attempts. Questions and quizzes live in content/; what an attempt was given is kept here:
 * every question version it drew (question_versions, written once per version) and, per attempt,
 * the drawn items with their option order, the saved answers and the scores.
 */
const migration: Migration = {
  name: "0009-quizzes",
  async up({ queryInterface, transaction }) {
    const opts = { ...TABLE_OPTIONS, transaction };
    await queryInterface.createTable(
      "question_versions",
      {
        question_id: { type: DataTypes.STRING(64).BINARY, allowNull: false, primaryKey: true },
        version: { type: DataTypes.STRING(16).BINARY, allowNull: false, primaryKey: true },
        body: { type: DataTypes.TEXT, allowNull: false },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );

    await queryInterface.createTable(
      "quiz_attempts",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        quiz_id: { type: DataTypes.STRING(64).BINARY, allowNull: false },
        user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "users", key: "id" }, onDelete: "CASCADE" },
        mediator_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: "mediators", key: "id" }, onDelete: "SET NULL" },
        org_path: { type: DataTypes.STRING(255).BINARY, allowNull: true },
        number: { type: DataTypes.INTEGER, allowNull: false },
        state: { type: DataTypes.STRING(16), allowNull: false },
        settings: { type: DataTypes.TEXT, allowNull: false },
        started_at: { type: DataTypes.DATE(3), allowNull: false },
        deadline_at: { type: DataTypes.DATE(3), allowNull: true },
        submitted_at: { type: DataTypes.DATE(3), allowNull: true },
        closed_by: { type: DataTypes.STRING(16), allowNull: true },
        score: { type: DataTypes.DECIMAL(7, 2), allowNull: true },
        max_score: { type: DataTypes.DECIMAL(7, 2), allowNull: false },
        percent: { type: DataTypes.DECIMAL(5, 2), allowNull: true },
        passed: { type: DataTypes.BOOLEAN, allowNull: true },
        gradings: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    // One row per (quiz, user, attempt number): two concurrent starts cannot both take the last attempt.
    await queryInterface.addIndex("quiz_attempts", ["quiz_id", "user_id", "number"], {
      unique: true,
      name: "quiz_attempts_number",
      transaction,
    });
    await queryInterface.addIndex("quiz_attempts", ["state", "deadline_at"], { name: "quiz_attempts_deadline", transaction });
    await queryInterface.addIndex("quiz_attempts", ["quiz_id", "org_path"], { name: "quiz_attempts_scope", transaction });

    await queryInterface.createTable(
      "quiz_attempt_items",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        attempt_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "quiz_attempts", key: "id" }, onDelete: "CASCADE" },
        position: { type: DataTypes.INTEGER, allowNull: false },
        question_id: { type: DataTypes.STRING(64).BINARY, allowNull: false },
        question_version: { type: DataTypes.STRING(16).BINARY, allowNull: false },
        option_order: { type: DataTypes.STRING(64), allowNull: false },
        answer: { type: DataTypes.TEXT, allowNull: true },
        answered_at: { type: DataTypes.DATE(3), allowNull: true },
        points: { type: DataTypes.DECIMAL(6, 2), allowNull: false },
        score: { type: DataTypes.DECIMAL(6, 2), allowNull: true },
      },
      opts,
    );
    await queryInterface.addIndex("quiz_attempt_items", ["attempt_id", "position"], {
      unique: true,
      name: "quiz_attempt_items_position",
      transaction,
    });
    await queryInterface.addIndex("quiz_attempt_items", ["attempt_id", "question_id"], {
      unique: true,
      name: "quiz_attempt_items_question",
      transaction,
    });
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable("quiz_attempt_items", { transaction });
    await queryInterface.dropTable("quiz_attempts", { transaction });
    await queryInterface.dropTable("question_versions", { transaction });
  },
};

export default migration;
