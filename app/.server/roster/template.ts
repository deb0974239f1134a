import ExcelJS from "exceljs";
import zhCN from "~/locales/zh-CN/common.json";
import { currentYearInChina } from "~/lib/dates";
import {
  HEADER_OF,
  LABELS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  NO,
  ROSTER_COLUMNS,
  SPECIALTY_SEPARATOR,
  YES,
  addRosterSheet,
  type RosterColumnKey,
} from "./sheet";
import { addInstructionsSheet, columnRules } from "../excel/workbook";

/**
 * The roster import template (花名册导入模板): the 花名册 sheet with drop-downs and input hints
 * (所属调委会 lists the admin's committees, from a hidden 选项 sheet), and a 填写说明 sheet
 * explaining every column with an example row that imports as it is: one of the admin's own
 * committees, and an ID number (valid check digit) whose birth date agrees with the birth year.
 */

const labelList = (labels: Record<string, string>) => Object.values(labels);

/** Born 1972-03-15, a woman (the 17th digit is even), check digit 0. */
export const EXAMPLE_ID_CARD = "110105197203150020";
/** The example committee when the admin has none to offer. */
const EXAMPLE_COMMITTEE = "青山村人民调解委员会";

const example = (committee: string): Record<RosterColumnKey, string> => ({
  name: "王秀兰",
  gender: LABELS.gender.female,
  birthYear: EXAMPLE_ID_CARD.slice(6, 10),
  phone: "13912345678",
  idCard: EXAMPLE_ID_CARD,
  education: LABELS.education.senior_high,
  committee,
  employment: LABELS.employment.part_time,
  appointedOn: "2019-03-01",
  specialties: [LABELS.category.marriage_family, LABELS.category.neighbourhood].join(SPECIALTY_SEPARATOR),
  isExpert: NO,
});

function instructions(maxBirthYear: number): Record<RosterColumnKey, { required: boolean; text: string }> {
  return {
    name: { required: true, text: "调解员姓名，不超过 50 个字。" },
    gender: { required: true, text: `填写：${labelList(LABELS.gender).join(" 或 ")}。` },
    birthYear: { required: true, text: `四位数年份，1930 至 ${maxBirthYear} 之间，如 1972。` },
    phone: { required: true, text: "11 位手机号，或带区号的固定电话（如 0551-6543210）。同一文件中不能重复。" },
    idCard: {
      required: false,
      text: "18 位居民身份证号，末位可为 X。可不填；从本系统导出的带 * 号的身份证号视为未填写。",
    },
    education: { required: false, text: `可不填，或填写：${labelList(LABELS.education).join("、")}。` },
    committee: {
      required: true,
      text: "调委会全称，从下拉列表中选择，或填写与系统中完全一致的名称，须在您的管辖范围内。",
    },
    employment: { required: true, text: `填写：${labelList(LABELS.employment).join(" 或 ")}。` },
    appointedOn: {
      required: true,
      text: "聘任日期，不能晚于今天。可写成 2019-03-01、2019/3/1，或设为 Excel 日期格式。",
    },
    specialties: {
      required: false,
      text: `可不填；多个领域用顿号“、”分隔（也可用逗号或分号）。可选：${labelList(LABELS.category).join("、")}。`,
    },
    isExpert: { required: false, text: `填写：${YES} 或 ${NO}；不填视为“${NO}”。` },
  };
}

/**
 * The import template for an admin whose subtree holds these committees (names, in tree order):
 * header row, drop-downs where Excel has them, and a 填写说明 sheet.
 */
export async function buildTemplate(committees: string[] = []): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = zhCN.app.name;
  workbook.created = new Date();
  const maxBirthYear = currentYearInChina() - 16;
  const sheet = addRosterSheet(workbook);
  const rules = columnRules(sheet, MAX_IMPORT_ROWS);
  const list = (key: RosterColumnKey, values: string[], required: boolean, source?: string) =>
    rules.list(key, HEADER_OF[key], values, required, source);
  list("gender", labelList(LABELS.gender), true);
  list("education", labelList(LABELS.education), false);
  list("employment", labelList(LABELS.employment), true);
  list("isExpert", [YES, NO], false);
  // The committee list lives on a hidden sheet: an inline list may hold at most 255 characters.
  const names = [...new Set(committees)];
  // The example names a committee the import can tell apart (a name twice in the subtree is refused as ambiguous).
  const seen = new Map<string, number>();
  for (const name of committees) seen.set(name, (seen.get(name) ?? 0) + 1);
  const exampleCommittee = names.find((name) => seen.get(name) === 1) ?? EXAMPLE_COMMITTEE;
  if (names.length) {
    const options = workbook.addWorksheet("选项", { state: "veryHidden" });
    options.getCell("A1").value = HEADER_OF.committee;
    names.forEach((name, i) => (options.getCell(`A${i + 2}`).value = name));
    list("committee", names, true, `选项!$A$2:$A$${names.length + 1}`);
  }
  rules.whole("birthYear", HEADER_OF.birthYear, 1930, maxBirthYear, `请输入 1930 至 ${maxBirthYear} 之间的四位年份`);
  const prompts: Partial<Record<RosterColumnKey, string>> = {
    phone: "11 位手机号或带区号的固定电话",
    idCard: "选填。18 位，末位可为 X",
    ...(names.length ? {} : { committee: "调委会全称，须在您的管辖范围内" }),
    appointedOn: "如 2019-03-01，不能晚于今天",
    specialties: `多个用“、”分隔。可选：${labelList(LABELS.category).join("、")}`,
  };
  for (const [key, prompt] of Object.entries(prompts) as [RosterColumnKey, string][]) rules.prompt(key, HEADER_OF[key], prompt);
  addInstructionsSheet(workbook, ROSTER_COLUMNS, instructions(maxBirthYear), example(exampleCommittee), [
    "请在“花名册”工作表中从第 2 行起每行填写一名调解员，不要修改、删除或调换第 1 行的列名。",
    `一次最多导入 ${MAX_IMPORT_ROWS} 行，文件不超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB。`,
    "导入前会检查所有行：只要有一处错误，就不会导入任何一行，并列出每个错误所在的行号和列名；也可以下载标出错误的表格，改好后重新上传。",
    "已在花名册中的身份证号，或姓名与手机号码都相同的人员，不会重复导入。",
  ]);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
