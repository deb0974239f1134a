import { QueryTypes, type Transaction } from "sequelize";
import { accumulate } from "../db/accumulate";
import { getSequelize, inTransaction } from "../db/connection";
import { pathIds } from "../org";
import { addMonthDeltas, dropRollupDeltas, withMonthDeltas } from "./deltas";
import { compareRollups, rebuildRollups } from "./rollup";

/**
 * The ledger's summaries (mediator_year_stats, org_month_stats), changed in the transaction of
 * every ledger write, and rebuilt or checked from the ledger itself by `npm run stats:rebuild` —
 * together with the compliance rollups read from them (./rollup.ts).
 */

export type StatsLine = { mediatorId: number | null; orgPath: string | null; occurredOn: string; source: string; form: string };

const yearOf = (day: string) => Number(day.slice(0, 4));
const monthOf = (day: string) => Number(day.slice(5, 7));

/**
 * Adds `records` lines and `hours` hours (negative to take away) to the mediator's own summary of
 * one ledger line (mediator_year_stats), which the compliance figures are computed from.
 */
export async function applyToMediatorStats(line: StatsLine, records: number, hours: number, transaction: Transaction) {
  if (!line.mediatorId || !line.orgPath) return;
  await accumulate(
    "mediator_year_stats",
    { keys: ["mediator_id", "year", "source", "form"], set: ["org_path"], add: ["records", "hours"] },
    [[line.mediatorId, yearOf(line.occurredOn), line.source, line.form, line.orgPath, records, hours]],
    transaction,
  );
}

/**
 * The same line in the monthly figures of every org unit above it (org_month_stats). These rows are
 * shared by everyone under a unit — the province's by every ledger write of the province — so a
 * writer changes them last, just before its commit, and holds their locks as briefly as it can.
 */
export async function applyToOrgStats(line: StatsLine, records: number, hours: number, transaction: Transaction) {
  if (!line.orgPath) return;
  const rows = pathIds(line.orgPath).map((id) => [
    id,
    yearOf(line.occurredOn),
    monthOf(line.occurredOn),
    line.source,
    line.form,
    records,
    hours,
  ]);
  // As deltas: these rows are shared by every writer under the unit (./deltas.ts).
  await addMonthDeltas(rows, transaction);
}

type MediatorRow = { mediator_id: number; year: number; source: string; form: string; records: number; hours: number };
type OrgRow = { org_unit_id: number; year: number; month: number; source: string; form: string; records: number; hours: number };

const round1 = (n: number) => Math.round(n * 10) / 10;

/** What the summaries should hold, computed from the ledger. */
async function expected(transaction?: Transaction) {
  const sequelize = getSequelize();
  const byMediator = (await sequelize.query(
    `SELECT mediator_id, SUBSTR(occurred_on, 1, 4) AS y, source, form, COUNT(*) AS records, SUM(hours) AS hours, MAX(org_path) AS org_path
       FROM training_records WHERE mediator_id IS NOT NULL AND org_path IS NOT NULL
      GROUP BY mediator_id, SUBSTR(occurred_on, 1, 4), source, form`,
    { type: QueryTypes.SELECT, transaction },
  )) as {
    mediator_id: number;
    y: string;
    source: string;
    form: string;
    records: number | string;
    hours: number | string;
    org_path: string;
  }[];
  const byPath = (await sequelize.query(
    `SELECT org_path, SUBSTR(occurred_on, 1, 4) AS y, SUBSTR(occurred_on, 6, 2) AS m, source, form, COUNT(*) AS records, SUM(hours) AS hours
       FROM training_records WHERE org_path IS NOT NULL
      GROUP BY org_path, SUBSTR(occurred_on, 1, 4), SUBSTR(occurred_on, 6, 2), source, form`,
    { type: QueryTypes.SELECT, transaction },
  )) as { org_path: string; y: string; m: string; source: string; form: string; records: number | string; hours: number | string }[];
  const mediators = new Map<string, MediatorRow & { org_path: string }>();
  for (const r of byMediator) {
    mediators.set(`${r.mediator_id}|${Number(r.y)}|${r.source}|${r.form}`, {
      mediator_id: Number(r.mediator_id),
      year: Number(r.y),
      source: r.source,
      form: r.form,
      records: Number(r.records),
      hours: round1(Number(r.hours)),
      org_path: r.org_path,
    });
  }
  const orgs = new Map<string, OrgRow>();
  for (const r of byPath) {
    for (const id of pathIds(r.org_path)) {
      const key = `${id}|${Number(r.y)}|${Number(r.m)}|${r.source}|${r.form}`;
      const row = orgs.get(key) ?? {
        org_unit_id: id,
        year: Number(r.y),
        month: Number(r.m),
        source: r.source,
        form: r.form,
        records: 0,
        hours: 0,
      };
      row.records += Number(r.records);
      row.hours = round1(row.hours + Number(r.hours));
      orgs.set(key, row);
    }
  }
  return { mediators, orgs };
}

