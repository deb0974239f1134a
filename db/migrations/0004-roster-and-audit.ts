import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

const MEDIATOR_COLUMNS = {
  user_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: "users", key: "id" }, onDelete: "SET NULL" },
  phone: { type: DataTypes.STRING(20), allowNull: true },
  // The ID-card number is never stored: an HMAC for duplicate checks and the last four for display.
  id_card_hash: { type: DataTypes.STRING(64), allowNull: true },
  id_card_last4: { type: DataTypes.STRING(4), allowNull: true },
  education: { type: DataTypes.STRING(16), allowNull: true },
  is_expert: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
  status_changed_on: { type: DataTypes.DATEONLY, allowNull: true },
  status_reason: { type: DataTypes.STRING(500), allowNull: true },
  // The committee's org path, copied so roster scopes are one index range on this table.
  org_path: { type: DataTypes.STRING(255).BINARY, allowNull: false, defaultValue: "" },
  // Wave 2 (grade evaluation) writes the current level here.
  grade_level: { type: DataTypes.STRING(16), allowNull: true },
} as const;

/** The full roster profile (花名册) and the audit log. */
const migration: Migration = {
  name: "0004-roster-and-audit",
  async up({ queryInterface, transaction }) {
    for (const [column, spec] of Object.entries(MEDIATOR_COLUMNS)) {
      await queryInterface.addColumn("mediators", column, spec, { transaction });
    }
    await queryInterface.addIndex("mediators", ["user_id"], { name: "mediators_user", unique: true, transaction });
    await queryInterface.addIndex("mediators", ["id_card_hash"], { name: "mediators_id_card", unique: true, transaction });
    await queryInterface.addIndex("mediators", ["phone"], { name: "mediators_phone", transaction });
    await queryInterface.addIndex("mediators", ["org_unit_id", "name"], { name: "mediators_org_name", transaction });
    await queryInterface.addIndex("mediators", ["org_path", "status"], { name: "mediators_org_path", transaction });
    await queryInterface.sequelize.query(
      "UPDATE mediators SET org_path = (SELECT path FROM org_units WHERE org_units.id = mediators.org_unit_id)",
      { transaction },
    );
    // Province-wide lists read these in order and stop after one page.
    await queryInterface.addIndex("mediators", ["name"], { name: "mediators_name", transaction });
    await queryInterface.addIndex("mediators", ["appointed_on"], { name: "mediators_appointed", transaction });

    await queryInterface.createTable(
      "audit_events",
      {
        id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
        at: { type: DataTypes.DATE(3), allowNull: false },
        actor_user_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: "users", key: "id" }, onDelete: "SET NULL" },
        action: { type: DataTypes.STRING(48), allowNull: false },
        target_type: { type: DataTypes.STRING(32), allowNull: false },
        target_id: { type: DataTypes.STRING(64), allowNull: true },
        // The org unit the change belongs to, so each bureau sees the events of its subtree.
        org_unit_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: "org_units", key: "id" }, onDelete: "SET NULL" },
        before_summary: { type: DataTypes.TEXT, allowNull: true },
        after_summary: { type: DataTypes.TEXT, allowNull: true },
        reason: { type: DataTypes.STRING(500), allowNull: true },
        ip: { type: DataTypes.STRING(64), allowNull: true },
      },
      { ...TABLE_OPTIONS, transaction },
    );
    await queryInterface.addIndex("audit_events", ["org_unit_id", "at"], { name: "audit_events_org_at", transaction });
    await queryInterface.addIndex("audit_events", ["target_type", "target_id"], { name: "audit_events_target", transaction });
    await queryInterface.addIndex("audit_events", ["at"], { name: "audit_events_at", transaction });
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable("audit_events", { transaction });
    for (const index of [
      "mediators_user",
      "mediators_id_card",
      "mediators_phone",
      "mediators_org_name",
      "mediators_name",
      "mediators_appointed",
      "mediators_org_path",
    ]) {
      await queryInterface.removeIndex("mediators", index, { transaction }).catch(() => undefined);
    }
    for (const column of Object.keys(MEDIATOR_COLUMNS).reverse()) {
      const columns = await queryInterface.describeTable("mediators", { transaction } as never);
      if (column in columns) await queryInterface.removeColumn("mediators", column, { transaction });
    }
  },
};

export default migration;
