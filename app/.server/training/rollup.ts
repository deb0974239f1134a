import { QueryTypes, type Transaction } from "sequelize";
import { dayOf, todayInChina } from "~/lib/dates";
import type { TrainingPolicy } from "~/lib/policy";
import { accumulate } from "../db/accumulate";
import { getSequelize } from "../db/connection";
import { pathIds, pathRange } from "../org";
import { addYearDeltas, dropRollupDeltas, withYearDeltas } from "./deltas";
import { mediatorYear, policyIndex, type LedgerLine } from "./year-rules";

/**
 * The compliance rollups (migration 0015), recomputed for the mediators a write touches and
 * compared with what is stored, so only the difference is added to the nodes above them:
 * - mediator_years from mediator_year_stats under the policy in force at the mediator's committee;
 * - org_year_stats: mediator_years of active mediators, summed for every ancestor node;
 * - org_roster_stats: active mediators per committee, summed for every ancestor node (changed by
 *   the roster hooks in ./roster-hooks.ts).
 * Every function runs in the caller's transaction.
 */

type Roster = { id: number; orgPath: string; employment: string; active: boolean; appointedOn: string | null };
export type MediatorYear = {
  mediatorId: number;
  year: number;
  orgPath: string;
  employment: string;
  active: boolean;
  records: number;
  practical: number;
  hours: number;
  compliant: boolean;
  newcomer: boolean;
  preserviceHours: number;
  preserviceDone: boolean;
};

/** The policy in force at a path for a year (./year-rules.ts), from one read of the years' policies. */
export async function policyLookup(years: number[], transaction?: Transaction) {
  const rows = years.length
    ? ((await getSequelize().query(
        `SELECT org_unit_id, year, min_practical, min_hours, preservice_hours, preservice_days, practical FROM training_policies WHERE year IN (${years
          .map(() => "?")
          .join(", ")})`,
        { replacements: years, type: QueryTypes.SELECT, transaction },
      )) as {
        org_unit_id: number;
        year: number;
        min_practical: number;
        min_hours: number | string;
        preservice_hours: number | string;
        preservice_days: number;
        practical: unknown;
      }[])
    : [];
  const inForce = policyIndex(
    rows.map((r) => ({
      orgUnitId: Number(r.org_unit_id),
      year: Number(r.year),
      minPractical: Number(r.min_practical),
      minHours: Number(r.min_hours),
      preserviceHours: Number(r.preservice_hours),
      preserviceDays: Number(r.preservice_days),
      practical: typeof r.practical === "string" ? JSON.parse(r.practical) : r.practical,
    })),
  );
  return (path: string, year: number): TrainingPolicy => inForce(pathIds(path), year).policy;
}

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");
/**
 * On MySQL/MariaDB (READ COMMITTED, see connection.ts) a refresh first locks the mediators' or
 * committees' own rows, so two refreshes of the same ones run one after the other and the second
 * reads what the first committed. SQLite runs one write transaction at a time.
 */
const locking = (transaction?: Transaction) => (transaction && getSequelize().getDialect() !== "sqlite" ? " FOR UPDATE" : "");

