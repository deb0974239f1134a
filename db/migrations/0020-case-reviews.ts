import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/**
 * Case-file quality review (卷宗评查, app/.server/reviews/):
 * - case_reviews: one review a bureau opens for its subtree and a closing period, with the sampling
 *   rule, the seed the sample was drawn with and what it was drawn from (count, digest, highest
 *   file id), the rubric as weighted for this review (a snapshot), pass line, deadline, state;
 * - case_review_reviewers: who may be assigned files of the review;
 * - case_review_items: one sampled file, its reviewer, stage, rubric grade, score and the
 *   与台账不符 mark (which voids the register file through cases/register.ts).
 * The scans are attachments of the case file (owner kind 'case_file').
 */
const migration: Migration = {
  name: "0020-case-reviews",
  async up({ queryInterface, transaction }) {
    const opts = { ...TABLE_OPTIONS, transaction };
    const user = (onDelete: "SET NULL" | "CASCADE", allowNull = true) => ({
      type: DataTypes.INTEGER,
      allowNull,
      references: { model: "users", key: "id" },
      onDelete,
    });
    await queryInterface.createTable(
      "case_reviews",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        org_unit_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "org_units", key: "id" } },
        org_path: { type: DataTypes.STRING(255).BINARY, allowNull: false },
        title: { type: DataTypes.STRING(80), allowNull: false },
        period_from: { type: DataTypes.DATEONLY, allowNull: false },
        period_to: { type: DataTypes.DATEONLY, allowNull: false },
        rule: { type: DataTypes.TEXT, allowNull: false },
        seed: { type: DataTypes.STRING(16), allowNull: false },
        population: { type: DataTypes.INTEGER, allowNull: false },
        population_digest: { type: DataTypes.STRING(64), allowNull: false },
        max_file_id: { type: DataTypes.INTEGER, allowNull: false },
        rubric_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: "rubrics", key: "id" }, onDelete: "SET NULL" },
        rubric: { type: DataTypes.TEXT, allowNull: false },
        pass_line: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 60 },
        deadline: { type: DataTypes.DATEONLY, allowNull: false },
        state: { type: DataTypes.STRING(12), allowNull: false, defaultValue: "open" },
        created_by: user("SET NULL"),
        closed_by: user("SET NULL"),
        closed_at: { type: DataTypes.DATE(3), allowNull: true },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("case_reviews", ["org_path"], { name: "case_reviews_scope", transaction });
    await queryInterface.createTable(
      "case_review_reviewers",
      {
        review_id: {
          type: DataTypes.INTEGER,
          allowNull: false,
          primaryKey: true,
          references: { model: "case_reviews", key: "id" },
          onDelete: "CASCADE",
        },
        user_id: {
          type: DataTypes.INTEGER,
          allowNull: false,
          primaryKey: true,
          references: { model: "users", key: "id" },
          onDelete: "CASCADE",
        },
      },
      opts,
    );
    await queryInterface.createTable(
      "case_review_items",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        review_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "case_reviews", key: "id" }, onDelete: "CASCADE" },
        case_file_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "case_files", key: "id" } },
        org_unit_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "org_units", key: "id" } },
        org_path: { type: DataTypes.STRING(255).BINARY, allowNull: false },
        primary_mediator_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "mediators", key: "id" } },
        stratum: { type: DataTypes.STRING(12), allowNull: false },
        reviewer_user_id: user("SET NULL"),
        stage: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "awaiting_upload" },
        grade: { type: DataTypes.TEXT, allowNull: true },
        score: { type: DataTypes.DECIMAL(6, 1), allowNull: true },
        comment: { type: DataTypes.STRING(2000), allowNull: true },
        mismatch: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        correction_note: { type: DataTypes.STRING(500), allowNull: true },
        rounds: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        uploaded_at: { type: DataTypes.DATE(3), allowNull: true },
        scored_at: { type: DataTypes.DATE(3), allowNull: true },
        lock_version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("case_review_items", ["review_id", "case_file_id"], {
      name: "case_review_items_file",
      unique: true,
      transaction,
    });
    await queryInterface.addIndex("case_review_items", ["reviewer_user_id", "stage"], { name: "case_review_items_reviewer", transaction });
    await queryInterface.addIndex("case_review_items", ["org_path", "stage"], { name: "case_review_items_scope", transaction });
    await queryInterface.addIndex("case_review_items", ["case_file_id"], { name: "case_review_items_case", transaction });
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable("case_review_items", { transaction });
    await queryInterface.dropTable("case_review_reviewers", { transaction });
    await queryInterface.dropTable("case_reviews", { transaction });
  },
};

export default migration;
