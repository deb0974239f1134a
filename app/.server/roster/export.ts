import { PassThrough, type Readable } from "node:stream";
import ExcelJS from "exceljs";
import { DISPUTE_CATEGORIES, type DisputeCategory } from "~/lib/categories";
import { maskIdCard, yearsOfService, type Education, type MediatorStatus } from "~/lib/mediator";
import zhCN from "~/locales/zh-CN/common.json";
import type { Mediator, MediatorSpecialty, OrgUnit } from "../db/models";
import type { RosterSource } from "./queries";
import { collect } from "../excel/workbook";
import { EXPORT_EXTRA_HEADERS, LABELS, NO, ROSTER_COLUMNS, SPECIALTY_SEPARATOR, YES, addRosterSheet, neutralise } from "./sheet";

/**
 * The roster exports: .xlsx (the template's columns, ID cards masked, plus 状态 and 任职年限, so it
 * can be imported again) and CSV (UTF-8 with BOM). Text cells are guarded against formula injection.
 * Both are streamed: rows are read in batches (RosterSource) and written as they come — ExcelJS's
 * streaming WorkbookWriter commits each row — so memory stays flat for a province's roster.
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

/** The roster as an .xlsx stream: the template columns (ID cards masked), then 状态 and 任职年限. */
export function rosterXlsxStream(source: RosterSource): Readable {
  const out = new PassThrough();
  (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    workbook.creator = zhCN.app.name;
    workbook.created = new Date();
    const sheet = addRosterSheet(workbook, EXPORT_EXTRA_HEADERS);
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ROSTER_COLUMNS.length + EXPORT_EXTRA_HEADERS.length } };
    sheet.getRow(1).commit();
    for await (const batch of source.batches()) {
      for (const m of batch) {
        const v = exportValues(m);
        sheet
          .addRow([
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
          ])
          .commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error) => out.destroy(error as Error));
  return out;
}

/** The roster as an .xlsx file in memory (see rosterXlsxStream). */
export const rosterToXlsx = async (source: RosterSource) => collect(rosterXlsxStream(source));

/** RFC 4180 field: quoted when it holds a quote, comma or line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The roster as a CSV stream: UTF-8 with BOM (so Excel reads the Chinese), CRLF, formula-safe cells. */
export function rosterCsvStream(source: RosterSource): Readable {
  const out = new PassThrough();
  const line = (cells: string[]) => `${cells.map((c) => csvField(neutralise(c))).join(",")}\r\n`;
  (async () => {
    out.write(Buffer.from([0xef, 0xbb, 0xbf]));
    out.write(line([...ROSTER_COLUMNS.map((c) => c.header), ...EXPORT_EXTRA_HEADERS]));
    for await (const batch of source.batches()) {
      const text = batch
        .map((m) => {
          const v = exportValues(m);
          return line([
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
        })
        .join("");
      // Respect the reader's pace: wait while the stream's buffer is full.
      if (!out.write(text)) await new Promise((resolve) => out.once("drain", resolve));
    }
    out.end();
  })().catch((error) => out.destroy(error as Error));
  return out;
}

/** The roster as a CSV file in memory (see rosterCsvStream). */
export const rosterToCsv = async (source: RosterSource) => collect(rosterCsvStream(source));
