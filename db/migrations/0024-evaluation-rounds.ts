import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/**
 * Grade evaluation rounds (评定批次, app/.server/rounds/):
 * - evaluation_rounds: one round a bureau opens for its subtree and a range of levels, with its
 *   dates (applications, reviews, announcement 公示, objections), the criteria period, how panel
 *   scores are combined, the exam it names, its state;
 * - round_applications: one mediator's application (or the committee's nomination) for one level,
 *   its stage, the criteria figures as submitted, the evidence, returns, the decision;
 * - round_reviewers / round_relations: the panel and the relations its members declared;
 * - round_scores: each reviewer's score sheet for an application (kept, never overwritten by others);
 * - round_objections: objections (异议) filed during the announcement, with the answer.
 */
const migration: Migration = {
  name: "0024-evaluation-rounds",
  async up({ queryInterface, transaction }) {
    const opts = { ...TABLE_OPTIONS, transaction };
    const ref = (model: string, allowNull = false, onDelete: "CASCADE" | "SET NULL" | "NO ACTION" = "CASCADE") => ({
      type: DataTypes.INTEGER,
      allowNull,
      references: { model, key: "id" },
      onDelete,
    });
    const stamps = {
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    };
    await queryInterface.createTable(
      "evaluation_rounds",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        org_unit_id: ref("org_units", false, "NO ACTION"),
        org_path: { type: DataTypes.STRING(255).BINARY, allowNull: false },
        title: { type: DataTypes.STRING(80), allowNull: false },
        levels: { type: DataTypes.TEXT, allowNull: false },
        period_from: { type: DataTypes.DATEONLY, allowNull: false },
        period_to: { type: DataTypes.DATEONLY, allowNull: false },
        applications_from: { type: DataTypes.DATEONLY, allowNull: false },
        applications_until: { type: DataTypes.DATEONLY, allowNull: false },
        reviews_until: { type: DataTypes.DATEONLY, allowNull: false },
        announcement_days: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 7 },
        announced_on: { type: DataTypes.DATEONLY, allowNull: true },
        objections_until: { type: DataTypes.DATEONLY, allowNull: true },
        final_on: { type: DataTypes.DATEONLY, allowNull: true },
        validity_years: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 2 },
        combine: { type: DataTypes.STRING(12), allowNull: false, defaultValue: "mean" },
        exam_quiz_id: { type: DataTypes.STRING(64).BINARY, allowNull: true },
        state: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "applications" },
        created_by: ref("users", true, "SET NULL"),
        ...stamps,
      },
      opts,
    );
    await queryInterface.addIndex("evaluation_rounds", ["org_path"], { name: "evaluation_rounds_scope", transaction });
    await queryInterface.createTable(
      "round_applications",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        round_id: ref("evaluation_rounds"),
        mediator_id: ref("mediators", false, "NO ACTION"),
        user_id: ref("users", true, "SET NULL"),
        committee_id: ref("org_units", false, "NO ACTION"),
        org_path: { type: DataTypes.STRING(255).BINARY, allowNull: false },
        level: { type: DataTypes.STRING(16), allowNull: false },
        level_before: { type: DataTypes.STRING(16), allowNull: true },
        nominated_by: ref("users", true, "SET NULL"),
        stage: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "draft" },
        figures: { type: DataTypes.TEXT, allowNull: true },
        evidence: { type: DataTypes.TEXT, allowNull: true },
        returned_reason: { type: DataTypes.STRING(500), allowNull: true },
        submitted_at: { type: DataTypes.DATE(3), allowNull: true },
        score: { type: DataTypes.DECIMAL(6, 2), allowNull: true },
        outcome: { type: DataTypes.STRING(12), allowNull: true },
        awarded_level: { type: DataTypes.STRING(16), allowNull: true },
        decision_reason: { type: DataTypes.STRING(500), allowNull: true },
        decided_by: ref("users", true, "SET NULL"),
        decided_at: { type: DataTypes.DATE(3), allowNull: true },
        certificate_id: ref("certificates", true, "SET NULL"),
        ...stamps,
      },
      opts,
    );
    // One application per mediator and round: applying twice (or two clicks) cannot make two.
    await queryInterface.addIndex("round_applications", ["round_id", "mediator_id"], {
      unique: true,
      name: "round_applications_one_each",
      transaction,
    });
    await queryInterface.addIndex("round_applications", ["round_id", "stage", "org_path"], {
      name: "round_applications_stage",
      transaction,
    });
    await queryInterface.addIndex("round_applications", ["mediator_id"], { name: "round_applications_mediator", transaction });
    await queryInterface.createTable(
      "round_reviewers",
      {
        round_id: { ...ref("evaluation_rounds"), primaryKey: true },
        user_id: { ...ref("users"), primaryKey: true },
        ...stamps,
      },
      opts,
    );
    await queryInterface.createTable(
      "round_relations",
      {
        round_id: { ...ref("evaluation_rounds"), primaryKey: true },
        user_id: { ...ref("users"), primaryKey: true },
        mediator_id: { ...ref("mediators"), primaryKey: true },
        relation: { type: DataTypes.STRING(100), allowNull: false },
        ...stamps,
      },
      opts,
    );
    await queryInterface.createTable(
      "round_scores",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        application_id: ref("round_applications"),
        reviewer_id: ref("users", false, "NO ACTION"),
        sheet: { type: DataTypes.TEXT, allowNull: false },
        total: { type: DataTypes.DECIMAL(6, 2), allowNull: false },
        comment: { type: DataTypes.STRING(1000), allowNull: true },
        ...stamps,
      },
      opts,
    );
    await queryInterface.addIndex("round_scores", ["application_id", "reviewer_id"], {
      unique: true,
      name: "round_scores_one_each",
      transaction,
    });
    await queryInterface.createTable(
      "round_objections",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        round_id: ref("evaluation_rounds"),
        application_id: ref("round_applications", true, "SET NULL"),
        objector: { type: DataTypes.STRING(50), allowNull: false },
        contact: { type: DataTypes.STRING(100), allowNull: false },
        text: { type: DataTypes.STRING(2000), allowNull: false },
        state: { type: DataTypes.STRING(12), allowNull: false, defaultValue: "open" },
        answer: { type: DataTypes.STRING(2000), allowNull: true },
        answered_by: ref("users", true, "SET NULL"),
        answered_at: { type: DataTypes.DATE(3), allowNull: true },
        ...stamps,
      },
      opts,
    );
    await queryInterface.addIndex("round_objections", ["round_id", "state"], { name: "round_objections_state", transaction });
  },
  async down({ queryInterface, transaction }) {
    for (const table of [
      "round_objections",
      "round_scores",
      "round_relations",
      "round_reviewers",
      "round_applications",
      "evaluation_rounds",
    ]) {
      await queryInterface.dropTable(table, { transaction }).catch(() => undefined);
    }
  },
};

export default migration;