/** What mediator_years should hold for these mediators (all their years, or only `years` plus the appointment year). */
export async function computeYears(
  ids: number[],
  wanted: number[] | null,
  transaction?: Transaction,
): Promise<{ years: number[] | null; rows: MediatorYear[] }> {
  const sequelize = getSequelize();
  const roster = new Map<number, Roster>();
  if (!ids.length) return { years: wanted, rows: [] };
  const people = (await sequelize.query(
    `SELECT id, org_path, employment, status, appointed_on FROM mediators WHERE id IN (${placeholders(ids.length)}) ORDER BY id${locking(
      transaction,
    )}`,
    {
      replacements: ids,
      type: QueryTypes.SELECT,
      transaction,
    },
  )) as { id: number; org_path: string; employment: string; status: string; appointed_on: unknown }[];
  for (const p of people)
    roster.set(Number(p.id), {
      id: Number(p.id),
      orgPath: p.org_path,
      employment: p.employment,
      active: p.status === "active",
      appointedOn: dayOf(p.appointed_on),
    });
  // The appointment year holds the pre-service figures, so it is always looked at.
  const years = wanted
    ? [...new Set([...wanted, ...[...roster.values()].filter((m) => m.appointedOn).map((m) => Number(m.appointedOn!.slice(0, 4)))])]
    : null;

  const yearFilter = years ? ` AND year IN (${placeholders(years.length)})` : "";
  const stats = (await sequelize.query(
    `SELECT mediator_id, year, source, form, records, hours FROM mediator_year_stats WHERE mediator_id IN (${placeholders(
      ids.length,
    )})${yearFilter}`,
    {
      replacements: [...ids, ...(years ?? [])],
      type: QueryTypes.SELECT,
      transaction,
    },
  )) as { mediator_id: number; year: number; source: string; form: string; records: number | string; hours: number | string }[];

  const newcomers = [...roster.values()].filter((m) => m.appointedOn);
  const policyYears = new Set<number>([...stats.map((s) => Number(s.year)), ...newcomers.map((m) => Number(m.appointedOn!.slice(0, 4)))]);
  const policyOf = await policyLookup([...policyYears], transaction);

  // Pre-service hours: each newcomer's lines from appointment to the due date (at most a year
  // later), read per appointment year so only two years of lines are ever loaded.
  const windowLines = new Map<number, { day: string; hours: number }[]>();
  const byYear = new Map<number, number[]>();
  for (const m of newcomers)
    byYear.set(Number(m.appointedOn!.slice(0, 4)), [...(byYear.get(Number(m.appointedOn!.slice(0, 4))) ?? []), m.id]);
  for (const [year, group] of byYear) {
    const lines = (await sequelize.query(
      `SELECT mediator_id, occurred_on, hours FROM training_records WHERE mediator_id IN (${placeholders(
        group.length,
      )}) AND occurred_on >= ? AND occurred_on <= ?`,
      {
        replacements: [...group, `${year}-01-01`, `${year + 1}-12-31`],
        type: QueryTypes.SELECT,
        transaction,
      },
    )) as { mediator_id: number; occurred_on: unknown; hours: number | string }[];
    for (const l of lines) {
      const id = Number(l.mediator_id);
      const list = windowLines.get(id) ?? [];
      list.push({ day: dayOf(l.occurred_on)!, hours: Number(l.hours) });
      windowLines.set(id, list);
    }
  }

  // The year's ledger summary per mediator and year, then the rules (./year-rules.ts) on it.
  const summaries = new Map<string, { mediator: Roster; year: number; lines: LedgerLine[] }>();
  const summaryOf = (m: Roster, year: number) => {
    const key = `${m.id}|${year}`;
    const found = summaries.get(key) ?? { mediator: m, year, lines: [] };
    summaries.set(key, found);
    return found;
  };
  for (const s of stats) {
    const m = roster.get(Number(s.mediator_id));
    if (m) summaryOf(m, Number(s.year)).lines.push({ source: s.source, form: s.form, records: Number(s.records), hours: Number(s.hours) });
  }
  // The appointment year holds the pre-service figures, with or without other training.
  for (const m of newcomers) summaryOf(m, Number(m.appointedOn!.slice(0, 4)));
  const today = todayInChina();
  const rows: MediatorYear[] = [];
  for (const { mediator: m, year, lines } of summaries.values()) {
    const y = mediatorYear({
      year,
      policy: policyOf(m.orgPath, year),
      lines,
      appointedOn: m.appointedOn,
      appointmentPolicy: m.appointedOn ? policyOf(m.orgPath, Number(m.appointedOn.slice(0, 4))) : undefined,
      windowLines: windowLines.get(m.id),
      today,
    });
    // Only the appointment year's row holds the pre-service figures.
    const pre = y.newcomer ? y.preService : null;
    rows.push({
      mediatorId: m.id,
      year,
      orgPath: m.orgPath,
      employment: m.employment,
      active: m.active,
      records: y.records,
      practical: y.practical,
      hours: y.hours,
      compliant: y.state === "compliant",
      newcomer: y.newcomer,
      preserviceHours: pre?.hours ?? 0,
      preserviceDone: pre?.done ?? false,
    });
  }
  // A year without any training is simply absent (the roster rollup counts the mediator), unless
  // it is the appointment year of a pre-service requirement already met (one of 0 hours).
  return { years, rows: rows.filter((r) => r.records > 0 || r.preserviceHours > 0 || r.preserviceDone) };
}

async function storedYears(ids: number[], years: number[] | null, transaction?: Transaction): Promise<MediatorYear[]> {
  if (!ids.length) return [];
  const yearFilter = years ? ` AND year IN (${placeholders(years.length)})` : "";
  const rows = (await getSequelize().query(`SELECT * FROM mediator_years WHERE mediator_id IN (${placeholders(ids.length)})${yearFilter}`, {
    replacements: [...ids, ...(years ?? [])],
    type: QueryTypes.SELECT,
    transaction,
  })) as Record<string, unknown>[];
  return rows.map((r) => ({
    mediatorId: Number(r.mediator_id),
    year: Number(r.year),
    orgPath: String(r.org_path),
    employment: String(r.employment),
    active: Boolean(Number(r.active)),
    records: Number(r.records),
    practical: Number(r.practical),
    hours: Number(r.hours),
    compliant: Boolean(Number(r.compliant)),
    newcomer: Boolean(Number(r.newcomer)),
    preserviceHours: Number(r.preservice_hours),
    preserviceDone: Boolean(Number(r.preservice_done)),
  }));
}

