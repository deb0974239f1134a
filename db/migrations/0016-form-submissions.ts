import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/**
 * One row per create form a user sent with a one-time token (app/.server/form-once.ts): what it
 * contained (a digest) and where it led, so a repeat of it is sent there instead of writing twice.
 */
const migration: Migration = {
  name: "0016-form-submissions",
  async up({ queryInterface, transaction }) {
    await queryInterface.createTable(
      "form_submissions",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "users", key: "id" }, onDelete: "CASCADE" },
        token: { type: DataTypes.CHAR(32).BINARY, allowNull: false },
        digest: { type: DataTypes.CHAR(64).BINARY, allowNull: false },
        location: { type: DataTypes.STRING(255), allowNull: true },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { ...TABLE_OPTIONS, transaction },
    );
    await queryInterface.addIndex("form_submissions", ["user_id", "token"], {
      unique: true,
      name: "form_submissions_user_token",
      transaction,
    });
    await queryInterface.addIndex("form_submissions", ["user_id", "created_at"], { name: "form_submissions_user_created", transaction });
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable("form_submissions", { transaction });
  },
};

export default migration;
