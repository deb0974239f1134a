import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/** In-app notifications a user sees on the home page (a changed grade now; reminders later). */
const migration: Migration = {
  name: "0012-notifications",
  async up({ queryInterface, transaction }) {
    await queryInterface.createTable(
      "notifications",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "users", key: "id" }, onDelete: "CASCADE" },
        kind: { type: DataTypes.STRING(40), allowNull: false },
        params: { type: DataTypes.TEXT, allowNull: false },
        link: { type: DataTypes.STRING(255), allowNull: true },
        read_at: { type: DataTypes.DATE(3), allowNull: true },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { ...TABLE_OPTIONS, transaction },
    );
    await queryInterface.addIndex("notifications", ["user_id", "read_at"], { name: "notifications_user", transaction });
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable("notifications", { transaction });
  },
};

export default migration;
