import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/**
 * Grade certificates (等级证书) and the limiter of public lookups:
 * - certificates: one issued level, with the holder's name, the level's name and the issuing node's
 *   name as printed (they stay as issued when the roster or the scheme changes later); `code` is the
 *   public verification code; `status` is valid / revoked / downgraded / superseded (expired is
 *   read from valid_until); `superseded_by_id` points at the newer certificate; `holder_org_path`
 *   copies the mediator's committee path for subtree reads; `round_id` names the evaluation round
 *   that awarded it, when one did (no foreign key yet: the rounds come later);
 * - verify_lookups: lookups of /verify per client address and minute, counted by one atomic upsert.
 */
const migration: Migration = {
  name: "0022-certificates",
  async up({ queryInterface, transaction }) {
    const opts = { ...TABLE_OPTIONS, transaction };
    await queryInterface.createTable(
      "certificates",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        code: { type: DataTypes.STRING(16).BINARY, allowNull: false },
        mediator_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "mediators", key: "id" } },
        holder_name: { type: DataTypes.STRING(50), allowNull: false },
        holder_org_path: { type: DataTypes.STRING(255).BINARY, allowNull: false },
        level: { type: DataTypes.STRING(16), allowNull: false },
        level_name: { type: DataTypes.STRING(40), allowNull: false },
        issuer_org_unit_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "org_units", key: "id" } },
        issuer_name: { type: DataTypes.STRING(100), allowNull: false },
        issued_on: { type: DataTypes.DATEONLY, allowNull: false },
        valid_until: { type: DataTypes.DATEONLY, allowNull: false },
        round_id: { type: DataTypes.INTEGER, allowNull: true },
        status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: "valid" },
        status_on: { type: DataTypes.DATEONLY, allowNull: true },
        revocation_category: { type: DataTypes.STRING(24), allowNull: true },
        status_reason: { type: DataTypes.STRING(500), allowNull: true },
        superseded_by_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: "certificates", key: "id" } },
        issued_by: { type: DataTypes.INTEGER, allowNull: true },
        status_by: { type: DataTypes.INTEGER, allowNull: true },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("certificates", ["code"], { name: "certificates_code", unique: true, transaction });
    await queryInterface.addIndex("certificates", ["mediator_id", "issued_on"], { name: "certificates_mediator", transaction });
    await queryInterface.addIndex("certificates", ["holder_org_path"], { name: "certificates_scope", transaction });
    await queryInterface.createTable(
      "verify_lookups",
      {
        bucket: { type: DataTypes.STRING(160).BINARY, allowNull: false, primaryKey: true },
        window_start: { type: DataTypes.BIGINT, allowNull: false, primaryKey: true },
        hits: { type: DataTypes.INTEGER, allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("verify_lookups", ["window_start"], { name: "verify_lookups_window", transaction });
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable("verify_lookups", { transaction });
    await queryInterface.dropTable("certificates", { transaction });
  },
};

export default migration;
