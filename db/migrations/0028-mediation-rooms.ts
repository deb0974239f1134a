import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/**
 * Branded mediation rooms (品牌调解室 / 个人调解工作室, app/.server/rooms/):
 * - mediation_rooms: a room a mediator (or a committee) applies for, its public facts (name,
 *   kind, specialties, address, hours, public phone, story, motto, images), its status from draft
 *   to named (or rejected, suspended, withdrawn), the naming (date, 文号, plaque text), the last
 *   status reason; county_id and name_key let a county hold a name once; slug is its public address;
 * - mediation_room_mediators: the room's mediators (the first, position 0, leads it);
 * - room_ratings: the yearly star rating (评星定级): the sheet the system proposed, the stars the
 *   bureau confirmed or changed (with a reason);
 * - room_policies: a node's rules (eligibility, rating window, target number of rooms).
 */
const migration: Migration = {
  name: "0028-mediation-rooms",
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
      "mediation_rooms",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        slug: { type: DataTypes.STRING(16).BINARY, allowNull: false },
        name: { type: DataTypes.STRING(40), allowNull: false },
        name_key: { type: DataTypes.STRING(40).BINARY, allowNull: false },
        kind: { type: DataTypes.STRING(12), allowNull: false },
        committee_id: ref("org_units", false, "NO ACTION"),
        org_path: { type: DataTypes.STRING(255).BINARY, allowNull: false },
        county_id: ref("org_units", false, "NO ACTION"),
        specialties: { type: DataTypes.TEXT, allowNull: false },
        address: { type: DataTypes.STRING(120), allowNull: false },
        hours: { type: DataTypes.STRING(60), allowNull: false },
        phone: { type: DataTypes.STRING(20), allowNull: false },
        story: { type: DataTypes.STRING(1000), allowNull: false },
        motto: { type: DataTypes.STRING(40), allowNull: true },
        images: { type: DataTypes.TEXT, allowNull: true },
        status: { type: DataTypes.STRING(20), allowNull: false, defaultValue: "draft" },
        status_reason: { type: DataTypes.STRING(500), allowNull: true },
        status_on: { type: DataTypes.DATEONLY, allowNull: true },
        eligibility: { type: DataTypes.TEXT, allowNull: true },
        applied_by: ref("users", true, "SET NULL"),
        submitted_at: { type: DataTypes.DATE(3), allowNull: true },
        named_on: { type: DataTypes.DATEONLY, allowNull: true },
        doc_no: { type: DataTypes.STRING(60), allowNull: true },
        plaque: { type: DataTypes.STRING(60), allowNull: true },
        stars: { type: DataTypes.INTEGER, allowNull: true },
        stars_year: { type: DataTypes.INTEGER, allowNull: true },
        ...stamps,
      },
      opts,
    );
    await queryInterface.addIndex("mediation_rooms", ["slug"], { unique: true, name: "mediation_rooms_slug", transaction });
    await queryInterface.addIndex("mediation_rooms", ["county_id", "name_key"], { name: "mediation_rooms_county_name", transaction });
    await queryInterface.addIndex("mediation_rooms", ["status", "org_path"], { name: "mediation_rooms_status_path", transaction });
    await queryInterface.createTable(
      "mediation_room_mediators",
      {
        room_id: { ...ref("mediation_rooms"), primaryKey: true },
        mediator_id: { ...ref("mediators"), primaryKey: true },
        position: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      },
      opts,
    );
    await queryInterface.addIndex("mediation_room_mediators", ["mediator_id"], { name: "mediation_room_mediators_mediator", transaction });
    await queryInterface.createTable(
      "room_ratings",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        room_id: ref("mediation_rooms"),
        year: { type: DataTypes.INTEGER, allowNull: false },
        proposed: { type: DataTypes.TEXT, allowNull: false },
        proposed_stars: { type: DataTypes.INTEGER, allowNull: false },
        stars: { type: DataTypes.INTEGER, allowNull: false },
        reason: { type: DataTypes.STRING(500), allowNull: true },
        confirmed_by: ref("users", true, "SET NULL"),
        ...stamps,
      },
      opts,
    );
    await queryInterface.addIndex("room_ratings", ["room_id", "year"], { unique: true, name: "room_ratings_one_a_year", transaction });
    await queryInterface.createTable(
      "room_policies",
      {
        org_unit_id: { ...ref("org_units"), primaryKey: true },
        settings: { type: DataTypes.TEXT, allowNull: false },
        updated_by: ref("users", true, "SET NULL"),
        ...stamps,
      },
      opts,
    );
  },
  async down({ queryInterface, transaction }) {
    for (const table of ["room_policies", "room_ratings", "mediation_room_mediators", "mediation_rooms"]) {
      await queryInterface.dropTable(table, { transaction }).catch(() => undefined);
    }
  },
};

export default migration;
