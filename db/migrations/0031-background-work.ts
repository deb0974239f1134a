import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/**
 * Background work that runs once across all server processes (issue 24):
 * - job_leases: one row per lease ("background"); a process holds it while `expires_at` (ms since
 *   the epoch) is ahead, renews it each tick, and only the holder closes expired quiz attempts or
 *   runs queued jobs. Taken and renewed by one conditional UPDATE, which Galera certifies.
 * - background_jobs: work too large for a request — a training-policy change over a province's
 *   subtree recomputes every mediator's year — queued by the request, run by the lease holder in
 *   chunks, with its progress (`processed` of `total`, the mediator id `after_id` it resumes after) for the admin's page.
 */
const migration: Migration = {
  name: "0031-background-work",
  async up({ queryInterface, transaction }) {
    await queryInterface.createTable(
      "job_leases",
      {
        name: { type: DataTypes.STRING(60), allowNull: false, primaryKey: true },
        holder: { type: DataTypes.STRING(120), allowNull: false },
        expires_at: { type: DataTypes.BIGINT, allowNull: false },
      },
      { ...TABLE_OPTIONS, transaction },
    );
    await queryInterface.createTable(
      "background_jobs",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        kind: { type: DataTypes.STRING(40), allowNull: false },
        org_unit_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "org_units", key: "id" } },
        year: { type: DataTypes.INTEGER, allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        total: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        processed: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        after_id: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        error: { type: DataTypes.STRING(300), allowNull: true },
        requested_by: { type: DataTypes.INTEGER, allowNull: true, references: { model: "users", key: "id" } },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        started_at: { type: DataTypes.DATE(3), allowNull: true },
        finished_at: { type: DataTypes.DATE(3), allowNull: true },
      },
      { ...TABLE_OPTIONS, transaction },
    );
    await queryInterface.addIndex("background_jobs", ["status", "id"], { name: "background_jobs_status", transaction });
    await queryInterface.addIndex("background_jobs", ["org_unit_id", "year", "id"], { name: "background_jobs_node", transaction });
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable("background_jobs", { transaction });
    await queryInterface.dropTable("job_leases", { transaction });
  },
};

export default migration;