const sameYear = (a: MediatorYear, b: MediatorYear) =>
  a.orgPath === b.orgPath &&
  a.employment === b.employment &&
  a.active === b.active &&
  a.records === b.records &&
  a.practical === b.practical &&
  a.hours === b.hours &&
  a.compliant === b.compliant &&
  a.newcomer === b.newcomer &&
  a.preserviceHours === b.preserviceHours &&
  a.preserviceDone === b.preserviceDone;

type Counts = { trained: number; compliant: number; practical: number; preserviceDone: number };

/** A mediator-year's share of org_year_stats, added (sign 1) or taken away (-1) at every node above it. */
function addShare(into: Map<string, Counts & { id: number; year: number; employment: string }>, row: MediatorYear, sign: 1 | -1) {
  if (!row.active) return;
  for (const id of pathIds(row.orgPath)) {
    const key = `${id}|${row.year}|${row.employment}`;
    const c = into.get(key) ?? {
      id,
      year: row.year,
      employment: row.employment,
      trained: 0,
      compliant: 0,
      practical: 0,
      preserviceDone: 0,
    };
    c.trained += sign * (row.records > 0 ? 1 : 0);
    c.compliant += sign * (row.compliant ? 1 : 0);
    c.practical += sign * row.practical;
    c.preserviceDone += sign * (row.preserviceDone ? 1 : 0);
    into.set(key, c);
  }
}

const YEAR_COLUMNS = [
  "mediator_id",
  "year",
  "org_path",
  "employment",
  "active",
  "records",
  "practical",
  "hours",
  "compliant",
  "newcomer",
  "preservice_hours",
  "preservice_done",
];
const yearValues = (r: MediatorYear) => [
  r.mediatorId,
  r.year,
  r.orgPath,
  r.employment,
  r.active ? 1 : 0,
  r.records,
  r.practical,
  r.hours,
  r.compliant ? 1 : 0,
  r.newcomer ? 1 : 0,
  r.preserviceHours,
  r.preserviceDone ? 1 : 0,
];

/**
 * Brings mediator_years and org_year_stats up to date for these mediators after a ledger, roster
 * or policy change: `years` limits the work to the years the change touched (the appointment year,
 * which holds the pre-service figures, is always included); null means every year.
 */
export async function refreshMediators(ids: number[], years: number[] | null, transaction: Transaction) {
  const unique = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0).sort((a, b) => a - b);
  for (let i = 0; i < unique.length; i += 1000) {
    const part = unique.slice(i, i + 1000);
    const computed = await computeYears(part, years, transaction);
    const rows = computed.rows;
    const old = await storedYears(part, computed.years, transaction);
    const fresh = new Map(rows.map((r) => [`${r.mediatorId}|${r.year}`, r]));
    const before = new Map(old.map((r) => [`${r.mediatorId}|${r.year}`, r]));
    const deltas = new Map<string, Counts & { id: number; year: number; employment: string }>();
    const gone: MediatorYear[] = [];
    const write: MediatorYear[] = [];
    for (const [key, r] of before) {
      const now = fresh.get(key);
      if (now && sameYear(now, r)) continue;
      addShare(deltas, r, -1);
      if (!now) gone.push(r);
    }
    for (const [key, r] of fresh) {
      const was = before.get(key);
      if (was && sameYear(was, r)) continue;
      addShare(deltas, r, 1);
      write.push(r);
    }
    const sequelize = getSequelize();
    for (const r of gone)
      await sequelize.query("DELETE FROM mediator_years WHERE mediator_id = ? AND year = ?", {
        replacements: [r.mediatorId, r.year],
        transaction,
      });
    await accumulate(
      "mediator_years",
      { keys: ["mediator_id", "year"], set: YEAR_COLUMNS.slice(2), add: [] },
      write.map(yearValues),
      transaction,
    );
    // Always in the same order (year, employment, then root first), so concurrent writers queue rather than deadlock.
    const changes = [...deltas.values()]
      .filter((c) => c.trained || c.compliant || c.practical || c.preserviceDone)
      .sort((a, b) => a.year - b.year || a.employment.localeCompare(b.employment) || a.id - b.id);
    // As deltas: the rows of the units above are shared by every writer under them (./deltas.ts).
    await addYearDeltas(
      changes.map((c) => [c.id, c.year, c.employment, c.trained, c.compliant, c.practical, c.preserviceDone]),
      transaction,
    );
  }
}

