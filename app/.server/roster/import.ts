import zlib from "node:zlib";
import ExcelJS from "exceljs";
import { Op, UniqueConstraintError, type Transaction } from "sequelize";
import { mediatorSchema, type MediatorInput } from "~/lib/mediator";
import { audit } from "../audit";
import { inTransaction } from "../db/connection";
import { Mediator, MediatorSpecialty, OrgUnit } from "../db/models";
import { idCardHash, type Actor } from "./mutations";
import { addMediators } from "./entries";
import {
  CODE_OF,
  EXPORT_EXTRA_HEADERS,
  HEADER_OF,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  NO,
  ROSTER_COLUMNS,
  YES,
  unneutralise,
  type RosterColumnKey,
} from "./sheet";

export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS };

/**
 * The roster import: reads a filled-in template (or our own .xlsx export), validates every row
 * first, then writes everything in one transaction with one audit row.
 */

/**
 * Guard against zip bombs: a 10,000-row roster unpacks to a few MB of XML. Counted on the bytes
 * each entry actually inflates to (inflatedSize), not on the sizes the zip directory claims.
 */
export const MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;
/** Rows (including blank formatted ones) exceljs may materialise before giving up. */
const MAX_SHEET_ROWS = 100_000;

const SPECIALTY_SPLIT = /[、,，;；\s]+/;

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Reading the file

export type ImportError = { row: number; column: string | null; message: string };
export type ImportResult = { ok: true; created: number } | { ok: false; errors: ImportError[] };

type Raw = string | number | boolean | Date | null;
type ParsedRow = { row: number; cells: Record<RosterColumnKey, Raw> };
type Parsed = { ok: true; rows: ParsedRow[] } | { ok: false; errors: ImportError[] };

const fileError = (message: string, column: string | null = null, row = 0): { ok: false; errors: ImportError[] } => ({
  ok: false,
  errors: [{ row, column, message }],
});

type ZipEntry = { name: string; method: number; compressedSize: number; localHeader: number };

/**
 * Reads the central directory of a zip: entry names, the total unpacked size it claims, and where
 * each entry's data is. Null when the bytes are not a well-formed zip.
 */
function inspectZip(buffer: Buffer): { names: Set<string>; unpacked: number; entries: ZipEntry[] } | null {
  const EOCD = 0x06054b50;
  const CDH = 0x02014b50;
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = buffer.readUInt16LE(eocd + 10);
  const cdOffset = buffer.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff || cdOffset >= buffer.length) return null;
  const names = new Set<string>();
  const list: ZipEntry[] = [];
  let unpacked = 0;
  let at = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CDH) return null;
    let size = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > buffer.length) return null;
    const name = buffer.toString("utf8", at + 46, at + 46 + nameLength);
    names.add(name);
    list.push({ name, method: buffer.readUInt16LE(at + 10), compressedSize: buffer.readUInt32LE(at + 20), localHeader: buffer.readUInt32LE(at + 42) });
    if (size === 0xffffffff) {
      // ZIP64: the real size is the first field of the 0x0001 extra block.
      size = Number.POSITIVE_INFINITY;
      for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength; ) {
        const id = buffer.readUInt16LE(x);
        const length = buffer.readUInt16LE(x + 2);
        if (id === 0x0001 && length >= 8 && x + 12 <= buffer.length) {
          size = Number(buffer.readBigUInt64LE(x + 4));
          break;
        }
        x += 4 + length;
      }
    }
    unpacked += size;
    at = end;
  }
  return { names, unpacked, entries: list };
}

/** Bytes `data` inflates to, counted as they come out and never kept; stops once past `limit`. */
function inflateCount(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflater = zlib.createInflateRaw();
    let total = 0;
    inflater.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        inflater.destroy();
        resolve(total);
      }
    });
    inflater.on("end", () => resolve(total));
    inflater.on("error", reject);
    inflater.end(data);
  });
}

/**
 * What the zip's entries actually inflate to, all together, stopping past `limit`: a directory
 * that understates an entry's size (a 313 KB file claiming little, inflating to 315 MB) is caught
 * here before exceljs expands it in memory. Null when an entry cannot be read.
 */
export async function inflatedSize(buffer: Buffer, entries: ZipEntry[], limit = MAX_UNCOMPRESSED_BYTES): Promise<number | null> {
  let total = 0;
  for (const entry of entries) {
    const at = entry.localHeader;
    if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== 0x04034b50) return null;
    const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
    const data = buffer.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) total += data.length;
    else if (entry.method === 8) {
      try {
        total += await inflateCount(data, limit - total);
      } catch {
        return null;
      }
    } else return null;
    if (total > limit) return total;
  }
  return total;
}

