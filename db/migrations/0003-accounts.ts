import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/** Accounts, role grants bound to org units, DB-backed sessions, login failures for rate limiting. */
const migration: Migration = {
  name: "0003-accounts",
  async up({ queryInterface, transaction }) {
    const opts = { ...TABLE_OPTIONS, transaction };
    await queryInterface.createTable(
      "users",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        // Stored lower-cased: usernames are unique regardless of case.
        username: { type: DataTypes.STRING(64), allowNull: false },
        display_name: { type: DataTypes.STRING(50), allowNull: false },
        phone: { type: DataTypes.STRING(20), allowNull: true },
        password_hash: { type: DataTypes.STRING(100), allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "active" },
        must_change_password: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        password_changed_at: { type: DataTypes.DATE(3), allowNull: true },
        last_login_at: { type: DataTypes.DATE(3), allowNull: true },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("users", ["username"], { name: "users_username", unique: true, transaction });

    await queryInterface.createTable(
      "role_grants",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "users", key: "id" }, onDelete: "CASCADE" },
        role: { type: DataTypes.STRING(16), allowNull: false },
        org_unit_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "org_units", key: "id" }, onDelete: "RESTRICT" },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("role_grants", ["user_id", "role", "org_unit_id"], {
      name: "role_grants_unique",
      unique: true,
      transaction,
    });
    await queryInterface.addIndex("role_grants", ["org_unit_id", "role"], { name: "role_grants_org", transaction });

    await queryInterface.createTable(
      "sessions",
      {
        // SHA-256 of the cookie token: a copy of this table cannot be replayed as cookies.
        id: { type: DataTypes.STRING(64), primaryKey: true },
        user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "users", key: "id" }, onDelete: "CASCADE" },
        expires_at: { type: DataTypes.DATE(3), allowNull: false },
        last_seen_at: { type: DataTypes.DATE(3), allowNull: false },
        ip: { type: DataTypes.STRING(64), allowNull: true },
        user_agent: { type: DataTypes.STRING(255), allowNull: true },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("sessions", ["user_id"], { name: "sessions_user", transaction });

    await queryInterface.createTable(
      "login_failures",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        // "ip:…" or "user:…"
        bucket: { type: DataTypes.STRING(160), allowNull: false },
        at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("login_failures", ["bucket", "at"], { name: "login_failures_bucket", transaction });
  },
  async down({ queryInterface, transaction }) {
    for (const table of ["login_failures", "sessions", "role_grants", "users"]) {
      await queryInterface.dropTable(table, { transaction });
    }
  },
};

export default migration;
