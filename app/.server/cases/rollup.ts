import { QueryTypes, type Transaction } from "sequelize";
import { dayOf } from "~/lib/dates";
import { emptyCounts, type CaseCounts } from "~/lib/case-file";
import { accumulate } from "../db/accumulate";
import { getSequelize } from "../db/connection";
import { pathIds } from "../org";

/**
 * The case-register rollups (migration 0018), changed in the transaction of every register write:
 * - mediator_case_years: per mediator and closing year — handled, successful, oral, confirmed and
 *   followed-up count the files where the mediator is the primary mediator (主办); assisted counts
 *   the files where they assisted (协办);
 * - org_case_years: the same per org node, closing year and dispute category, for the file's
 *   committee and every node above it (assisted: assisting person-times).
 * A voided file (与台账不符) contributes nothing. Each write takes away what the file contributed as
 * it was and adds what it contributes now: atomic increments, so concurrent writers need no lock.
 */

/** What the rollups need to know about a file. */
export type CaseFacts = {
  orgPath: string;
  category: string;
  closedOn: string;
  outcome: string;
  agreementForm: string | null;
  confirmation: string;
  followUp: boolean;
  voided: boolean;
  primaryMediatorId: number;
  assistantIds: readonly number[];
};

const COLUMNS = ["handled", "successful", "oral", "confirmed", "followed_up", "assisted"] as const;
const values = (c: CaseCounts) => [c.handled, c.successful, c.oral, c.confirmed, c.followedUp, c.assisted];
const isZero = (c: CaseCounts) => values(c).every((v) => v === 0);

/** A file's own counts, for its primary mediator (assisted: how many assisted it). */
export function countsOf(f: CaseFacts): CaseCounts {
  const c = emptyCounts();
  if (f.voided) return c;
  const success = f.outcome === "success";
  c.handled = 1;
  c.successful = success ? 1 : 0;
  c.oral = success && f.agreementForm === "oral" ? 1 : 0;
  c.confirmed = success && f.confirmation === "confirmed" ? 1 : 0;
  c.followedUp = success && f.followUp ? 1 : 0;
  return c;
}

type Delta = { mediators: Map<string, CaseCounts>; orgs: Map<string, CaseCounts> };

function addInto(map: Map<string, CaseCounts>, key: string, c: CaseCounts, sign: 1 | -1) {
  const into = map.get(key) ?? emptyCounts();
  into.handled += sign * c.handled;
  into.successful += sign * c.successful;
  into.oral += sign * c.oral;
  into.confirmed += sign * c.confirmed;
  into.followedUp += sign * c.followedUp;
  into.assisted += sign * c.assisted;
  map.set(key, into);
}

export function addFile(delta: Delta, f: CaseFacts, sign: 1 | -1) {
  if (f.voided) return;
  const year = Number(f.closedOn.slice(0, 4));
  const own = countsOf(f);
  addInto(delta.mediators, `${f.primaryMediatorId}|${year}`, own, sign);
  const assist = { ...emptyCounts(), assisted: 1 };
  for (const id of f.assistantIds) addInto(delta.mediators, `${id}|${year}`, assist, sign);
  const atNode = { ...own, assisted: f.assistantIds.length };
  for (const id of pathIds(f.orgPath)) addInto(delta.orgs, `${id}|${year}|${f.category}`, atNode, sign);
}

export const newDelta = (): Delta => ({ mediators: new Map(), orgs: new Map() });

/** Writes a delta: mediators then nodes, each in key order, so concurrent writers queue rather than deadlock. */
export async function writeDelta(delta: Delta, transaction: Transaction) {
  const mediatorRows = [...delta.mediators.entries()]
    .filter(([, c]) => !isZero(c))
    .map(([key, c]) => {
      const [id, year] = key.split("|").map(Number);
      return [id, year, ...values(c)];
    })
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  await accumulate("mediator_case_years", { keys: ["mediator_id", "year"], add: [...COLUMNS] }, mediatorRows, transaction);
  const orgRows = [...delta.orgs.entries()]
    .filter(([, c]) => !isZero(c))
    .map(([key, c]) => {
      const [id, year, category] = key.split("|");
      return [Number(id), Number(year), category, ...values(c)] as (string | number)[];
    })
    .sort((a, b) => (a[1] as number) - (b[1] as number) || String(a[2]).localeCompare(String(b[2])) || (a[0] as number) - (b[0] as number));
  await accumulate("org_case_years", { keys: ["org_unit_id", "year", "category"], add: [...COLUMNS] }, orgRows, transaction);
}

