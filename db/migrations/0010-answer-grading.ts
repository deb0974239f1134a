import { DataTypes } from "sequelize";
import type { Migration } from "./types";

/**
 * A trainer's grading of a quiz answer (case-analysis questions): who graded it, when, the comment,
 * and a version number so two trainers saving the same answer cannot overwrite each other unseen.
 */
const migration: Migration = {
  name: "0010-answer-grading",
  async up({ queryInterface, transaction }) {
    const add = (column: string, spec: Parameters<typeof queryInterface.addColumn>[2]) =>
      queryInterface.addColumn("quiz_attempt_items", column, spec, { transaction });
    await add("graded_by", { type: DataTypes.INTEGER, allowNull: true, references: { model: "users", key: "id" }, onDelete: "SET NULL" });
    await add("graded_at", { type: DataTypes.DATE(3), allowNull: true });
    await add("grader_comment", { type: DataTypes.TEXT, allowNull: true });
    await add("lock_version", { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
    // The grading queue: answers still waiting, per attempt.
    await queryInterface.addIndex("quiz_attempt_items", ["attempt_id", "score"], { name: "quiz_attempt_items_score", transaction });
  },
  async down({ queryInterface, transaction }) {
    // Tolerant, so it can also undo a half-applied step on MySQL (no transactional DDL there).
    await queryInterface.removeIndex("quiz_attempt_items", "quiz_attempt_items_score", { transaction }).catch(() => undefined);
    const columns = await queryInterface.describeTable("quiz_attempt_items", { transaction } as never);
    for (const column of ["lock_version", "grader_comment", "graded_at", "graded_by"]) {
      if (column in columns) await queryInterface.removeColumn("quiz_attempt_items", column, { transaction });
    }
  },
};

export default migration;
