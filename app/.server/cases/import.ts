import { Op, QueryTypes, UniqueConstraintError, type Transaction } from "sequelize";
import { caseFileSchema, type CaseFileInput } from "~/lib/case-file";
import { withinScopes } from "../access";
import { audit } from "../audit";
import { commonAncestor } from "../org";
import { getSequelize, inTransaction } from "../db/connection";
import { CaseFile, CaseFileAssistant, OrgUnit } from "../db/models";
import { chunks, readSheet, rowErrors, text, toBoolean, toIsoDate, toNumber, type ImportError, type ParsedRow } from "../excel/workbook";
import { describeError, keepCopy, readCopy } from "../excel/copies";
import { attributesOf, factsOfInput, type Actor } from "./register";
import { newDelta, addFile, writeDelta } from "./rollup";
import { CASE_CODE_OF, CASE_COLUMNS, CASE_SHEET, MAX_CASE_ROWS, NO, YES, type CaseColumnKey } from "./sheet";
import { message } from "~/lib/messages";

/**
 * The case register import: a filled-in template (or a provincial-system export under the
 * template's headers), read with the shared reader (../excel/workbook.ts). Every row is checked
 * first — the form's rules, the committee and mediators (by name, inside the admin's scopes),
 * file numbers twice in the file or already in the register — and every error is reported by
 * Excel row and column. Only a clean file is written: all of it, its rollups and one audit row,
 * in one transaction.
 */

export type { ImportError };
export type CaseImportResult = { ok: true; created: number } | { ok: false; errors: ImportError[] };

const NAME_SPLIT = /[、,，;；\s]+/;

const COLUMN_OF_FIELD: Record<keyof CaseFileInput, CaseColumnKey> = {
  fileNo: "fileNo",
  orgUnitId: "committee",
  primaryMediatorId: "primary",
  assistantIds: "assistants",
  category: "category",
  source: "source",
  receivedOn: "receivedOn",
  closedOn: "closedOn",
  outcome: "outcome",
  agreementForm: "agreementForm",
  confirmation: "confirmation",
  followUp: "followUp",
  performed: "performed",
  parties: "parties",
  amount: "amount",
  summary: "summary",
};
const REQUIRED: CaseColumnKey[] = [
  "fileNo",
  "committee",
  "primary",
  "category",
  "source",
  "receivedOn",
  "closedOn",
  "outcome",
  "parties",
  "summary",
];

type Committee = { id: number; name: string; path: string };
type Person = { id: number; name: string; orgUnitId: number; orgPath: string };
type Candidate = { row: number; input: CaseFileInput; committee: Committee };

/** Committees inside the scopes with these names (exact match). */
async function committeesByName(actor: Actor, names: string[]): Promise<Map<string, Committee[]>> {
  const byName = new Map<string, Committee[]>();
  if (!actor.scopes.length) return byName;
  for (const part of chunks(names, 500)) {
    const units = await OrgUnit.findAll({
      where: { [Op.and]: [{ kind: "committee" }, { name: { [Op.in]: part } }, { [Op.or]: actor.scopes.map((s) => s.where) }] },
      attributes: ["id", "name", "path"],
    });
    for (const u of units) {
      if (!part.includes(u.name)) continue; // MySQL's collation ignores case and trailing spaces
      byName.set(u.name, [...(byName.get(u.name) ?? []), { id: u.id, name: u.name, path: u.path }]);
    }
  }
  return byName;
}

/** Everyone on the roster with these names (any subtree: a name found only outside is its own error). */
async function peopleByName(names: string[]): Promise<Map<string, Person[]>> {
  const byName = new Map<string, Person[]>();
  for (const part of chunks(names, 500)) {
    const rows = (await getSequelize().query(
      `SELECT id, name, org_unit_id, org_path FROM mediators WHERE name IN (${part.map(() => "?").join(", ")})`,
      {
        replacements: part,
        type: QueryTypes.SELECT,
      },
    )) as { id: number; name: string; org_unit_id: number; org_path: string }[];
    for (const r of rows) {
      if (!part.includes(r.name)) continue;
      byName.set(r.name, [
        ...(byName.get(r.name) ?? []),
        { id: Number(r.id), name: r.name, orgUnitId: Number(r.org_unit_id), orgPath: r.org_path },
      ]);
    }
  }
  return byName;
}

/**
 * A mediator by name for a file of this committee: the committee's own first, then anyone of that
 * name inside the admin's scopes; an error key when there is none or more than one.
 */
