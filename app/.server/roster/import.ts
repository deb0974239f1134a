import { Op, UniqueConstraintError, type Transaction } from "sequelize";
import { mediatorSchema, type MediatorInput } from "~/lib/mediator";
import { message as withValues, readMessage } from "~/lib/messages";
import { audit } from "../audit";
import { commonAncestor } from "../org";
import { inTransaction } from "../db/connection";
import { Mediator, MediatorSpecialty, OrgUnit } from "../db/models";
import { addMediators } from "./entries";
import { chunks, readSheet, rowErrors, text, toBoolean, toIsoDate, type ImportError, type ParsedRow, type Raw } from "../excel/workbook";
import { idCardHash, type Actor } from "./mutations";
import { keepCopy, readCopy } from "../excel/copies";
import { CODE_OF, EXPORT_EXTRA_HEADERS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, NO, ROSTER_COLUMNS, YES, type RosterColumnKey } from "./sheet";

export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS };
export type { ImportError };

/**
 * The roster import: reads a filled-in template (or our own .xlsx export) with the shared reader
 * (../excel/workbook.ts), validates every row first, then writes everything in one transaction
 * with one audit row.
 */

const SPECIALTY_SPLIT = /[、,，;；\s]+/;

export type ImportResult = { ok: true; created: number } | { ok: false; errors: ImportError[] };

/** The template's sheets: 花名册 holds the data; 填写说明 and the hidden 选项 (committee list) do not. */
export const ROSTER_SHEET = { sheetName: "花名册", otherSheets: ["填写说明", "选项"] } as const;

const parseWorkbook = (buffer: Buffer) =>
  readSheet<RosterColumnKey>(buffer, {
    ...ROSTER_SHEET,
    columns: ROSTER_COLUMNS,
    ignoredHeaders: EXPORT_EXTRA_HEADERS,
    maxRows: MAX_IMPORT_ROWS,
  });

// ---------------------------------------------------------------------------------------------
// Cell values → the form's input

function toYear(raw: Raw): unknown {
  if (raw === null) return undefined;
  if (typeof raw === "number") return raw;
  if (typeof raw === "string") {
    const m = /^(\d{4})(?:\.0+)?\s*年?$/.exec(raw.trim());
    return m ? Number(m[1]) : raw;
  }
  return String(raw);
}

const REQUIRED: RosterColumnKey[] = ["name", "gender", "birthYear", "phone", "committee", "employment", "appointedOn"];

/** Which template column a schema field comes from. */
const COLUMN_OF_FIELD: Record<keyof MediatorInput, RosterColumnKey> = {
  name: "name",
  gender: "gender",
  birthYear: "birthYear",
  phone: "phone",
  idCard: "idCard",
  education: "education",
  orgUnitId: "committee",
  employment: "employment",
  appointedOn: "appointedOn",
  specialties: "specialties",
  isExpert: "isExpert",
};

type CommitteeMatch = { id: number; name: string; path: string };

/** Committees inside the admin's scopes with these names (exact match), looked up in batches. */
async function committeesByName(actor: Actor, names: string[]): Promise<Map<string, CommitteeMatch[]>> {
  const byName = new Map<string, CommitteeMatch[]>();
  if (actor.scopes.length === 0 || names.length === 0) return byName;
  for (const part of chunks(names, 500)) {
    const units = await OrgUnit.findAll({
      where: {
        [Op.and]: [{ kind: "committee" }, { name: { [Op.in]: part } }, { [Op.or]: actor.scopes.map((s) => s.where) }],
      },
      attributes: ["id", "name", "path"],
    });
    for (const u of units) {
      // MySQL's collation compares case- and trailing-space-insensitively; keep exact matches only.
      if (!part.includes(u.name)) continue;
      const list = byName.get(u.name) ?? [];
      if (!list.some((x) => x.id === u.id)) list.push({ id: u.id, name: u.name, path: u.path });
      byName.set(u.name, list);
    }
  }
  return byName;
}

type Candidate = { row: number; input: MediatorInput; committee: CommitteeMatch; idHash: string | null };

