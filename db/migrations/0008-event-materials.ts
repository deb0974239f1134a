import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/** Materials (slides, handouts) attached to a training event. */
const migration: Migration = {
  name: "0008-event-materials",
  async up({ queryInterface, transaction }) {
    await queryInterface.createTable(
      "training_event_files",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        event_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "training_events", key: "id" }, onDelete: "CASCADE" },
        stored_name: { type: DataTypes.STRING(64), allowNull: false },
        original_name: { type: DataTypes.STRING(200), allowNull: false },
        mime: { type: DataTypes.STRING(32), allowNull: false },
        size: { type: DataTypes.INTEGER, allowNull: false },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { ...TABLE_OPTIONS, transaction },
    );
    await queryInterface.addIndex("training_event_files", ["event_id"], { name: "training_event_files_event", transaction });
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable("training_event_files", { transaction });
  },
};

export default migration;
