import type { Migration } from "./types";

/**
 * Indexes the query-plan test (tests/integration/query-plans.test.ts) found missing: each page
 * below read every row of a growing table on a province's data.
 * - notifications (user_id, read_at): lost on SQLite when 0019 removed a column (SQLite rebuilds the
 *   table, and Sequelize does not carry its indexes over); made again where it is missing;
 * - notifications (user_id, created_at): the notification list, newest first;
 * - exercise_submissions (user_id, exercise_id): a mediator's own submissions (/exercises, workspace);
 * - training_logs (author_user_id, status, decided_at): returned logs to fix (workspace, /training);
 * - quiz_attempts (user_id, quiz_id): a mediator's attempts (/quizzes, /exams, workspace);
 * - quiz_attempts (org_path, state): the trainer's grading counts over a subtree;
 * - training_records (user_id, occurred_on): a signed-in user's ledger lines of a year;
 * - event_registrations (user_id, event_id): a mediator's registrations (/events, workspace).
 */
const INDEXES: { table: string; columns: string[]; name: string }[] = [
  { table: "notifications", columns: ["user_id", "read_at"], name: "notifications_user" },
  { table: "notifications", columns: ["user_id", "created_at"], name: "notifications_recent" },
  { table: "exercise_submissions", columns: ["user_id", "exercise_id"], name: "exercise_submissions_by_user" },
  { table: "training_logs", columns: ["author_user_id", "status", "decided_at"], name: "training_logs_author" },
  { table: "quiz_attempts", columns: ["user_id", "quiz_id"], name: "quiz_attempts_user" },
  { table: "quiz_attempts", columns: ["org_path", "state"], name: "quiz_attempts_org" },
  { table: "training_records", columns: ["user_id", "occurred_on"], name: "training_records_user" },
  { table: "event_registrations", columns: ["user_id", "event_id"], name: "event_registrations_user" },
];

const migration: Migration = {
  name: "0032-request-path-indexes",
  async up({ queryInterface, transaction }) {
    for (const index of INDEXES) {
      const names = new Set(((await queryInterface.showIndex(index.table, { transaction })) as { name: string }[]).map((i) => i.name));
      if (!names.has(index.name)) await queryInterface.addIndex(index.table, index.columns, { name: index.name, transaction });
    }
  },
  async down({ queryInterface, transaction }) {
    // notifications_user belongs to 0012 and stays.
    for (const index of INDEXES.filter((i) => i.name !== "notifications_user")) {
      const names = new Set(((await queryInterface.showIndex(index.table, { transaction })) as { name: string }[]).map((i) => i.name));
      if (!names.has(index.name)) continue;
      try {
        await queryInterface.removeIndex(index.table, index.name, { transaction });
      } catch (error) {
        // InnoDB dropped the foreign key's own index once this one could serve it (ER_DROP_INDEX_FK):
        // the index stays, as the key needs it; dropping the table later removes both.
        if ((error as { parent?: { errno?: number } }).parent?.errno !== 1553) throw error;
      }
    }
  },
};

export default migration;