function resolvePerson(actor: Actor, people: Map<string, Person[]>, name: string, committee: Committee | undefined): number | string {
  const all = people.get(name) ?? [];
  if (!all.length) return "caseFile.error.unknownMediator";
  const own = committee ? all.filter((p) => p.orgUnitId === committee.id) : [];
  if (own.length === 1) return own[0].id;
  if (own.length > 1) return "caseFile.error.ambiguousMediator";
  const inside = all.filter((p) => withinScopes(actor.scopes, p.orgPath));
  if (inside.length === 1) return inside[0].id;
  if (inside.length > 1) return "caseFile.error.ambiguousMediator";
  return "caseFile.error.mediatorOutside";
}

const code = <T extends string>(map: Map<string, T>, raw: string | undefined) => (raw === undefined ? undefined : (map.get(raw) ?? raw));

async function validateRows(
  actor: Actor,
  rows: ParsedRow<CaseColumnKey>[],
): Promise<{ ok: true; candidates: Candidate[] } | { ok: false; errors: ImportError[] }> {
  const errors = rowErrors(CASE_COLUMNS);
  const committeeNames = [...new Set(rows.map((r) => text(r.cells.committee)).filter((n): n is string => Boolean(n)))];
  const committees = await committeesByName(actor, committeeNames);
  const names = new Set<string>();
  for (const r of rows) {
    const primary = text(r.cells.primary);
    if (primary) names.add(primary.trim());
    for (const n of (text(r.cells.assistants) ?? "").split(NAME_SPLIT).filter(Boolean)) names.add(n);
  }
  const people = await peopleByName([...names]);

  const candidates: Candidate[] = [];
  const seenNumber = new Map<string, number>();
  for (const { row, cells } of rows) {
    for (const key of REQUIRED) if (cells[key] === null) errors.fail(row, key, "validation.required");
    const committeeName = text(cells.committee);
    let committee: Committee | undefined;
    if (committeeName) {
      const matches = committees.get(committeeName) ?? [];
      if (matches.length === 0) errors.fail(row, "committee", "validation.unknownCommittee");
      else if (matches.length > 1) errors.fail(row, "committee", "import.ambiguousCommittee");
      else committee = matches[0];
    }
    const primaryName = text(cells.primary)?.trim();
    let primaryId: number | undefined;
    if (primaryName) {
      const found = resolvePerson(actor, people, primaryName, committee);
      if (typeof found === "string") errors.fail(row, "primary", found);
      else primaryId = found;
    }
    const assistantIds: number[] = [];
    for (const n of (text(cells.assistants) ?? "").split(NAME_SPLIT).filter(Boolean)) {
      const found = resolvePerson(actor, people, n, committee);
      if (typeof found === "string") errors.fail(row, "assistants", found);
      else assistantIds.push(found);
    }
    const followUp = toBoolean(cells.followUp, YES, NO);
    if (followUp === null) errors.fail(row, "followUp", "import.invalidChoice");

    const candidate = {
      fileNo: text(cells.fileNo)?.trim(),
      orgUnitId: committee ? committee.id : committeeName ? -1 : undefined,
      primaryMediatorId: primaryId ?? (primaryName ? -1 : undefined),
      assistantIds,
      category: code(CASE_CODE_OF.category, text(cells.category)),
      source: code(CASE_CODE_OF.source, text(cells.source)),
      receivedOn: toIsoDate(cells.receivedOn),
      closedOn: toIsoDate(cells.closedOn),
      outcome: code(CASE_CODE_OF.outcome, text(cells.outcome)),
      agreementForm: code(CASE_CODE_OF.agreementForm, text(cells.agreementForm)),
      confirmation: code(CASE_CODE_OF.confirmation, text(cells.confirmation)),
      followUp: followUp ?? false,
      performed: code(CASE_CODE_OF.performed, text(cells.performed)),
      parties: toNumber(cells.parties),
      amount: toNumber(cells.amount),
      summary: text(cells.summary),
    };
    const parsed = caseFileSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = COLUMN_OF_FIELD[issue.path[0] as keyof CaseFileInput];
        if (!column) continue;
        let message = issue.message.startsWith("validation.") ? issue.message : "import.invalidChoice";
        if (message === "validation.choice") message = "import.invalidChoice";
        errors.fail(row, column, message);
      }
    }
    // A file number twice for the same committee: the later row names the earlier one.
    if (committee && candidate.fileNo && !errors.has(row, "fileNo")) {
      const key = `${committee.id}\u0000${candidate.fileNo}`;
      const first = seenNumber.get(key);
      if (first !== undefined) errors.fail(row, "fileNo", message("caseFile.error.duplicateNumberInFile", { row: first }));
      else seenNumber.set(key, row);
    }
    if (parsed.success && committee) candidates.push({ row, input: parsed.data, committee });
  }

  // Against the register, per committee, in batches.
  const byCommittee = new Map<number, { row: number; fileNo: string }[]>();
  for (const [key, row] of seenNumber) {
    const [committeeId, fileNo] = key.split("\u0000");
    byCommittee.set(Number(committeeId), [...(byCommittee.get(Number(committeeId)) ?? []), { row, fileNo }]);
  }
  for (const [committeeId, numbers] of byCommittee) {
    for (const part of chunks(numbers, 500)) {
      const found = await CaseFile.findAll({
        where: { orgUnitId: committeeId, fileNo: { [Op.in]: part.map((p) => p.fileNo) } },
        attributes: ["fileNo"],
      });
      const taken = new Set(found.map((f) => f.fileNo));
      for (const p of part) if (taken.has(p.fileNo)) errors.fail(p.row, "fileNo", "caseFile.error.numberTaken");
    }
  }
  if (errors.count > 0) return { ok: false, errors: errors.list() };
  return { ok: true, candidates };
}

