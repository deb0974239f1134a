import { QueryTypes, type Transaction } from "sequelize";
import { accumulate } from "../db/accumulate";
import { getSequelize, inTransaction } from "../db/connection";

/**
 * The org rollups every writer under a unit shares — org_year_stats (trained, compliant… per node,
 * year and employment) and org_month_stats (ledger lines and hours per node, month, source and
 * form) — are changed through deltas (migration 0034): a write adds rows to org_year_deltas /
 * org_month_deltas in its own transaction, which no other writer touches, and the background lease
 * holder folds them into the rollups every few seconds. Every reader reads rollup + deltas
 * (`withYearDeltas`, `withMonthDeltas`), so a figure is exact the moment its write commits.
 */

export const YEAR_KEYS = ["org_unit_id", "year", "employment"] as const;
export const YEAR_COUNTS = ["trained", "compliant", "practical", "preservice_done"] as const;
export const MONTH_KEYS = ["org_unit_id", "year", "month", "source", "form"] as const;
export const MONTH_COUNTS = ["records", "hours"] as const;

type Table = { stats: string; deltas: string; keys: readonly string[]; counts: readonly string[] };
const YEAR: Table = { stats: "org_year_stats", deltas: "org_year_deltas", keys: YEAR_KEYS, counts: YEAR_COUNTS };
const MONTH: Table = { stats: "org_month_stats", deltas: "org_month_deltas", keys: MONTH_KEYS, counts: MONTH_COUNTS };

async function insertDeltas(table: Table, rows: (string | number)[][], transaction: Transaction) {
  const columns = [...table.keys, ...table.counts];
  for (let i = 0; i < rows.length; i += 400) {
    const chunk = rows.slice(i, i + 400);
    await getSequelize().query(
      `INSERT INTO ${table.deltas} (${columns.join(", ")}) VALUES ${chunk.map(() => `(${columns.map(() => "?").join(", ")})`).join(", ")}`,
      { replacements: chunk.flat(), type: QueryTypes.INSERT, transaction },
    );
  }
}

/** Rows of [org_unit_id, year, employment, trained, compliant, practical, preservice_done] to add to org_year_stats. */
export const addYearDeltas = (rows: (string | number)[][], transaction: Transaction) => insertDeltas(YEAR, rows, transaction);
/** Rows of [org_unit_id, year, month, source, form, records, hours] to add to org_month_stats. */
export const addMonthDeltas = (rows: (string | number)[][], transaction: Transaction) => insertDeltas(MONTH, rows, transaction);

/**
 * A FROM source with a rollup's rows and its deltas not yet folded, each side filtered by `where`
 * (the same condition, its replacements given twice): sum its counts grouped by what the reader needs.
 */
function withDeltas(table: Table, where: string) {
  const columns = [...table.keys, ...table.counts].join(", ");
  const filter = where ? ` WHERE ${where}` : "";
  return `(SELECT ${columns} FROM ${table.stats}${filter} UNION ALL SELECT ${columns} FROM ${table.deltas}${filter}) r`;
}
export const withYearDeltas = (where = "") => withDeltas(YEAR, where);
export const withMonthDeltas = (where = "") => withDeltas(MONTH, where);

/** Folds up to `limit` deltas of one table into its rollup in one transaction; returns how many. */
async function foldSome(table: Table, limit: number): Promise<number> {
  const sequelize = getSequelize();
  return inTransaction(async (transaction) => {
    const lock = sequelize.getDialect() === "sqlite" ? "" : " FOR UPDATE";
    // Exactly these rows are summed and deleted: a delta committed meanwhile waits for the next fold.
    const rows = (await sequelize.query(
      `SELECT id, ${[...table.keys, ...table.counts].join(", ")} FROM ${table.deltas} ORDER BY id LIMIT ${limit}${lock}`,
      {
        type: QueryTypes.SELECT,
        transaction,
      },
    )) as Record<string, string | number>[];
    if (!rows.length) return 0;
    const sums = new Map<string, (string | number)[]>();
    for (const r of rows) {
      const key = table.keys.map((k) => String(r[k])).join("|");
      const sum = sums.get(key) ?? [...table.keys.map((k) => r[k]), ...table.counts.map(() => 0)];
      table.counts.forEach((c, i) => {
        const at = table.keys.length + i;
        sum[at] = Math.round((Number(sum[at]) + Number(r[c])) * 10) / 10;
      });
      sums.set(key, sum);
    }
    // Root first, as every writer of the rollups orders them, so the fold never waits in a cycle.
    const ordered = [...sums.values()].sort((a, b) => Number(a[1]) - Number(b[1]) || Number(a[0]) - Number(b[0]));
    await accumulate(table.stats, { keys: [...table.keys], add: [...table.counts] }, ordered, transaction);
    const ids = rows.map((r) => Number(r.id));
    for (let i = 0; i < ids.length; i += 1000) {
      const part = ids.slice(i, i + 1000);
      await sequelize.query(`DELETE FROM ${table.deltas} WHERE id IN (${part.map(() => "?").join(", ")})`, {
        replacements: part,
        transaction,
      });
    }
    return rows.length;
  });
}

/** Folds every pending delta into the rollups (in transactions of `batch` rows); returns how many were folded. */
export async function foldRollupDeltas(batch = 5000): Promise<number> {
  let folded = 0;
  for (const table of [YEAR, MONTH]) {
    for (;;) {
      const n = await foldSome(table, batch);
      folded += n;
      if (n < batch) break;
    }
  }
  return folded;
}

/** Drops the pending deltas (a rebuild recomputes the rollups from their sources in the same transaction). */
export async function dropRollupDeltas(which: "year" | "month", transaction: Transaction) {
  await getSequelize().query(`DELETE FROM ${which === "year" ? YEAR.deltas : MONTH.deltas}`, { transaction });
}
