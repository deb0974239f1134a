import ExcelJS from "exceljs";
import { DISPUTE_CATEGORIES, type DisputeCategory } from "~/lib/categories";
import { EDUCATION_LEVELS, EMPLOYMENT_KINDS, GENDERS, type Education, type MediatorStatus } from "~/lib/mediator";
import zhCN from "~/locales/zh-CN/common.json";
import { HEADER_VIEWS, MAX_IMPORT_BYTES, neutralise, styleHeader, unneutralise } from "../excel/workbook";

export { MAX_IMPORT_BYTES, neutralise, styleHeader, unneutralise };

/**
 * The roster (花名册) spreadsheet's shared vocabulary: its columns, the Chinese labels (from the
 * zh-CN locale file) and their codes, limits, formula-injection guards and the 花名册 sheet itself,
 * as used by the template, the import and the exports.
 */

// ---------------------------------------------------------------------------------------------
// Columns and labels

export const ROSTER_COLUMNS = [
  { key: "name", header: "姓名", width: 12 },
  { key: "gender", header: "性别", width: 8 },
  { key: "birthYear", header: "出生年份", width: 10 },
  { key: "phone", header: "手机号码", width: 16 },
  { key: "idCard", header: "身份证号", width: 22 },
  { key: "education", header: "文化程度", width: 12 },
  { key: "committee", header: "所属调委会", width: 28 },
  { key: "employment", header: "专兼职", width: 10 },
  { key: "appointedOn", header: "聘任日期", width: 12 },
  { key: "specialties", header: "擅长领域", width: 30 },
  { key: "isExpert", header: "是否专家库成员", width: 15 },
] as const;
export type RosterColumnKey = (typeof ROSTER_COLUMNS)[number]["key"];

/** Columns our export adds after the template columns; the import ignores them. */
export const EXPORT_EXTRA_HEADERS = ["状态", "任职年限"] as const;

export { MAX_IMPORT_ROWS } from "~/lib/limits";

export const YES = zhCN.form.yes;
export const NO = zhCN.form.no;
export const SPECIALTY_SEPARATOR = "、";

export const HEADER_OF = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, c.header])) as Record<RosterColumnKey, string>;

type Labels<T extends string> = Record<T, string>;
export const LABELS = {
  gender: zhCN.gender as Labels<(typeof GENDERS)[number]>,
  employment: zhCN.employment as Labels<(typeof EMPLOYMENT_KINDS)[number]>,
  education: zhCN.education as Labels<Education>,
  category: zhCN.category as Labels<DisputeCategory>,
  status: zhCN.mediatorStatus as Labels<MediatorStatus>,
};

/** label → code, also accepting the code itself. */
function reverse<T extends string>(codes: readonly T[], labels: Labels<T>): Map<string, T> {
  const map = new Map<string, T>();
  for (const code of codes) {
    map.set(code, code);
    map.set(labels[code], code);
  }
  return map;
}
export const CODE_OF = {
  gender: reverse(GENDERS, LABELS.gender),
  employment: reverse(EMPLOYMENT_KINDS, LABELS.employment),
  education: reverse(EDUCATION_LEVELS, LABELS.education),
  category: reverse(DISPUTE_CATEGORIES, LABELS.category),
};

// ---------------------------------------------------------------------------------------------
// The 花名册 sheet (template and xlsx export)

export function addRosterSheet(workbook: ExcelJS.Workbook, extraHeaders: readonly string[] = []) {
  const sheet = workbook.addWorksheet("花名册", { properties: { defaultRowHeight: 18 }, views: HEADER_VIEWS });
  sheet.columns = [
    ...ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width })),
    ...extraHeaders.map((h) => ({ header: h, key: h, width: 10 })),
  ];
  // Text columns keep leading zeros and long digit strings; dates show as yyyy-mm-dd.
  sheet.getColumn("phone").numFmt = "@";
  sheet.getColumn("idCard").numFmt = "@";
  sheet.getColumn("appointedOn").numFmt = "yyyy-mm-dd";
  styleHeader(sheet);
  return sheet;
}
