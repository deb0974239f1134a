import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/**
 * Rubrics (a library per org node), exercises set by trainers with a snapshot of their rubric, case
 * materials, and the mediators' submissions with their files, rubric grades and release.
 */
const migration: Migration = {
  name: "0011-exercises",
  async up({ queryInterface, transaction }) {
    const opts = { ...TABLE_OPTIONS, transaction };
    const user = (onDelete: "CASCADE" | "SET NULL", allowNull = onDelete === "SET NULL") => ({
      type: DataTypes.INTEGER,
      allowNull,
      references: { model: "users", key: "id" },
      onDelete,
    });
    const upload = {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      stored_name: { type: DataTypes.STRING(64), allowNull: false },
      original_name: { type: DataTypes.STRING(200), allowNull: false },
      mime: { type: DataTypes.STRING(32), allowNull: false },
      size: { type: DataTypes.INTEGER, allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    };

    await queryInterface.createTable(
      "rubrics",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        org_unit_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "org_units", key: "id" }, onDelete: "CASCADE" },
        title: { type: DataTypes.STRING(60), allowNull: false },
        description: { type: DataTypes.TEXT, allowNull: true },
        criteria: { type: DataTypes.TEXT, allowNull: false },
        max_points: { type: DataTypes.DECIMAL(6, 1), allowNull: false },
        created_by: user("SET NULL"),
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("rubrics", ["org_unit_id"], { name: "rubrics_org", transaction });

    await queryInterface.createTable(
      "exercises",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        org_unit_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "org_units", key: "id" }, onDelete: "CASCADE" },
        title: { type: DataTypes.STRING(80), allowNull: false },
        brief: { type: DataTypes.TEXT, allowNull: false },
        rubric_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: "rubrics", key: "id" }, onDelete: "SET NULL" },
        rubric: { type: DataTypes.TEXT, allowNull: false },
        pass_percent: { type: DataTypes.DECIMAL(5, 2), allowNull: false },
        audience_org_unit_id: {
          type: DataTypes.INTEGER,
          allowNull: true,
          references: { model: "org_units", key: "id" },
          onDelete: "SET NULL",
        },
        audience_course_slug: { type: DataTypes.STRING(64), allowNull: true },
        due_at: { type: DataTypes.DATE(3), allowNull: false },
        late_policy: { type: DataTypes.STRING(16), allowNull: false },
        resubmissions: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        hours: { type: DataTypes.DECIMAL(4, 1), allowNull: false },
        form: { type: DataTypes.STRING(24), allowNull: false },
        anonymous: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        created_by: user("SET NULL"),
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("exercises", ["org_unit_id"], { name: "exercises_org", transaction });
    await queryInterface.addIndex("exercises", ["audience_org_unit_id"], { name: "exercises_audience", transaction });

    await queryInterface.createTable(
      "exercise_files",
      {
        ...upload,
        exercise_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "exercises", key: "id" }, onDelete: "CASCADE" },
      },
      opts,
    );
    await queryInterface.addIndex("exercise_files", ["exercise_id"], { name: "exercise_files_exercise", transaction });

    await queryInterface.createTable(
      "exercise_submissions",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        exercise_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "exercises", key: "id" }, onDelete: "CASCADE" },
        user_id: user("CASCADE", false),
        mediator_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: "mediators", key: "id" }, onDelete: "SET NULL" },
        org_path: { type: DataTypes.STRING(255).BINARY, allowNull: true },
        state: { type: DataTypes.STRING(16), allowNull: false },
        body: { type: DataTypes.TEXT, allowNull: false },
        round: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
        submitted_at: { type: DataTypes.DATE(3), allowNull: true },
        late: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        anon_code: { type: DataTypes.STRING(12), allowNull: false },
        grade: { type: DataTypes.TEXT, allowNull: true },
        overall_comment: { type: DataTypes.TEXT, allowNull: true },
        score: { type: DataTypes.DECIMAL(6, 1), allowNull: true },
        passed: { type: DataTypes.BOOLEAN, allowNull: true },
        graded_by: user("SET NULL"),
        graded_at: { type: DataTypes.DATE(3), allowNull: true },
        released_at: { type: DataTypes.DATE(3), allowNull: true },
        lock_version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("exercise_submissions", ["exercise_id", "user_id"], {
      unique: true,
      name: "exercise_submissions_user",
      transaction,
    });
    // The grading queue and "next ungraded": by exercise and state, oldest submission first.
    await queryInterface.addIndex("exercise_submissions", ["exercise_id", "state", "submitted_at"], {
      name: "exercise_submissions_queue",
      transaction,
    });
    await queryInterface.addIndex("exercise_submissions", ["org_path", "state"], { name: "exercise_submissions_scope", transaction });

    await queryInterface.createTable(
      "submission_files",
      {
        ...upload,
        submission_id: {
          type: DataTypes.INTEGER,
          allowNull: false,
          references: { model: "exercise_submissions", key: "id" },
          onDelete: "CASCADE",
        },
      },
      opts,
    );
    await queryInterface.addIndex("submission_files", ["submission_id"], { name: "submission_files_submission", transaction });
  },
  async down({ queryInterface, transaction }) {
    for (const table of ["submission_files", "exercise_submissions", "exercise_files", "exercises", "rubrics"]) {
      await queryInterface.dropTable(table, { transaction });
    }
  },
};

export default migration;