/** A cell's value reduced to text, number, boolean or date; blank text becomes null. */
function rawValue(value: ExcelJS.CellValue | undefined): Raw {
  if (value == null) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === "string") {
    const text = unneutralise(value.trim());
    return text === "" ? null : text;
  }
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return rawValue(value.richText.map((r) => r.text).join(""));
    if ("formula" in value || "sharedFormula" in value) return rawValue((value as { result?: ExcelJS.CellValue }).result);
    if ("hyperlink" in value && "text" in value) return rawValue(value.text as ExcelJS.CellValue);
    if ("error" in value) return String(value.error);
  }
  return null;
}

/** Header text compared without any whitespace (line breaks, full-width spaces). */
const headerText = (value: ExcelJS.CellValue) => {
  const raw = rawValue(value);
  return raw == null ? "" : String(raw).replace(/\s+/g, "");
};

async function parseWorkbook(buffer: Buffer): Promise<Parsed> {
  if (buffer.length > MAX_IMPORT_BYTES) return fileError(`import.tooLarge|${MAX_IMPORT_BYTES / 1024 / 1024}`);
  // Every xlsx is a zip: local file header "PK\x03\x04".
  if (buffer.length < 30 || buffer.readUInt32LE(0) !== 0x04034b50) return fileError("import.notXlsx");
  const zip = inspectZip(buffer);
  if (!zip || !zip.names.has("xl/workbook.xml")) return fileError("import.notXlsx");
  if (zip.unpacked > MAX_UNCOMPRESSED_BYTES) return fileError(`import.tooLarge|${MAX_IMPORT_BYTES / 1024 / 1024}`);
  const inflated = await inflatedSize(buffer, zip.entries);
  if (inflated === null) return fileError("import.notXlsx");
  if (inflated > MAX_UNCOMPRESSED_BYTES) return fileError(`import.tooLarge|${MAX_IMPORT_BYTES / 1024 / 1024}`);

  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs expands every data-validation / conditional-format range cell by cell when reading,
    // which hangs on whole-column ranges; neither matters for the import.
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer, {
      ignoreNodes: ["dataValidations", "conditionalFormatting", "extLst"],
      maxRows: MAX_SHEET_ROWS,
    } as Partial<ExcelJS.XlsxReadOptions>);
  } catch (error) {
    if (error instanceof Error && /^Max row count/.test(error.message)) {
      return fileError(`import.tooManyRows|${MAX_IMPORT_ROWS}`);
    }
    return fileError("import.notXlsx");
  }
  const sheet = workbook.getWorksheet("花名册") ?? workbook.worksheets.find((s) => s.name !== "填写说明");
  if (!sheet) return fileError("import.notXlsx");
  if (sheet.actualRowCount === 0) return fileError("import.empty");

  // Header row: every template column exactly once, in any order; our export's extras are ignored.
  const header = sheet.getRow(1);
  const known = new Map<string, RosterColumnKey>(ROSTER_COLUMNS.map((c) => [c.header, c.key]));
  const columnOf = new Map<RosterColumnKey, number>();
  const errors: ImportError[] = [];
  for (let col = 1; col <= Math.max(header.cellCount, sheet.columnCount); col++) {
    const text = headerText(header.getCell(col).value);
    if (!text || (EXPORT_EXTRA_HEADERS as readonly string[]).includes(text)) continue;
    const key = known.get(text);
    if (!key || columnOf.has(key)) {
      errors.push({ row: 1, column: text, message: "import.wrongHeaders" });
      continue;
    }
    columnOf.set(key, col);
  }
  for (const c of ROSTER_COLUMNS) {
    if (!columnOf.has(c.key)) errors.push({ row: 1, column: c.header, message: "import.wrongHeaders" });
  }
  if (errors.length) return { ok: false, errors };

  const rows: ParsedRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = {} as Record<RosterColumnKey, Raw>;
    let blank = true;
    for (const c of ROSTER_COLUMNS) {
      const value = rawValue(row.getCell(columnOf.get(c.key)!).value);
      cells[c.key] = value;
      if (value !== null) blank = false;
    }
    if (!blank) rows.push({ row: rowNumber, cells });
  });
  if (rows.length === 0) return fileError("import.empty");
  if (rows.length > MAX_IMPORT_ROWS) return fileError(`import.tooManyRows|${MAX_IMPORT_ROWS}`);
  return { ok: true, rows };
}

