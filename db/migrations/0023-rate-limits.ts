import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/**
 * Rate limits become one counter row per bucket ("user:…", "ip:…", "checkin:…"), raised and read
 * in one statement (app/.server/auth/rate-limit.ts), so parallel tries cannot all pass the check
 * before any of them is counted. The old table held one row per failure and was read, then
 * written, in two separate steps; its rows only matter for 15 minutes and are not carried over.
 */
const migration: Migration = {
  name: "0023-rate-limits",
  async up({ queryInterface, transaction }) {
    await queryInterface.createTable(
      "rate_limits",
      {
        bucket: { type: DataTypes.STRING(190), allowNull: false, primaryKey: true },
        hits: { type: DataTypes.INTEGER, allowNull: false },
        // Milliseconds since the epoch: the same arithmetic on both dialects.
        window_start: { type: DataTypes.BIGINT, allowNull: false },
      },
      { ...TABLE_OPTIONS, transaction },
    );
    await queryInterface.addIndex("rate_limits", ["window_start"], { name: "rate_limits_window", transaction });
    await queryInterface.dropTable("login_failures", { transaction });
  },
  async down({ queryInterface, transaction }) {
    const names = ((await queryInterface.showAllTables({ transaction })) as unknown[]).map((t) =>
      typeof t === "string" ? t : (t as { tableName: string }).tableName,
    );
    if (!names.includes("login_failures")) {
      await queryInterface.createTable(
        "login_failures",
        {
          id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
          bucket: { type: DataTypes.STRING(160), allowNull: false },
          at: { type: DataTypes.DATE(3), allowNull: false },
        },
        { ...TABLE_OPTIONS, transaction },
      );
      await queryInterface.addIndex("login_failures", ["bucket", "at"], { name: "login_failures_bucket", transaction });
    }
    if (names.includes("rate_limits")) await queryInterface.dropTable("rate_limits", { transaction });
  },
};

export default migration;
