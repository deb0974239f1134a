import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/**
 * The expert pool (调解专家库, app/.server/experts/):
 * - expert_pools: a city's or a county's pool (at its org node), with its term length;
 * - experts: one person in a pool — field, title, organisation, term, private contact,
 *   availability, an optional roster entry and account, and the admission state with its notice (公示);
 * - consultations / consultation_messages: a mediator's question to a listed expert and the thread.
 */
const migration: Migration = {
  name: "0029-expert-pools",
  async up({ queryInterface, transaction }) {
    const opts = { ...TABLE_OPTIONS, transaction };
    const ref = (model: string, allowNull = false, onDelete: "CASCADE" | "SET NULL" | "NO ACTION" = "CASCADE") => ({
      type: DataTypes.INTEGER,
      allowNull,
      references: { model, key: "id" },
      onDelete,
    });
    const stamps = {
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    };
    await queryInterface.createTable(
      "expert_pools",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        org_unit_id: ref("org_units", false, "NO ACTION"),
        org_path: { type: DataTypes.STRING(255).BINARY, allowNull: false },
        name: { type: DataTypes.STRING(60), allowNull: false },
        term_years: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 5 },
        created_by: ref("users", true, "SET NULL"),
        ...stamps,
      },
      opts,
    );
    await queryInterface.addIndex("expert_pools", ["org_path"], { name: "expert_pools_scope", transaction });
    await queryInterface.addIndex("expert_pools", ["org_unit_id", "name"], { name: "expert_pools_name", unique: true, transaction });
    await queryInterface.createTable(
      "experts",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        pool_id: ref("expert_pools"),
        org_path: { type: DataTypes.STRING(255).BINARY, allowNull: false },
        name: { type: DataTypes.STRING(40), allowNull: false },
        field: { type: DataTypes.STRING(20), allowNull: false },
        title: { type: DataTypes.STRING(40), allowNull: true },
        organisation: { type: DataTypes.STRING(80), allowNull: false },
        term_from: { type: DataTypes.DATEONLY, allowNull: false },
        term_until: { type: DataTypes.DATEONLY, allowNull: false },
        phone: { type: DataTypes.STRING(20), allowNull: true },
        email: { type: DataTypes.STRING(100), allowNull: true },
        availability: { type: DataTypes.STRING(12), allowNull: false, defaultValue: "available" },
        mediator_id: ref("mediators", true, "SET NULL"),
        user_id: ref("users", true, "SET NULL"),
        state: { type: DataTypes.STRING(12), allowNull: false, defaultValue: "proposed" },
        state_reason: { type: DataTypes.STRING(300), allowNull: true },
        notice_from: { type: DataTypes.DATEONLY, allowNull: true },
        notice_until: { type: DataTypes.DATEONLY, allowNull: true },
        listed_on: { type: DataTypes.DATEONLY, allowNull: true },
        ended_on: { type: DataTypes.DATEONLY, allowNull: true },
        created_by: ref("users", true, "SET NULL"),
        ...stamps,
      },
      opts,
    );
    await queryInterface.addIndex("experts", ["state", "org_path"], { name: "experts_state_scope", transaction });
    await queryInterface.addIndex("experts", ["pool_id", "state"], { name: "experts_pool_state", transaction });
    await queryInterface.addIndex("experts", ["user_id"], { name: "experts_user", transaction });
    await queryInterface.createTable(
      "consultations",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        expert_id: ref("experts", false, "NO ACTION"),
        pool_id: ref("expert_pools", false, "NO ACTION"),
        org_path: { type: DataTypes.STRING(255).BINARY, allowNull: false },
        asker_user_id: ref("users", false, "NO ACTION"),
        asker_org_path: { type: DataTypes.STRING(255).BINARY, allowNull: false },
        case_file_id: ref("case_files", true, "SET NULL"),
        subject: { type: DataTypes.STRING(80), allowNull: false },
        description: { type: DataTypes.TEXT, allowNull: false },
        status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: "open" },
        last_message_at: { type: DataTypes.DATE(3), allowNull: false },
        ...stamps,
      },
      opts,
    );
    await queryInterface.addIndex("consultations", ["asker_user_id", "last_message_at"], { name: "consultations_asker", transaction });
    await queryInterface.addIndex("consultations", ["expert_id", "last_message_at"], { name: "consultations_expert", transaction });
    await queryInterface.addIndex("consultations", ["org_path"], { name: "consultations_scope", transaction });
    await queryInterface.createTable(
      "consultation_messages",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        consultation_id: ref("consultations"),
        author_user_id: ref("users", true, "SET NULL"),
        from_expert: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        body: { type: DataTypes.TEXT, allowNull: false },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("consultation_messages", ["consultation_id", "id"], {
      name: "consultation_messages_thread",
      transaction,
    });
  },
  async down({ queryInterface, transaction }) {
    for (const table of ["consultation_messages", "consultations", "experts", "expert_pools"]) {
      await queryInterface.dropTable(table, { transaction }).catch(() => undefined);
    }
  },
};

export default migration;