// ---------------------------------------------------------------------------------------------
// Cell values → the form's input

const text = (raw: Raw): string | undefined => {
  if (raw === null) return undefined;
  if (raw instanceof Date) return isoDate(raw);
  if (typeof raw === "number") return Number.isInteger(raw) ? raw.toFixed(0) : String(raw);
  return String(raw);
};

/** A date cell, "2019-03-01", "2019/3/1", "2019.3.1", "2019年3月1日", 20190301 or an Excel serial. */
function toIsoDate(raw: Raw): string | undefined {
  if (raw === null) return undefined;
  if (raw instanceof Date) return isoDate(raw);
  if (typeof raw === "number") {
    if (Number.isInteger(raw) && raw >= 1900_01_01 && raw <= 2999_12_31) {
      const s = String(raw);
      return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
    }
    if (raw >= 1 && raw < 2_958_466) return isoDate(new Date(Date.UTC(1899, 11, 30) + Math.floor(raw) * 86_400_000));
    return String(raw);
  }
  const value = String(raw).trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(value);
  if (m) return `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
  return value;
}

function toYear(raw: Raw): unknown {
  if (raw === null) return undefined;
  if (typeof raw === "number") return raw;
  if (typeof raw === "string") {
    const m = /^(\d{4})(?:\.0+)?\s*年?$/.exec(raw.trim());
    return m ? Number(m[1]) : raw;
  }
  return String(raw);
}

function toBoolean(raw: Raw): boolean | null {
  if (raw === null) return false;
  if (typeof raw === "boolean") return raw;
  const value = String(raw).trim();
  if (value === YES || value.toLowerCase() === "true") return true;
  if (value === NO || value.toLowerCase() === "false") return false;
  return null;
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

const chunks = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

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
  rows: ParsedRow[],
): Promise<{ ok: true; candidates: Candidate[] } | { ok: false; errors: ImportError[] }> {
  const errorsByRow = new Map<number, Map<RosterColumnKey, string>>();
  const fail = (row: number, column: RosterColumnKey, message: string) => {
    const forRow = errorsByRow.get(row) ?? new Map<RosterColumnKey, string>();
    if (!forRow.has(column)) forRow.set(column, message);
    errorsByRow.set(row, forRow);
  };
  const hasError = (row: number, column: RosterColumnKey) => Boolean(errorsByRow.get(row)?.has(column));

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

    const isExpert = toBoolean(cells.isExpert);
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
        ? [...new Set(specialtiesText.split(SPECIALTY_SPLIT).filter(Boolean).map((s) => CODE_OF.category.get(s) ?? s))]
        : [],
      isExpert: isExpert ?? false,
    };

    const parsed = mediatorSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = COLUMN_OF_FIELD[issue.path[0] as keyof MediatorInput];
        if (!column) continue;
        let message = issue.message.startsWith("validation.") ? issue.message : "import.invalidChoice";
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
      if (first !== undefined) fail(row, "idCard", `import.duplicateInFile|${first}`);
      else seenIdCard.set(id, row);
    }
    if (phone) {
      const first = seenPhone.get(phone);
      if (first !== undefined) fail(row, "phone", `import.duplicateInFile|${first}`);
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

  if (errorsByRow.size > 0) {
    const order = new Map(ROSTER_COLUMNS.map((c, i) => [c.key, i]));
    const errors: ImportError[] = [];
    for (const row of [...errorsByRow.keys()].sort((a, b) => a - b)) {
      const forRow = [...errorsByRow.get(row)!.entries()].sort((a, b) => order.get(a[0])! - order.get(b[0])!);
      for (const [column, message] of forRow) errors.push({ row, column: HEADER_OF[column], message });
    }
    return { ok: false, errors };
  }
  return { ok: true, candidates };
}

// ---------------------------------------------------------------------------------------------
// Writing

const MEDIATOR_CHUNK = 1000;
const SPECIALTY_CHUNK = 2000;

/** The deepest org node above all these paths ("/1/4/17/" and "/1/4/20/" → 4). */
function commonAncestor(paths: string[]): number | null {
  if (paths.length === 0) return null;
  let prefix = paths[0].split("/").filter(Boolean);
  for (const p of paths.slice(1)) {
    const ids = p.split("/").filter(Boolean);
    let i = 0;
    while (i < prefix.length && i < ids.length && prefix[i] === ids[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix.length ? Number(prefix[prefix.length - 1]) : null;
}

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