/** Differences between the summaries and a recompute from the ledger (empty when they agree). */
export async function compareStats(transaction?: Transaction): Promise<string[]> {
  const sequelize = getSequelize();
  const want = await expected(transaction);
  const haveMediators = (await sequelize.query("SELECT mediator_id, year, source, form, records, hours FROM mediator_year_stats", {
    type: QueryTypes.SELECT,
    transaction,
  })) as MediatorRow[];
  const haveOrgs = (await sequelize.query(
    `SELECT org_unit_id, year, month, source, form, SUM(records) AS records, SUM(hours) AS hours FROM ${withMonthDeltas()}
      GROUP BY org_unit_id, year, month, source, form`,
    { type: QueryTypes.SELECT, transaction },
  )) as OrgRow[];
  const problems: string[] = [];
  const check = (
    name: string,
    key: string,
    have: { records: number; hours: number } | undefined,
    wanted: { records: number; hours: number } | undefined,
  ) => {
    const h = { records: Number(have?.records ?? 0), hours: round1(Number(have?.hours ?? 0)) };
    const w = { records: wanted?.records ?? 0, hours: wanted?.hours ?? 0 };
    if (h.records !== w.records || h.hours !== w.hours)
      problems.push(`${name} ${key}: ${h.records} lines / ${h.hours} h, ledger says ${w.records} / ${w.hours}`);
  };
  const seenM = new Set<string>();
  for (const r of haveMediators) {
    const key = `${r.mediator_id}|${Number(r.year)}|${r.source}|${r.form}`;
    seenM.add(key);
    check("mediator_year_stats", key, r, want.mediators.get(key));
  }
  for (const [key, w] of want.mediators) if (!seenM.has(key)) check("mediator_year_stats", key, undefined, w);
  const seenO = new Set<string>();
  for (const r of haveOrgs) {
    const key = `${r.org_unit_id}|${Number(r.year)}|${Number(r.month)}|${r.source}|${r.form}`;
    seenO.add(key);
    check("org_month_stats", key, r, want.orgs.get(key));
  }
  for (const [key, w] of want.orgs) if (!seenO.has(key)) check("org_month_stats", key, undefined, w);
  return [...problems, ...(await compareRollups(transaction))];
}

/** Recomputes both summaries from the ledger in one transaction; returns the differences found first. */
export async function rebuildStats(): Promise<string[]> {
  const sequelize = getSequelize();
  return inTransaction(async (transaction) => {
    const problems = await compareStats(transaction);
    const want = await expected(transaction);
    await sequelize.query("DELETE FROM mediator_year_stats", { transaction });
    await sequelize.query("DELETE FROM org_month_stats", { transaction });
    await dropRollupDeltas("month", transaction);
    const insert = async (table: string, columns: string[], rows: unknown[][]) => {
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500);
        await sequelize.query(
          `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${chunk.map((r) => `(${r.map(() => "?").join(", ")})`).join(", ")}`,
          {
            replacements: chunk.flat(),
            transaction,
          },
        );
      }
    };
    await insert(
      "mediator_year_stats",
      ["mediator_id", "year", "source", "form", "org_path", "records", "hours"],
      [...want.mediators.values()].map((r) => [r.mediator_id, r.year, r.source, r.form, r.org_path, r.records, r.hours]),
    );
    await insert(
      "org_month_stats",
      ["org_unit_id", "year", "month", "source", "form", "records", "hours"],
      [...want.orgs.values()].map((r) => [r.org_unit_id, r.year, r.month, r.source, r.form, r.records, r.hours]),
    );
    await rebuildRollups(transaction);
    return problems;
  });
}