/** Moves files in the rollups: each `before` (as it was) taken away, each `after` (as it is now) added. */
export async function shiftCases(before: readonly CaseFacts[], after: readonly CaseFacts[], transaction: Transaction) {
  const delta = newDelta();
  for (const f of before) addFile(delta, f, -1);
  for (const f of after) addFile(delta, f, 1);
  await writeDelta(delta, transaction);
}

// ---------------------------------------------------------------------------------------------
// Checking and rebuilding (stats:rebuild, tests)

type Grouped = { mediators: Map<string, CaseCounts>; orgs: Map<string, CaseCounts> };

/** What the rollups should hold, by GROUP BY over the register. */
export async function groupRegister(transaction?: Transaction): Promise<Grouped> {
  const sequelize = getSequelize();
  const sums = COLUMNS.slice(0, 5);
  const expr = {
    handled: "COUNT(*)",
    successful: "SUM(CASE WHEN f.outcome = 'success' THEN 1 ELSE 0 END)",
    oral: "SUM(CASE WHEN f.outcome = 'success' AND f.agreement_form = 'oral' THEN 1 ELSE 0 END)",
    confirmed: "SUM(CASE WHEN f.outcome = 'success' AND f.confirmation = 'confirmed' THEN 1 ELSE 0 END)",
    followed_up: "SUM(CASE WHEN f.outcome = 'success' AND f.follow_up THEN 1 ELSE 0 END)",
  } as const;
  const select = sums.map((c) => `${expr[c as keyof typeof expr]} AS ${c}`).join(", ");
  const toCounts = (r: Record<string, unknown>, assisted = 0): CaseCounts => ({
    handled: Number(r.handled),
    successful: Number(r.successful),
    oral: Number(r.oral),
    confirmed: Number(r.confirmed),
    followedUp: Number(r.followed_up),
    assisted,
  });
  const year = "SUBSTR(f.closed_on, 1, 4)";
  const mediators = new Map<string, CaseCounts>();
  const own = (await sequelize.query(
    `SELECT f.primary_mediator_id AS id, ${year} AS y, ${select} FROM case_files f WHERE f.voided = false GROUP BY f.primary_mediator_id, ${year}`,
    { type: QueryTypes.SELECT, transaction },
  )) as Record<string, unknown>[];
  for (const r of own) addInto(mediators, `${r.id}|${Number(r.y)}`, toCounts(r), 1);
  const assisted = (await sequelize.query(
    `SELECT a.mediator_id AS id, ${year} AS y, COUNT(*) AS n FROM case_file_assistants a JOIN case_files f ON f.id = a.case_file_id WHERE f.voided = false GROUP BY a.mediator_id, ${year}`,
    { type: QueryTypes.SELECT, transaction },
  )) as Record<string, unknown>[];
  for (const r of assisted) addInto(mediators, `${r.id}|${Number(r.y)}`, { ...emptyCounts(), assisted: Number(r.n) }, 1);

  const orgs = new Map<string, CaseCounts>();
  const perCommittee = (await sequelize.query(
    `SELECT f.org_path AS path, ${year} AS y, f.category AS category, ${select},
       SUM((SELECT COUNT(*) FROM case_file_assistants a WHERE a.case_file_id = f.id)) AS assisted
     FROM case_files f WHERE f.voided = false GROUP BY f.org_path, ${year}, f.category`,
    { type: QueryTypes.SELECT, transaction },
  )) as Record<string, unknown>[];
  for (const r of perCommittee)
    for (const id of pathIds(String(r.path))) addInto(orgs, `${id}|${Number(r.y)}|${r.category}`, toCounts(r, Number(r.assisted)), 1);
  return { mediators, orgs };
}

