import type { Readable } from "node:stream";
import zlib from "node:zlib";
import ExcelJS from "exceljs";
import { message } from "~/lib/messages";

/**
 * What every Excel import shares (the roster's 花名册, the case register's 台账): reading an
 * uploaded workbook safely (size, zip-bomb and row limits, header row matched to the template's
 * columns), turning cells into text, dates and yes/no, collecting row-and-column errors, the
 * template's drop-downs and prompts, formula-injection guards, and a copy of the sheet with an
 * error column for the clerk to fix in Excel.
 */

export { MAX_IMPORT_BYTES } from "~/lib/limits";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "~/lib/limits";
/** Guard against zip bombs: a 50,000-row register unpacks to a few tens of MB of XML. */
export const MAX_UNCOMPRESSED_BYTES = 150 * 1024 * 1024;
/** Rows (including blank formatted ones) exceljs may materialise before giving up. */
const MAX_SHEET_ROWS = 100_000;

export type ImportError = { row: number; column: string | null; message: string };
export type Raw = string | number | boolean | Date | null;
export type SheetColumn<K extends string> = { key: K; header: string };
export type ParsedRow<K extends string> = { row: number; cells: Record<K, Raw> };
export type Parsed<K extends string> = { ok: true; rows: ParsedRow<K>[] } | { ok: false; errors: ImportError[] };

export const fileError = (message: string, column: string | null = null, row = 0): { ok: false; errors: ImportError[] } => ({
  ok: false,
  errors: [{ row, column, message }],
});

// ---------------------------------------------------------------------------------------------
// Formula injection

/** A text cell starting with = + - @ (or tab / CR) would be a formula in Excel: prefix a quote. */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
/** The inverse, for our own exports coming back in. */
export const unneutralise = (text: string) => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);

// ---------------------------------------------------------------------------------------------
// Reading

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
    list.push({
      name,
      method: buffer.readUInt16LE(at + 10),
      compressedSize: buffer.readUInt32LE(at + 20),
      localHeader: buffer.readUInt32LE(at + 42),
    });
    if (size === 0xffffffff) {
      // ZIP64: the real size is the first field of the 0x0001 extra block.
      size = Number.POSITIVE_INFINITY;
      for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength;) {
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
export function rawValue(value: ExcelJS.CellValue | undefined): Raw {
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

/** Loads an uploaded workbook, refusing what is not a sane xlsx. */
async function loadWorkbook(
  buffer: Buffer,
  maxRows: number,
): Promise<{ ok: true; workbook: ExcelJS.Workbook } | { ok: false; errors: ImportError[] }> {
  if (buffer.length > MAX_IMPORT_BYTES) return fileError("import.tooLarge");
  // Every xlsx is a zip: local file header "PK\x03\x04".
  if (buffer.length < 30 || buffer.readUInt32LE(0) !== 0x04034b50) return fileError("import.notXlsx");
  const zip = inspectZip(buffer);
  if (!zip || !zip.names.has("xl/workbook.xml")) return fileError("import.notXlsx");
  if (zip.unpacked > MAX_UNCOMPRESSED_BYTES) return fileError("import.tooLarge");
  const inflated = await inflatedSize(buffer, zip.entries);
  if (inflated === null) return fileError("import.notXlsx");
  if (inflated > MAX_UNCOMPRESSED_BYTES) return fileError("import.tooLarge");
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs expands every data-validation / conditional-format range cell by cell when reading,
    // which hangs on whole-column ranges; neither matters for an import.
    await workbook.xlsx.load(
      buffer as unknown as ExcelJS.Buffer,
      {
        ignoreNodes: ["dataValidations", "conditionalFormatting", "extLst"],
        maxRows: MAX_SHEET_ROWS,
      } as Partial<ExcelJS.XlsxReadOptions>,
    );
  } catch (error) {
    if (error instanceof Error && /^Max row count/.test(error.message))
      return fileError(maxRows === MAX_IMPORT_ROWS ? "import.tooManyRows" : message("import.tooManyRows", { importRows: maxRows }));
    return fileError("import.notXlsx");
  }
  return { ok: true, workbook };
}

/** The data sheet: the named one, else the first that is not an instructions sheet. */
const dataSheet = (workbook: ExcelJS.Workbook, name: string, skip: readonly string[]) =>
  workbook.getWorksheet(name) ?? workbook.worksheets.find((s) => !skip.includes(s.name));

export type SheetSpec<K extends string> = {
  /** The data sheet's name in the template (花名册, 台账). */
  sheetName: string;
  /** Sheets of the template that hold no data (填写说明, 选项). */
  otherSheets: readonly string[];
  columns: readonly SheetColumn<K>[];
  /** Headers our own exports add; ignored on import. */
  ignoredHeaders?: readonly string[];
  maxRows: number;
};

/**
 * Reads the data rows of an uploaded template: every template column exactly once, in any order,
 * in the header row; blank rows skipped; each row keeps its Excel row number.
 */
export async function readSheet<K extends string>(buffer: Buffer, spec: SheetSpec<K>): Promise<Parsed<K>> {
  const loaded = await loadWorkbook(buffer, spec.maxRows);
  if (!loaded.ok) return loaded;
  const sheet = dataSheet(loaded.workbook, spec.sheetName, spec.otherSheets);
  if (!sheet) return fileError("import.notXlsx");
  if (sheet.actualRowCount === 0) return fileError("import.empty");

  const header = sheet.getRow(1);
  const known = new Map<string, K>(spec.columns.map((c) => [c.header, c.key]));
  const columnOf = new Map<K, number>();
  const errors: ImportError[] = [];
  for (let col = 1; col <= Math.max(header.cellCount, sheet.columnCount); col++) {
    const text = headerText(header.getCell(col).value);
    if (!text || (spec.ignoredHeaders ?? []).includes(text)) continue;
    const key = known.get(text);
    if (!key || columnOf.has(key)) {
      errors.push({ row: 1, column: text, message: "import.wrongHeaders" });
      continue;
    }
    columnOf.set(key, col);
  }
  for (const c of spec.columns) if (!columnOf.has(c.key)) errors.push({ row: 1, column: c.header, message: "import.wrongHeaders" });
  if (errors.length) return { ok: false, errors };

  const rows: ParsedRow<K>[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = {} as Record<K, Raw>;
    let blank = true;
    for (const c of spec.columns) {
      const value = rawValue(row.getCell(columnOf.get(c.key)!).value);
      cells[c.key] = value;
      if (value !== null) blank = false;
    }
    if (!blank) rows.push({ row: rowNumber, cells });
  });
  if (rows.length === 0) return fileError("import.empty");
  if (rows.length > spec.maxRows)
    return fileError(spec.maxRows === MAX_IMPORT_ROWS ? "import.tooManyRows" : message("import.tooManyRows", { importRows: spec.maxRows }));
  return { ok: true, rows };
}

