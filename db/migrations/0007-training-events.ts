import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/** Training events (培训活动), their trainers and registrations with attendance. */
const migration: Migration = {
  name: "0007-training-events",
  async up({ queryInterface, transaction }) {
    const opts = { ...TABLE_OPTIONS, transaction };
    await queryInterface.createTable(
      "training_events",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        org_unit_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "org_units", key: "id" }, onDelete: "RESTRICT" },
        audience_org_unit_id: {
          type: DataTypes.INTEGER,
          allowNull: false,
          references: { model: "org_units", key: "id" },
          onDelete: "RESTRICT",
        },
        title: { type: DataTypes.STRING(100), allowNull: false },
        form: { type: DataTypes.STRING(24), allowNull: false },
        kind: { type: DataTypes.STRING(16), allowNull: false },
        starts_at: { type: DataTypes.DATE(3), allowNull: false },
        ends_at: { type: DataTypes.DATE(3), allowNull: false },
        hours: { type: DataTypes.DECIMAL(4, 1), allowNull: false },
        place: { type: DataTypes.STRING(200), allowNull: false },
        capacity: { type: DataTypes.INTEGER, allowNull: false },
        description: { type: DataTypes.TEXT, allowNull: true },
        // JSON list of dispute categories; null: every mediator of the audience subtree.
        audience_specialties: { type: DataTypes.STRING(500), allowNull: true },
        status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "scheduled" },
        created_by: { type: DataTypes.INTEGER, allowNull: true, references: { model: "users", key: "id" }, onDelete: "SET NULL" },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("training_events", ["audience_org_unit_id", "starts_at"], {
      name: "training_events_audience",
      transaction,
    });
    await queryInterface.addIndex("training_events", ["org_unit_id", "starts_at"], { name: "training_events_org", transaction });

    await queryInterface.createTable(
      "event_trainers",
      {
        event_id: {
          type: DataTypes.INTEGER,
          allowNull: false,
          primaryKey: true,
          references: { model: "training_events", key: "id" },
          onDelete: "CASCADE",
        },
        user_id: {
          type: DataTypes.INTEGER,
          allowNull: false,
          primaryKey: true,
          references: { model: "users", key: "id" },
          onDelete: "CASCADE",
        },
      },
      opts,
    );

    await queryInterface.createTable(
      "event_registrations",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        event_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "training_events", key: "id" }, onDelete: "CASCADE" },
        user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "users", key: "id" }, onDelete: "CASCADE" },
        status: { type: DataTypes.STRING(16), allowNull: false },
        registered_at: { type: DataTypes.DATE(3), allowNull: false },
        attended_at: { type: DataTypes.DATE(3), allowNull: true },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("event_registrations", ["event_id", "user_id"], {
      name: "event_registrations_unique",
      unique: true,
      transaction,
    });
    await queryInterface.addIndex("event_registrations", ["event_id", "status", "id"], { name: "event_registrations_status", transaction });
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable("event_registrations", { transaction });
    await queryInterface.dropTable("event_trainers", { transaction });
    await queryInterface.dropTable("training_events", { transaction });
  },
};

export default migration;
