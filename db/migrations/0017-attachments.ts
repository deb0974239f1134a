import { DataTypes, QueryTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration, type MigrationContext } from "./types";

/**
 * One attachment store for every record that carries files (app/.server/attachments.ts): event
 * materials, log evidence, exercise case materials and submission files were four tables of the
 * same shape. Each row now names its owner by kind and id; the files on disk stay where they are
 * (the stored names are kept). Who uploaded a file is taken from its owner: the event's or
 * exercise's creator, the log's author, the submission's author.
 */

/** The four old tables: name, owner column, owner table, owner kind, who uploaded. */
const OLD = [
  {
    table: "training_event_files",
    column: "event_id",
    owner: "training_events",
    kind: "event",
    index: "training_event_files_event",
    uploader: "created_by",
  },
  {
    table: "training_log_files",
    column: "log_id",
    owner: "training_logs",
    kind: "log",
    index: "training_log_files_log",
    uploader: "author_user_id",
  },
  {
    table: "exercise_files",
    column: "exercise_id",
    owner: "exercises",
    kind: "exercise",
    index: "exercise_files_exercise",
    uploader: "created_by",
  },
  {
    table: "submission_files",
    column: "submission_id",
    owner: "exercise_submissions",
    kind: "submission",
    index: "submission_files_submission",
    uploader: "user_id",
  },
] as const;

async function tableNames({ queryInterface, transaction }: MigrationContext): Promise<Set<string>> {
  const names = (await queryInterface.showAllTables({ transaction })) as unknown[];
  return new Set(names.map((t) => (typeof t === "string" ? t : (t as { tableName: string }).tableName)));
}

const migration: Migration = {
  name: "0017-attachments",
  async up(context) {
    const { queryInterface, sequelize, transaction } = context;
    await queryInterface.createTable(
      "attachments",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        owner_kind: { type: DataTypes.STRING(16), allowNull: false },
        owner_id: { type: DataTypes.INTEGER, allowNull: false },
        stored_name: { type: DataTypes.STRING(64), allowNull: false },
        original_name: { type: DataTypes.STRING(200), allowNull: false },
        mime: { type: DataTypes.STRING(32), allowNull: false },
        size: { type: DataTypes.INTEGER, allowNull: false },
        uploaded_by: { type: DataTypes.INTEGER, allowNull: true, references: { model: "users", key: "id" }, onDelete: "SET NULL" },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { ...TABLE_OPTIONS, transaction },
    );
    await queryInterface.addIndex("attachments", ["owner_kind", "owner_id"], { name: "attachments_owner", transaction });
    for (const old of OLD) {
      await sequelize.query(
        `INSERT INTO attachments (owner_kind, owner_id, stored_name, original_name, mime, size, uploaded_by, created_at)
         SELECT '${old.kind}', f.${old.column}, f.stored_name, f.original_name, f.mime, f.size, o.${old.uploader}, f.created_at
         FROM ${old.table} f LEFT JOIN ${old.owner} o ON o.id = f.${old.column} ORDER BY f.id`,
        { transaction },
      );
      await queryInterface.dropTable(old.table, { transaction });
    }
  },
  /** Recreates the four tables (those a half-applied `up` already dropped) and copies their rows back. */
  async down(context) {
    const { queryInterface, sequelize, transaction } = context;
    const present = await tableNames(context);
    for (const old of OLD) {
      if (present.has(old.table)) continue;
      await queryInterface.createTable(
        old.table,
        {
          id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
          [old.column]: { type: DataTypes.INTEGER, allowNull: false, references: { model: old.owner, key: "id" }, onDelete: "CASCADE" },
          stored_name: { type: DataTypes.STRING(64), allowNull: false },
          original_name: { type: DataTypes.STRING(200), allowNull: false },
          mime: { type: DataTypes.STRING(32), allowNull: false },
          size: { type: DataTypes.INTEGER, allowNull: false },
          created_at: { type: DataTypes.DATE(3), allowNull: false },
        },
        { ...TABLE_OPTIONS, transaction },
      );
      await queryInterface.addIndex(old.table, [old.column], { name: old.index, transaction });
      if (!present.has("attachments")) continue;
      // Only rows whose owner still exists: the old tables had foreign keys, the store has none.
      await sequelize.query(
        `INSERT INTO ${old.table} (${old.column}, stored_name, original_name, mime, size, created_at)
         SELECT a.owner_id, a.stored_name, a.original_name, a.mime, a.size, a.created_at
         FROM attachments a JOIN ${old.owner} o ON o.id = a.owner_id
         WHERE a.owner_kind = '${old.kind}' ORDER BY a.id`,
        { transaction, type: QueryTypes.INSERT },
      );
    }
    if (present.has("attachments")) await queryInterface.dropTable("attachments", { transaction });
  },
};

export default migration;
