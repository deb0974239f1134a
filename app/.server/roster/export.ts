import ExcelJS from "exceljs";
import { DISPUTE_CATEGORIES, type DisputeCategory } from "~/lib/categories";
import { maskIdCard, yearsOfService, type Education, type MediatorStatus } from "~/lib/mediator";
import zhCN from "~/locales/zh-CN/common.json";
import type { Mediator, MediatorSpecialty, OrgUnit } from "../db/models";
import { EXPORT_EXTRA_HEADERS, LABELS, NO, ROSTER_COLUMNS, SPECIALTY_SEPARATOR, YES, addRosterSheet, neutralise } from "./sheet";

/**
 * The roster exports: .xlsx (the template's columns, ID cards masked, plus 状态 and 任职年限, so it
 * can be imported again) and CSV (UTF-8 with BOM). Text cells are guarded against formula injection.
 */

type ExportRow = Mediator;

function exportValues(m: ExportRow) {
  const committee = m.get("committee") as OrgUnit | undefined;
  const specialties = ((m.get("specialties") as MediatorSpecialty[] | undefined) ?? [])
    .map((s) => s.category)
    .filter((c): c is DisputeCategory => (DISPUTE_CATEGORIES as readonly string[]).includes(c))
    .sort((a, b) => DISPUTE_CATEGORIES.indexOf(a) - DISPUTE_CATEGORIES.indexOf(b));
  return {
    name: m.name,
    gender: LABELS.gender[m.gender] ?? m.gender,
    birthYear: m.birthYear,
    phone: m.phone ?? "",
    idCard: maskIdCard(m.idCardLast4),
    education: m.education ? (LABELS.education[m.education as Education] ?? m.education) : "",
    committee: committee?.name ?? "",
    employment: LABELS.employment[m.employment] ?? m.employment,
    appointedOn: m.appointedOn,
    specialties: specialties.map((c) => LABELS.category[c]).join(SPECIALTY_SEPARATOR),
    isExpert: m.isExpert ? YES : NO,
    status: LABELS.status[m.status as MediatorStatus] ?? m.status,
    years: yearsOfService(m.appointedOn),
  };
}

/** The roster as an .xlsx: the template columns (ID cards masked), then 状态 and 任职年限. */
export async function rosterToXlsx(rows: ExportRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = zhCN.app.name;
  workbook.created = new Date();
  const sheet = addRosterSheet(workbook, EXPORT_EXTRA_HEADERS);
  for (const m of rows) {
    const v = exportValues(m);
    sheet.addRow([
      neutralise(v.name),
      v.gender,
      v.birthYear,
      neutralise(v.phone),
      v.idCard,
      v.education,
      neutralise(v.committee),
      v.employment,
      v.appointedOn ? new Date(`${v.appointedOn}T00:00:00Z`) : null,
      v.specialties,
      v.isExpert,
      v.status,
      v.years,
    ]);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ROSTER_COLUMNS.length + EXPORT_EXTRA_HEADERS.length } };
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** RFC 4180 field: quoted when it holds a quote, comma or line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The roster as CSV: UTF-8 with BOM (so Excel reads the Chinese), CRLF, formula-safe cells. */
export function rosterToCsv(rows: ExportRow[]): Buffer {
  const lines: string[][] = [[...ROSTER_COLUMNS.map((c) => c.header), ...EXPORT_EXTRA_HEADERS]];
  for (const m of rows) {
    const v = exportValues(m);
    lines.push([
      v.name,
      v.gender,
      v.birthYear == null ? "" : String(v.birthYear),
      v.phone,
      v.idCard,
      v.education,
      v.committee,
      v.employment,
      v.appointedOn ?? "",
      v.specialties,
      v.isExpert,
      v.status,
      v.years == null ? "" : String(v.years),
    ]);
  }
  const text = lines.map((cells) => cells.map((c) => csvField(neutralise(c))).join(",")).join("\r\n") + "\r\n";
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
}