const FILE_CHUNK = 500;

async function writeRows(actor: Actor, candidates: Candidate[], transaction: Transaction) {
  const now = new Date();
  for (const part of chunks(candidates, FILE_CHUNK)) {
    await CaseFile.bulkCreate(
      part.map(({ input, committee }) => ({
        ...attributesOf(input),
        orgPath: committee.path,
        createdBy: actor.id,
        updatedBy: actor.id,
        createdAt: now,
        updatedAt: now,
      })),
      { transaction, validate: false, hooks: false },
    );
    // The new ids of the files with assistants, found again by their unique (committee, number).
    const helped = part.filter((c) => c.input.assistantIds.length);
    if (!helped.length) continue;
    const ids = new Map<string, number>();
    const groups = new Map<number, Candidate[]>();
    for (const c of helped) groups.set(c.committee.id, [...(groups.get(c.committee.id) ?? []), c]);
    for (const [committeeId, group] of groups) {
      const found = await CaseFile.findAll({
        where: { orgUnitId: committeeId, fileNo: { [Op.in]: group.map((c) => c.input.fileNo) } },
        attributes: ["id", "fileNo"],
        transaction,
      });
      for (const f of found) ids.set(`${committeeId}\u0000${f.fileNo}`, f.id);
    }
    const rows = helped.flatMap((c) => {
      const id = ids.get(`${c.committee.id}\u0000${c.input.fileNo}`);
      if (!id) throw new Error(`case import: cannot find the file written for row ${c.row}`);
      return c.input.assistantIds.map((mediatorId) => ({ caseFileId: id, mediatorId }));
    });
    await CaseFileAssistant.bulkCreate(rows, { transaction, validate: false, hooks: false });
  }
  const delta = newDelta();
  for (const c of candidates) addFile(delta, factsOfInput(c.input, c.committee.path), 1);
  await writeDelta(delta, transaction);

  const perCommittee = new Map<number, { id: number; name: string; path: string; count: number }>();
  for (const c of candidates) {
    const entry = perCommittee.get(c.committee.id) ?? { ...c.committee, count: 0 };
    entry.count += 1;
    perCommittee.set(c.committee.id, entry);
  }
  const committees = [...perCommittee.values()].sort((a, b) => a.id - b.id);
  await audit(
    {
      actorUserId: actor.id,
      action: "case.imported",
      targetType: "import",
      targetId: null,
      orgUnitId: commonAncestor(committees.map((c) => c.path)),
      after: { count: candidates.length, committees: committees.slice(0, 500).map(({ id, name, count }) => ({ id, name, count })) },
      ip: actor.ip,
    },
    transaction,
  );
}

/** Imports a register file: everything or, with the errors listed by row and column, nothing. */
export async function importCases(actor: Actor, buffer: Buffer): Promise<CaseImportResult> {
  const parsed = await readSheet<CaseColumnKey>(buffer, { ...CASE_SHEET, columns: CASE_COLUMNS, maxRows: MAX_CASE_ROWS });
  if (!parsed.ok) return parsed;
  for (let attempt = 1; ; attempt++) {
    const checked = await validateRows(actor, parsed.rows);
    if (!checked.ok) return checked;
    try {
      await inTransaction((transaction) => writeRows(actor, checked.candidates, transaction));
      return { ok: true, created: checked.candidates.length };
    } catch (error) {
      // Someone entered one of these file numbers between the checks and the write: check again,
      // so the answer names the rows instead of failing.
      if (error instanceof UniqueConstraintError && attempt === 1) continue;
      throw error;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The copy of the sheet with an error column

export { describeError };

/** Keeps the uploaded register with its errors marked, for an hour, for this user (../excel/copies.ts). */
export const keepAnnotatedCopy = (userId: number, buffer: Buffer, errors: ImportError[]) =>
  keepCopy("case", userId, buffer, CASE_SHEET, errors);

/** The marked register kept for this user under this token, while it lasts. */
export const readAnnotatedCopy = (userId: number, token: string) => readCopy("case", userId, token);