// ---------------------------------------------------------------------------------------------
// Cell values

export const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export const text = (raw: Raw): string | undefined => {
  if (raw === null) return undefined;
  if (raw instanceof Date) return isoDate(raw);
  if (typeof raw === "number") return Number.isInteger(raw) ? raw.toFixed(0) : String(raw);
  return String(raw);
};

/** A date cell, "2019-03-01", "2019/3/1", "2019.3.1", "2019年3月1日", 20190301 or an Excel serial. */
export function toIsoDate(raw: Raw): string | undefined {
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

/** A number cell, or a text holding one ("12", "1,200.50"); other text passes through for the schema to refuse. */
export function toNumber(raw: Raw): unknown {
  if (raw === null) return undefined;
  if (typeof raw === "number") return raw;
  const value = String(raw).trim().replace(/[,，]/g, "");
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

/** 是/否 (or true/false); blank is `blank`; anything else null (an error). */
export function toBoolean(raw: Raw, yes: string, no: string, blank = false): boolean | null {
  if (raw === null) return blank;
  if (typeof raw === "boolean") return raw;
  const value = String(raw).trim();
  if (value === yes || value.toLowerCase() === "true") return true;
  if (value === no || value.toLowerCase() === "false") return false;
  return null;
}

export const chunks = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

// ---------------------------------------------------------------------------------------------
// Errors by row and column

/** Collects the first error of each (row, column) and lists them in row, then template column order. */
export function rowErrors<K extends string>(columns: readonly SheetColumn<K>[]) {
  const byRow = new Map<number, Map<K, string>>();
  const order = new Map(columns.map((c, i) => [c.key, i]));
  const headerOf = new Map(columns.map((c) => [c.key, c.header]));
  return {
    fail(row: number, column: K, message: string) {
      const forRow = byRow.get(row) ?? new Map<K, string>();
      if (!forRow.has(column)) forRow.set(column, message);
      byRow.set(row, forRow);
    },
    has: (row: number, column: K) => Boolean(byRow.get(row)?.has(column)),
    get count() {
      return byRow.size;
    },
    list(): ImportError[] {
      const errors: ImportError[] = [];
      for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
        const forRow = [...byRow.get(row)!.entries()].sort((a, b) => order.get(a[0])! - order.get(b[0])!);
        for (const [column, message] of forRow) errors.push({ row, column: headerOf.get(column)!, message });
      }
      return errors;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Templates

/** The frozen header row; a streamed sheet (WorksheetWriter) takes it as an addWorksheet option instead. */
export const HEADER_VIEWS: Partial<ExcelJS.WorksheetView>[] = [
  { state: "frozen", ySplit: 1, xSplit: 0, topLeftCell: "A2", activeCell: "A2" },
];

export function styleHeader(sheet: ExcelJS.Worksheet) {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", horizontal: "center" };
  header.height = 20;
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7F0E8" } };
    cell.border = { bottom: { style: "thin", color: { argb: "FF9CA3AF" } } };
  });
  // A streamed sheet's views are fixed when it is added (they are set there, see HEADER_VIEWS).
  const settable =
    Object.getOwnPropertyDescriptor(sheet, "views")?.writable ||
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(sheet), "views")?.set;
  if (settable) sheet.views = HEADER_VIEWS as ExcelJS.WorksheetView[];
}

type SheetWithValidations = ExcelJS.Worksheet & {
  // Present at runtime in exceljs 4 (worksheet-level, by range) but missing from its typings.
  dataValidations: {
    add(range: string, validation: Omit<ExcelJS.DataValidation, "type"> & { type: ExcelJS.DataValidation["type"] | "any" }): void;
  };
};

/** Drop-downs, number ranges and input prompts on a template column, for its data rows. */
export function columnRules(sheet: ExcelJS.Worksheet, rows: number) {
  const s = sheet as SheetWithValidations;
  const range = (key: string) => {
    const letter = sheet.getColumn(key).letter;
    return `${letter}2:${letter}${rows + 1}`;
  };
  return {
    /** A drop-down of the values (inline when short, else a range such as 选项!$A$2:$A$40). */
    list(key: string, title: string, values: string[], required: boolean, source?: string) {
      const inline = `"${values.join(",")}"`;
      s.dataValidations.add(range(key), {
        type: "list",
        allowBlank: !required,
        formulae: [source ?? inline],
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: title,
        error: (source ? "请从下拉列表中选择" : `请从下拉列表中选择：${values.join("、")}`).slice(0, 250),
      });
    },
    whole(key: string, title: string, min: number, max: number, error: string, required = true) {
      s.dataValidations.add(range(key), {
        type: "whole",
        operator: "between",
        allowBlank: !required,
        formulae: [min, max],
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: title,
        error,
      });
    },
    prompt(key: string, title: string, prompt: string) {
      s.dataValidations.add(range(key), {
        type: "any",
        formulae: [],
        showInputMessage: true,
        promptTitle: title,
        prompt: prompt.slice(0, 250),
      });
    },
  };
}

/** A 填写说明 sheet: one line per column (required or not, how to fill it, an example), then general notes and an example row. */
export function addInstructionsSheet<K extends string>(
  workbook: ExcelJS.Workbook,
  columns: readonly SheetColumn<K>[],
  notes: Record<K, { required: boolean; text: string }>,
  example: Record<K, string>,
  general: string[],
) {
  const sheet = workbook.addWorksheet("填写说明");
  sheet.columns = [
    { header: "列名", key: "column", width: 16 },
    { header: "是否必填", key: "required", width: 10 },
    { header: "填写说明", key: "text", width: 90 },
    { header: "示例", key: "example", width: 24 },
  ];
  styleHeader(sheet);
  for (const c of columns)
    sheet.addRow({ column: c.header, required: notes[c.key].required ? "必填" : "选填", text: notes[c.key].text, example: example[c.key] });
  sheet.getColumn("text").alignment = { wrapText: true, vertical: "top" };
  sheet.addRow([]);
  for (const line of [...general, "下面是一行填写示例："]) {
    const row = sheet.addRow([line]);
    sheet.mergeCells(row.number, 1, row.number, 4);
  }
  const exampleHeader = sheet.addRow(columns.map((c) => c.header));
  exampleHeader.font = { bold: true };
  sheet.addRow(columns.map((c) => example[c.key]));
  return sheet;
}

// ---------------------------------------------------------------------------------------------
// The copy with an error column

/**
 * The uploaded sheet with a 错误说明 column after the last one and the rows in error shaded, so a
 * clerk fixes the file in Excel and uploads it again. `describe` turns an error into text.
 */
export async function annotatedCopy(
  buffer: Buffer,
  spec: Pick<SheetSpec<string>, "sheetName" | "otherSheets">,
  errors: ImportError[],
  describe: (e: ImportError) => string,
): Promise<Buffer | null> {
  const loaded = await loadWorkbook(buffer, MAX_SHEET_ROWS);
  if (!loaded.ok) return null;
  const sheet = dataSheet(loaded.workbook, spec.sheetName, spec.otherSheets);
  if (!sheet) return null;
  const byRow = new Map<number, string[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), `${e.column ? `【${e.column}】` : ""}${describe(e)}`]);
  let last = 0;
  sheet.getRow(1).eachCell({ includeEmpty: false }, (_cell, col) => (last = Math.max(last, col)));
  const column = last + 1;
  const head = sheet.getRow(1).getCell(column);
  head.value = "错误说明";
  head.font = { bold: true, color: { argb: "FFB91C1C" } };
  sheet.getColumn(column).width = 60;
  for (const [row, messages] of byRow) {
    if (row < 1) continue;
    const cell = sheet.getRow(row).getCell(column);
    if (row === 1) {
      head.value = `错误说明（表头：${messages.join("；")}）`;
      continue;
    }
    cell.value = messages.join("；");
    cell.font = { color: { argb: "FFB91C1C" } };
    cell.alignment = { wrapText: true, vertical: "top" };
    sheet.getRow(row).eachCell({ includeEmpty: false }, (c) => {
      c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFDE8E8" } };
    });
  }
  return Buffer.from((await loaded.workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A stream read to its end, as one buffer (tests, and callers that need the whole file). */
export async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}
