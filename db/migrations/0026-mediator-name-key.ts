import { DataTypes, QueryTypes } from "sequelize";
import { nameKey } from "../../app/.server/roster/name-key";
import type { Migration } from "./types";

/**
 * The roster sorts names by pinyin (何, 侯, 刘, 任 …), not by character code. MySQL 8 could use a
 * Chinese collation, MariaDB has none, SQLite none either: one code path stores each mediator's
 * pinyin key (app/.server/roster/name-key.ts, written by roster/entries.ts) and sorts by it. The
 * existing rows are filled here, a thousand at a time.
 */
const migration: Migration = {
  name: "0026-mediator-name-key",
  async up({ queryInterface, sequelize, transaction }) {
    await queryInterface.addColumn(
      "mediators",
      "name_key",
      { type: DataTypes.STRING(400), allowNull: false, defaultValue: "" },
      { transaction },
    );
    let after = 0;
    for (;;) {
      const rows = await sequelize.query<{ id: number; name: string }>(
        "SELECT id, name FROM mediators WHERE id > :after ORDER BY id LIMIT 1000",
        { replacements: { after }, type: QueryTypes.SELECT, transaction },
      );
      if (!rows.length) break;
      const replacements: Record<string, string | number> = {};
      const cases = rows.map((r, i) => {
        replacements[`id${i}`] = r.id;
        replacements[`key${i}`] = nameKey(r.name);
        return `WHEN :id${i} THEN :key${i}`;
      });
      await sequelize.query(`UPDATE mediators SET name_key = CASE id ${cases.join(" ")} END WHERE id IN (:ids)`, {
        replacements: { ...replacements, ids: rows.map((r) => r.id) },
        transaction,
      });
      after = rows[rows.length - 1].id;
    }
    await queryInterface.addIndex("mediators", ["name_key", "id"], { name: "mediators_name_key", transaction });
  },
  async down({ queryInterface, transaction }) {
    const columns = await queryInterface.describeTable("mediators", { transaction } as never);
    if (!("name_key" in columns)) return;
    const indexes = (await queryInterface.showIndex("mediators", { transaction })) as { name: string }[];
    if (indexes.some((i) => i.name === "mediators_name_key"))
      await queryInterface.removeIndex("mediators", "mediators_name_key", { transaction });
    await queryInterface.removeColumn("mediators", "name_key", { transaction });
  },
};

export default migration;