type RosterCount = { committee: number; employment: string; appointedYear: number; active: number };

/** Active mediators per committee, employment and year of appointment, counted from the roster. */
async function countRoster(transaction?: Transaction): Promise<RosterCount[]> {
  const rows = (await getSequelize().query(
    "SELECT org_unit_id, employment, SUBSTR(appointed_on, 1, 4) AS y, COUNT(*) AS n FROM mediators WHERE status = 'active' GROUP BY org_unit_id, employment, SUBSTR(appointed_on, 1, 4)",
    { type: QueryTypes.SELECT, transaction },
  )) as { org_unit_id: number; employment: string; y: string | null; n: number | string }[];
  return rows.map((r) => ({
    committee: Number(r.org_unit_id),
    employment: r.employment,
    appointedYear: r.y ? Number(r.y) : 0,
    active: Number(r.n),
  }));
}

async function pathsOf(ids: number[], transaction?: Transaction) {
  if (!ids.length) return new Map<number, string>();
  const rows = (await getSequelize().query(`SELECT id, path FROM org_units WHERE id IN (${placeholders(ids.length)})`, {
    replacements: ids,
    type: QueryTypes.SELECT,
    transaction,
  })) as { id: number; path: string }[];
  return new Map(rows.map((r) => [Number(r.id), r.path]));
}

export type RosterEntry = { orgUnitId: number; employment: string; status: string; appointedOn: string | null };

/**
 * Moves roster entries in org_roster_stats: each `from` (as it was) is taken away and each `to`
 * (as it is now) added, at its committee and every node above — atomic increments, so concurrent
 * roster writes need no lock. Only active entries count.
 */
export async function shiftRoster(from: RosterEntry[], to: RosterEntry[], transaction?: Transaction) {
  const delta = new Map<string, { committee: number; employment: string; appointedYear: number; active: number }>();
  const add = (e: RosterEntry, sign: 1 | -1) => {
    if (e.status !== "active") return;
    const appointedYear = e.appointedOn ? Number(String(e.appointedOn).slice(0, 4)) : 0;
    const key = `${e.orgUnitId}|${e.employment}|${appointedYear}`;
    const d = delta.get(key) ?? { committee: e.orgUnitId, employment: e.employment, appointedYear, active: 0 };
    d.active += sign;
    delta.set(key, d);
  };
  for (const e of from) add(e, -1);
  for (const e of to) add(e, 1);
  const changes = [...delta.values()].filter((d) => d.active !== 0);
  if (!changes.length) return;
  const paths = await pathsOf([...new Set(changes.map((d) => d.committee))], transaction);
  // Always in the same order, so concurrent writers queue rather than deadlock.
  const rows = changes.flatMap((d) =>
    pathIds(paths.get(d.committee) ?? "").map((id) => [id, d.employment, d.appointedYear, d.active] as [number, string, number, number]),
  );
  rows.sort((a, b) => a[1].localeCompare(b[1]) || a[2] - b[2] || a[0] - b[0]);
  await accumulate("org_roster_stats", { keys: ["org_unit_id", "employment", "appointed_year"], add: ["active"] }, rows, transaction);
}

/** After a policy change at a node for a year: every mediator of the subtree, under the new rules. */
export async function refreshSubtreeYear(path: string, year: number, transaction: Transaction) {
  const { from, to } = pathRange(path);
  // On MySQL/MariaDB, lock the subtree's mediators: a move, status change or ledger write in flight
  // (each locks its mediator first) finishes before this recompute reads it, and one that starts
  // later waits and then reads the new rule. SQLite runs one writer at a time anyway.
  const lock = getSequelize().getDialect() === "mysql" ? " FOR UPDATE" : "";
  const ids = (await getSequelize().query(`SELECT id FROM mediators WHERE org_path >= ? AND org_path < ?${lock}`, {
    replacements: [from, to],
    type: QueryTypes.SELECT,
    transaction,
  })) as { id: number }[];
  await refreshMediators(
    ids.map((r) => Number(r.id)),
    [year],
    transaction,
  );
}