/** Validates every row; returns the clean rows or every error found, nothing written. */
async function validateRows(
  actor: Actor,
  rows: ParsedRow<RosterColumnKey>[],
): Promise<{ ok: true; candidates: Candidate[] } | { ok: false; errors: ImportError[] }> {
  const errors = rowErrors(ROSTER_COLUMNS);
  const fail = errors.fail;
  const hasError = errors.has;

  const committeeNames = [...new Set(rows.map((r) => text(r.cells.committee)).filter((n): n is string => Boolean(n)))];
  const committees = await committeesByName(actor, committeeNames);

  const candidates: Candidate[] = [];
  const identities: { row: number; name?: string; phone?: string; idHash: string | null }[] = [];
  const seenIdCard = new Map<string, number>();
  const seenPhone = new Map<string, number>();

  for (const { row, cells } of rows) {
    for (const key of REQUIRED) if (cells[key] === null) fail(row, key, "validation.required");

    const committeeName = text(cells.committee);
    let committee: CommitteeMatch | undefined;
    if (committeeName) {
      const matches = committees.get(committeeName) ?? [];
      if (matches.length === 0) fail(row, "committee", "validation.unknownCommittee");
      else if (matches.length > 1) fail(row, "committee", "import.ambiguousCommittee");
      else committee = matches[0];
    }

    const isExpert = toBoolean(cells.isExpert, YES, NO);
    if (isExpert === null) fail(row, "isExpert", "import.invalidChoice");

    const idText = text(cells.idCard)?.replace(/\s+/g, "");
    const specialtiesText = text(cells.specialties);
    const candidate = {
      name: text(cells.name),
      gender: CODE_OF.gender.get(text(cells.gender) ?? "") ?? text(cells.gender),
      birthYear: toYear(cells.birthYear),
      phone: text(cells.phone)?.replace(/\s+/g, ""),
      // A masked number from our own export (asterisks) counts as blank.
      idCard: idText && !idText.includes("*") ? idText : undefined,
      education: cells.education === null ? undefined : (CODE_OF.education.get(text(cells.education)!) ?? text(cells.education)),
      orgUnitId: committee ? committee.id : committeeName ? -1 : undefined,
      employment: CODE_OF.employment.get(text(cells.employment) ?? "") ?? text(cells.employment),
      appointedOn: toIsoDate(cells.appointedOn),
      specialties: specialtiesText
        ? [
            ...new Set(
              specialtiesText
                .split(SPECIALTY_SPLIT)
                .filter(Boolean)
                .map((s) => CODE_OF.category.get(s) ?? s),
            ),
          ]
        : [],
      isExpert: isExpert ?? false,
    };

    const parsed = mediatorSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = COLUMN_OF_FIELD[issue.path[0] as keyof MediatorInput];
        if (!column) continue;
        let message = readMessage(issue.message).key.startsWith("validation.") ? issue.message : "import.invalidChoice";
        if (message === "validation.choice") message = "import.invalidChoice";
        fail(row, column, message);
      }
    }

    // Identity checks use the name, phone and ID card whenever those cells are valid themselves,
    // even if other cells of the row are not, so one pass reports everything.
    const name = hasError(row, "name") ? undefined : candidate.name;
    const phone = hasError(row, "phone") ? undefined : candidate.phone;
    const id = hasError(row, "idCard") || !candidate.idCard ? undefined : candidate.idCard.toUpperCase();
    // Duplicates inside the file: the later row names the earlier one.
    if (id) {
      const first = seenIdCard.get(id);
      if (first !== undefined) fail(row, "idCard", withValues("import.duplicateInFile", { row: first }));
      else seenIdCard.set(id, row);
    }
    if (phone) {
      const first = seenPhone.get(phone);
      if (first !== undefined) fail(row, "phone", withValues("import.duplicateInFile", { row: first }));
      else seenPhone.set(phone, row);
    }
    const idHash = id ? idCardHash(id) : null;
    identities.push({ row, name, phone, idHash });
    if (parsed.success && committee) candidates.push({ row, input: parsed.data, committee, idHash });
  }

  // Against the roster, in batches.
  const hashes = identities.map((c) => c.idHash).filter((h): h is string => Boolean(h));
  const takenHashes = new Set<string>();
  for (const part of chunks(hashes, 500)) {
    const found = await Mediator.findAll({ where: { idCardHash: { [Op.in]: part } }, attributes: ["idCardHash"] });
    for (const m of found) if (m.idCardHash) takenHashes.add(m.idCardHash);
  }
  const phones = [...new Set(identities.filter((c) => c.name && c.phone).map((c) => c.phone!))];
  const onRoster = new Set<string>();
  for (const part of chunks(phones, 500)) {
    const found = await Mediator.findAll({ where: { phone: { [Op.in]: part } }, attributes: ["name", "phone"] });
    for (const m of found) onRoster.add(`${m.name}\u0000${m.phone}`);
  }
  for (const c of identities) {
    if (c.idHash && takenHashes.has(c.idHash)) fail(c.row, "idCard", "validation.idCardTaken");
    if (c.name && c.phone && onRoster.has(`${c.name}\u0000${c.phone}`)) fail(c.row, "name", "import.alreadyOnRoster");
  }

  if (errors.count > 0) return { ok: false, errors: errors.list() };
  return { ok: true, candidates };
}

