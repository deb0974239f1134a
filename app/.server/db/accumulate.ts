import { QueryTypes, type Transaction } from "sequelize";
import { getSequelize } from "./connection";

/**
 * INSERT rows, or on a key clash add the `add` columns to the existing row and overwrite the
 * `set` columns — one statement on SQLite (ON CONFLICT) and MySQL/MariaDB (ON DUPLICATE KEY).
 * Each row lists its values in the order keys, set, add.
 */
export async function accumulate(
  table: string,
  columns: { keys: string[]; set?: string[]; add: string[] },
  rows: (string | number)[][],
  transaction?: Transaction,
) {
  if (!rows.length) return;
  const set = columns.set ?? [];
  const all = [...columns.keys, ...set, ...columns.add];
  const mysql = getSequelize().getDialect() !== "sqlite";
  const incoming = (c: string) => (mysql ? `VALUES(${c})` : `excluded.${c}`);
  const updates = [...set.map((c) => `${c} = ${incoming(c)}`), ...columns.add.map((c) => `${c} = ${c} + ${incoming(c)}`)].join(", ");
  const conflict = mysql ? "ON DUPLICATE KEY UPDATE" : `ON CONFLICT (${columns.keys.join(", ")}) DO UPDATE SET`;
  for (let i = 0; i < rows.length; i += 400) {
    const chunk = rows.slice(i, i + 400);
    const values = chunk.map(() => `(${all.map(() => "?").join(", ")})`).join(", ");
    await getSequelize().query(`INSERT INTO ${table} (${all.join(", ")}) VALUES ${values} ${conflict} ${updates}`, {
      replacements: chunk.flat(),
      type: QueryTypes.INSERT,
      transaction,
    });
  }
}