async function storedRollups(transaction?: Transaction): Promise<Grouped> {
  const sequelize = getSequelize();
  const read = (r: Record<string, unknown>): CaseCounts => ({
    handled: Number(r.handled),
    successful: Number(r.successful),
    oral: Number(r.oral),
    confirmed: Number(r.confirmed),
    followedUp: Number(r.followed_up),
    assisted: Number(r.assisted),
  });
  const mediators = new Map<string, CaseCounts>();
  for (const r of (await sequelize.query("SELECT * FROM mediator_case_years", { type: QueryTypes.SELECT, transaction })) as Record<
    string,
    unknown
  >[])
    mediators.set(`${r.mediator_id}|${r.year}`, read(r));
  const orgs = new Map<string, CaseCounts>();
  for (const r of (await sequelize.query("SELECT * FROM org_case_years", { type: QueryTypes.SELECT, transaction })) as Record<
    string,
    unknown
  >[])
    orgs.set(`${r.org_unit_id}|${r.year}|${r.category}`, read(r));
  return { mediators, orgs };
}

/** Differences between the rollups and a GROUP BY over the register (empty: they agree). */
export async function compareCaseRollups(transaction?: Transaction): Promise<string[]> {
  const want = await groupRegister(transaction);
  const have = await storedRollups(transaction);
  const problems: string[] = [];
  const show = (c?: CaseCounts) => values(c ?? emptyCounts()).join("/");
  for (const table of ["mediators", "orgs"] as const) {
    const keys = new Set([...want[table].keys(), ...have[table].keys()]);
    for (const key of keys) {
      const w = show(want[table].get(key));
      const h = show(have[table].get(key));
      if (w !== h) problems.push(`${table === "mediators" ? "mediator_case_years" : "org_case_years"} ${key}: ${h}, expected ${w}`);
    }
  }
  return problems;
}

/** Empties both rollups and fills them again from the register. */
export async function rebuildCaseRollups(transaction: Transaction) {
  const sequelize = getSequelize();
  await sequelize.query("DELETE FROM mediator_case_years", { transaction });
  await sequelize.query("DELETE FROM org_case_years", { transaction });
  await writeDelta(await groupRegister(transaction), transaction);
}

/** The facts of stored files, with their assistants, for a rollup shift. */
export async function factsOf(ids: number[], transaction?: Transaction): Promise<Map<number, CaseFacts>> {
  const out = new Map<number, CaseFacts>();
  if (!ids.length) return out;
  const sequelize = getSequelize();
  const marks = ids.map(() => "?").join(", ");
  const rows = (await sequelize.query(
    `SELECT id, org_path, category, closed_on, outcome, agreement_form, confirmation, follow_up, voided, primary_mediator_id FROM case_files WHERE id IN (${marks})`,
    { replacements: ids, type: QueryTypes.SELECT, transaction },
  )) as Record<string, unknown>[];
  for (const r of rows)
    out.set(Number(r.id), {
      orgPath: String(r.org_path),
      category: String(r.category),
      closedOn: dayOf(r.closed_on)!,
      outcome: String(r.outcome),
      agreementForm: (r.agreement_form as string | null) ?? null,
      confirmation: String(r.confirmation),
      followUp: Boolean(Number(r.follow_up)),
      voided: Boolean(Number(r.voided)),
      primaryMediatorId: Number(r.primary_mediator_id),
      assistantIds: [],
    });
  const assistants = (await sequelize.query(`SELECT case_file_id, mediator_id FROM case_file_assistants WHERE case_file_id IN (${marks})`, {
    replacements: ids,
    type: QueryTypes.SELECT,
    transaction,
  })) as { case_file_id: number; mediator_id: number }[];
  for (const a of assistants) (out.get(Number(a.case_file_id))?.assistantIds as number[] | undefined)?.push(Number(a.mediator_id));
  return out;
}