// ---------------------------------------------------------------------------------------------
// Writing

const MEDIATOR_CHUNK = 1000;
const SPECIALTY_CHUNK = 2000;

async function writeRows(actor: Actor, candidates: Candidate[], transaction: Transaction) {
  const specialtyRows: { mediatorId: number; category: string }[] = [];
  for (const part of chunks(candidates, MEDIATOR_CHUNK)) {
    await addMediators(
      part.map(({ input, idHash }) => ({
        name: input.name,
        gender: input.gender,
        birthYear: input.birthYear,
        phone: input.phone,
        idCardHash: idHash,
        idCardLast4: input.idCard ? input.idCard.slice(-4) : null,
        education: input.education ?? null,
        orgUnitId: input.orgUnitId,
        employment: input.employment,
        appointedOn: input.appointedOn,
        isExpert: input.isExpert,
      })),
      transaction,
    );
    // The new ids, found again by (committee, name, phone): phones are unique within the file and
    // no (name, phone) pair was on the roster, so each row matches exactly one new record. This
    // does not depend on how the dialect reports auto-increment ids of a multi-row INSERT.
    const found = await Mediator.findAll({
      where: { phone: { [Op.in]: [...new Set(part.map((c) => c.input.phone))] } },
      attributes: ["id", "name", "phone", "orgUnitId"],
      transaction,
    });
    const idOf = new Map<string, number[]>();
    for (const m of found) {
      const key = `${m.orgUnitId}\u0000${m.name}\u0000${m.phone}`;
      idOf.set(key, [...(idOf.get(key) ?? []), m.id]);
    }
    for (const c of part) {
      const ids = idOf.get(`${c.input.orgUnitId}\u0000${c.input.name}\u0000${c.input.phone}`) ?? [];
      if (ids.length !== 1) throw new Error(`roster import: cannot identify the record written for row ${c.row}`);
      for (const category of c.input.specialties) specialtyRows.push({ mediatorId: ids[0], category });
    }
  }
  for (const part of chunks(specialtyRows, SPECIALTY_CHUNK)) {
    await MediatorSpecialty.bulkCreate(part, { transaction });
  }

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
      action: "mediator.imported",
      targetType: "import",
      targetId: null,
      orgUnitId: commonAncestor(committees.map((c) => c.path)),
      after: {
        count: candidates.length,
        // Capped so the audit summary stays valid JSON within its size limit.
        committees: committees.slice(0, 500).map(({ id, name, count }) => ({ id, name, count })),
      },
      ip: actor.ip,
    },
    transaction,
  );
}

/**
 * Imports a filled-in template (or our own export). Every row is checked first — the form's
 * rules, the committee (by name, inside the admin's scopes), duplicates within the file and
 * against the roster — and every error is reported with its Excel row and column. Only a clean
 * file is written, all of it in one transaction with one audit row.
 */
export async function importRoster(actor: Actor, buffer: Buffer): Promise<ImportResult> {
  const parsed = await parseWorkbook(buffer);
  if (!parsed.ok) return parsed;
  for (let attempt = 1; ; attempt++) {
    const checked = await validateRows(actor, parsed.rows);
    if (!checked.ok) return checked;
    try {
      await inTransaction((transaction) => writeRows(actor, checked.candidates, transaction));
      return { ok: true, created: checked.candidates.length };
    } catch (error) {
      // Someone added one of these ID cards between the checks and the write: check again, so the
      // answer names the rows instead of failing.
      if (error instanceof UniqueConstraintError && attempt === 1) continue;
      throw error;
    }
  }
}

/** Keeps the uploaded roster with its errors marked, for an hour, for this user (../excel/copies.ts). */
export const keepAnnotatedRoster = (userId: number, buffer: Buffer, errors: ImportError[]) =>
  keepCopy("roster", userId, buffer, ROSTER_SHEET, errors);

/** The marked roster kept for this user under this token, while it lasts. */
export const readAnnotatedRoster = (userId: number, token: string) => readCopy("roster", userId, token);
