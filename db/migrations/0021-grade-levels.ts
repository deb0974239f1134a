import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/**
 * Grade evaluation, part 1 (等级评定):
 * - level_schemes: a province node's level scheme and criteria (JSON); none means the national scheme;
 * - mediator_levels: the history of each mediator's levels (from, until; until null while held),
 *   with where the row came from (a round's decision, an import of earlier results, an entry);
 * - mediator_sanctions: the disciplinary records (处分) the bureau enters on a roster entry.
 */
const migration: Migration = {
  name: "0021-grade-levels",
  async up({ queryInterface, transaction }) {
    const opts = { ...TABLE_OPTIONS, transaction };
    const mediator = {
      type: DataTypes.INTEGER,
      allowNull: false,
      references: { model: "mediators", key: "id" },
      onDelete: "CASCADE",
    } as const;
    const user = { type: DataTypes.INTEGER, allowNull: true, references: { model: "users", key: "id" }, onDelete: "SET NULL" } as const;
    await queryInterface.createTable(
      "level_schemes",
      {
        org_unit_id: {
          type: DataTypes.INTEGER,
          allowNull: false,
          primaryKey: true,
          references: { model: "org_units", key: "id" },
          onDelete: "CASCADE",
        },
        scheme: { type: DataTypes.TEXT, allowNull: false },
        updated_by: user,
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.createTable(
      "mediator_levels",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        mediator_id: mediator,
        level: { type: DataTypes.STRING(32), allowNull: false },
        from: { type: DataTypes.DATEONLY, allowNull: false },
        until: { type: DataTypes.DATEONLY, allowNull: true },
        source: { type: DataTypes.STRING(16), allowNull: false },
        note: { type: DataTypes.STRING(300), allowNull: true },
        created_by: user,
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("mediator_levels", ["mediator_id", "from"], { name: "mediator_levels_by_mediator", transaction });
    await queryInterface.createTable(
      "mediator_sanctions",
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        mediator_id: mediator,
        on: { type: DataTypes.DATEONLY, allowNull: false },
        reason: { type: DataTypes.STRING(300), allowNull: false },
        document_no: { type: DataTypes.STRING(60), allowNull: false },
        note: { type: DataTypes.STRING(300), allowNull: true },
        created_by: user,
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      opts,
    );
    await queryInterface.addIndex("mediator_sanctions", ["mediator_id", "on"], { name: "mediator_sanctions_by_mediator", transaction });
  },
  async down({ queryInterface, transaction }) {
    for (const table of ["mediator_sanctions", "mediator_levels", "level_schemes"]) {
      await queryInterface.dropTable(table, { transaction }).catch(() => undefined);
    }
  },
};

export default migration;
