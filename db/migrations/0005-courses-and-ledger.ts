import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/** Course enrolment and reading progress, course assignments, and the one training ledger. */
const migration: Migration = {
  name: "0005-courses-and-ledger",
  async up({ queryInterface, transaction }) {
    const opts = { ...TABLE_OPTIONS, transaction };
    const user = { type: DataTypes.INTEGER, allowNull: false, references: { model: "users", key: "id" }, onDelete: "CASCADE" } as const;
    await queryInterface.createTable(
      "course_enrolments",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        user_id: user,
        course_slug: { type: DataTypes.STRING(64), allowNull: false },
        enrolled_at: { type: DataTypes.DATE(3), allowNull: false },
        completed_at: { type: DataTypes.DATE(3), allowNull: true },
      },
      opts,
    );
    await queryInterface.addIndex("course_enrolments", ["user_id", "course_slug"], {
      name: "course_enrolments_unique",
      unique: true,
      transaction,
    });
    await queryInterface.addIndex("course_enrolments", ["course_slug", "completed_at"], { name: "course_enrolments_course", transaction });

    await queryInterface.createTable(
      "lesson_progress",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        enrolment_id: {
          type: DataTypes.INTEGER,
          allowNull: false,
          references: { model: "course_enrolments", key: "id" },
          onDelete: "CASCADE",
        },
        lesson_slug: { type: DataTypes.STRING(64), allowNull: false },
        read_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("lesson_progress", ["enrolment_id", "lesson_slug"], {
      name: "lesson_progress_unique",
      unique: true,
      transaction,
    });

    await queryInterface.createTable(
      "course_assignments",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        org_unit_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "org_units", key: "id" }, onDelete: "CASCADE" },
        course_slug: { type: DataTypes.STRING(64), allowNull: false },
        year: { type: DataTypes.INTEGER, allowNull: false },
        due_on: { type: DataTypes.DATEONLY, allowNull: false },
        created_by: { type: DataTypes.INTEGER, allowNull: true, references: { model: "users", key: "id" }, onDelete: "SET NULL" },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("course_assignments", ["org_unit_id", "course_slug", "year"], {
      name: "course_assignments_unique",
      unique: true,
      transaction,
    });
    await queryInterface.addIndex("course_assignments", ["year"], { name: "course_assignments_year", transaction });

    // The single training ledger (培训台账): courses, events, logs and exercises all write here;
    // (source, source_id) is unique so nothing counts twice.
    await queryInterface.createTable(
      "training_records",
      {
        id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
        source: { type: DataTypes.STRING(16), allowNull: false },
        source_id: { type: DataTypes.STRING(64), allowNull: false },
        user_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: "users", key: "id" }, onDelete: "SET NULL" },
        mediator_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: "mediators", key: "id" }, onDelete: "SET NULL" },
        org_path: { type: DataTypes.STRING(255).BINARY, allowNull: true },
        occurred_on: { type: DataTypes.DATEONLY, allowNull: false },
        hours: { type: DataTypes.DECIMAL(5, 1), allowNull: false },
        form: { type: DataTypes.STRING(24), allowNull: false },
        kind: { type: DataTypes.STRING(16), allowNull: true },
        title: { type: DataTypes.STRING(200), allowNull: false },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("training_records", ["source", "source_id"], {
      name: "training_records_source",
      unique: true,
      transaction,
    });
    await queryInterface.addIndex("training_records", ["mediator_id", "occurred_on"], { name: "training_records_mediator", transaction });
    await queryInterface.addIndex("training_records", ["org_path", "occurred_on"], { name: "training_records_org", transaction });
  },
  async down({ queryInterface, transaction }) {
    for (const table of ["training_records", "course_assignments", "lesson_progress", "course_enrolments"]) {
      await queryInterface.dropTable(table, { transaction });
    }
  },
};

export default migration;