/** What the three rollups should hold, from the roster and mediator_year_stats, against what they hold. */
export async function compareRollups(transaction?: Transaction): Promise<string[]> {
  const sequelize = getSequelize();
  const problems: string[] = [];
  const ids = (
    (await sequelize.query("SELECT id FROM mediators ORDER BY id", { type: QueryTypes.SELECT, transaction })) as { id: number }[]
  ).map((r) => Number(r.id));
  const orgWant = new Map<string, Counts & { id: number; year: number; employment: string }>();
  const seen = new Set<string>();
  for (let i = 0; i < ids.length; i += 2000) {
    const part = ids.slice(i, i + 2000);
    const { rows } = await computeYears(part, null, transaction);
    const have = new Map((await storedYears(part, null, transaction)).map((r) => [`${r.mediatorId}|${r.year}`, r]));
    for (const r of rows) {
      const key = `${r.mediatorId}|${r.year}`;
      seen.add(key);
      const h = have.get(key);
      if (!h || !sameYear(h, r)) problems.push(`mediator_years ${key}: stored ${JSON.stringify(h ?? null)}, expected ${JSON.stringify(r)}`);
      addShare(orgWant, r, 1);
    }
    for (const [key, h] of have) if (!seen.has(key)) problems.push(`mediator_years ${key}: stored ${JSON.stringify(h)}, expected nothing`);
  }
  const orgHave = (await sequelize.query(
    `SELECT org_unit_id, year, employment, SUM(trained) AS trained, SUM(compliant) AS compliant, SUM(practical) AS practical,
            SUM(preservice_done) AS preservice_done FROM ${withYearDeltas()} GROUP BY org_unit_id, year, employment`,
    { type: QueryTypes.SELECT, transaction },
  )) as Record<string, unknown>[];
  const show = (c?: Partial<Counts>) => `${c?.trained ?? 0}/${c?.compliant ?? 0}/${c?.practical ?? 0}/${c?.preserviceDone ?? 0}`;
  const orgSeen = new Set<string>();
  for (const r of orgHave) {
    const key = `${r.org_unit_id}|${r.year}|${r.employment}`;
    orgSeen.add(key);
    const got = {
      trained: Number(r.trained),
      compliant: Number(r.compliant),
      practical: Number(r.practical),
      preserviceDone: Number(r.preservice_done),
    };
    if (show(got) !== show(orgWant.get(key))) problems.push(`org_year_stats ${key}: ${show(got)}, expected ${show(orgWant.get(key))}`);
  }
  for (const [key, w] of orgWant)
    if (!orgSeen.has(key) && show(w) !== show()) problems.push(`org_year_stats ${key}: missing, expected ${show(w)}`);

  const counts = await countRoster(transaction);
  const paths = await pathsOf([...new Set(counts.map((c) => c.committee))], transaction);
  const rosterWant = new Map<string, number>();
  for (const c of counts)
    for (const id of pathIds(paths.get(c.committee) ?? ""))
      rosterWant.set(
        `${id}|${c.employment}|${c.appointedYear}`,
        (rosterWant.get(`${id}|${c.employment}|${c.appointedYear}`) ?? 0) + c.active,
      );
  const rosterHave = (await sequelize.query("SELECT org_unit_id, employment, appointed_year, active FROM org_roster_stats", {
    type: QueryTypes.SELECT,
    transaction,
  })) as Record<string, unknown>[];
  const rosterSeen = new Set<string>();
  for (const r of rosterHave) {
    const key = `${r.org_unit_id}|${r.employment}|${r.appointed_year}`;
    rosterSeen.add(key);
    if (Number(r.active) !== (rosterWant.get(key) ?? 0))
      problems.push(`org_roster_stats ${key}: ${r.active}, expected ${rosterWant.get(key) ?? 0}`);
  }
  for (const [key, n] of rosterWant) if (!rosterSeen.has(key) && n !== 0) problems.push(`org_roster_stats ${key}: missing, expected ${n}`);
  return problems;
}

/** Empties the three rollups and fills them again from the roster and mediator_year_stats. */
export async function rebuildRollups(transaction: Transaction) {
  const sequelize = getSequelize();
  for (const table of ["mediator_years", "org_year_stats", "org_roster_stats"])
    await sequelize.query(`DELETE FROM ${table}`, { transaction });
  await dropRollupDeltas("year", transaction);
  const counts = await countRoster(transaction);
  const paths = await pathsOf([...new Set(counts.map((c) => c.committee))], transaction);
  const rows = counts.flatMap((c) => pathIds(paths.get(c.committee) ?? "").map((id) => [id, c.employment, c.appointedYear, c.active]));
  await accumulate("org_roster_stats", { keys: ["org_unit_id", "employment", "appointed_year"], add: ["active"] }, rows, transaction);
  const ids = (
    (await sequelize.query("SELECT id FROM mediators ORDER BY id", { type: QueryTypes.SELECT, transaction })) as { id: number }[]
  ).map((r) => Number(r.id));
  await refreshMediators(ids, null, transaction);
}
