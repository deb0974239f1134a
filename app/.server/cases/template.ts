import ExcelJS from "exceljs";
import zhCN from "~/locales/zh-CN/common.json";
import { SUMMARY_MAX } from "~/lib/case-file";
import { MAX_IMPORT_BYTES, addInstructionsSheet, columnRules, styleHeader } from "../excel/workbook";
import { CASE_COLUMNS, CASE_HEADER_OF, CASE_LABELS, CASE_SHEET, MAX_CASE_ROWS, NAME_SEPARATOR, NO, YES, type CaseColumnKey } from "./sheet";

/**
 * The case register import template (调解案件台账导入模板): the 台账 sheet with drop-downs (the
 * committees of the admin's subtree, categories, sources, outcomes…), a hidden 选项 sheet holding
 * the long lists, and a 填写说明 sheet explaining every column with an example row.
 */

const labels = (l: Record<string, string>) => Object.values(l);

const EXAMPLE: Record<CaseColumnKey, string> = {
  fileNo: "东调〔2025〕第018号",
  committee: "东门社区人民调解委员会",
  primary: "王秀兰",
  assistants: "李建国、张丽",
  category: CASE_LABELS.category.neighbourhood,
  source: CASE_LABELS.source.application,
  receivedOn: "2025-04-02",
  closedOn: "2025-04-09",
  outcome: CASE_LABELS.outcome.success,
  agreementForm: CASE_LABELS.agreementForm.written,
  confirmation: CASE_LABELS.confirmation.none,
  followUp: YES,
  performed: CASE_LABELS.performed.yes,
  parties: "2",
  amount: "3000",
  summary: "张某与李某因楼上漏水损坏天花板发生纠纷，经调解，张某修复防水层并赔偿李某装修损失3000元。",
};

const NOTES: Record<CaseColumnKey, { required: boolean; text: string }> = {
  fileNo: { required: true, text: "卷宗号，不超过 40 个字；同一调委会内不能重复，本文件中也不能重复。" },
  committee: { required: true, text: "受理案件的调委会全称，从下拉列表中选择，须在您的管辖范围内。" },
  primary: { required: true, text: "主办调解员姓名，须与花名册一致；优先匹配本调委会的调解员。" },
  assistants: { required: false, text: `可不填；多人用顿号“${NAME_SEPARATOR}”分隔（也可用逗号），最多 5 人，不要重复填写主办调解员。` },
  category: { required: true, text: `填写：${labels(CASE_LABELS.category).join("、")}。` },
  source: { required: true, text: `填写：${labels(CASE_LABELS.source).join("、")}。` },
  receivedOn: { required: true, text: "受理日期，不能晚于今天。可写成 2025-04-02、2025/4/2，或设为 Excel 日期格式。" },
  closedOn: { required: true, text: "结案日期，不能早于受理日期，不能晚于今天。统计按结案年度计算。" },
  outcome: { required: true, text: `填写：${labels(CASE_LABELS.outcome).join("、")}。` },
  agreementForm: { required: false, text: `调解成功的必填：${labels(CASE_LABELS.agreementForm).join(" 或 ")}；其他结果不填。` },
  confirmation: {
    required: false,
    text: `填写：${labels(CASE_LABELS.confirmation).join("、")}；不填视为“未申请”。口头协议只能填“未申请”。`,
  },
  followUp: { required: false, text: `填写：${YES} 或 ${NO}；不填视为“${NO}”。` },
  performed: { required: false, text: `调解成功的填写：${labels(CASE_LABELS.performed).join("、")}；尚不清楚的可不填。` },
  parties: { required: true, text: "当事人数，2 至 999 的整数。" },
  amount: { required: false, text: "涉及金额，单位：元，可不填。" },
  summary: {
    required: true,
    text: `简要案情，不超过 ${SUMMARY_MAX} 个字。当事人只写“张某”“李某甲”这样的称谓，不写全名、身份证号、电话或住址。`,
  },
};

/** The template for an admin whose subtree holds these committees (names, in tree order). */
export async function buildCaseTemplate(committees: string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = zhCN.app.name;
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(CASE_SHEET.sheetName, { properties: { defaultRowHeight: 18 } });
  sheet.columns = CASE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getColumn("fileNo").numFmt = "@";
  sheet.getColumn("receivedOn").numFmt = "yyyy-mm-dd";
  sheet.getColumn("closedOn").numFmt = "yyyy-mm-dd";
  styleHeader(sheet);

  // Long lists live on a hidden sheet: an inline list may hold at most 255 characters.
  const options = workbook.addWorksheet("选项", { state: "veryHidden" });
  options.getCell("A1").value = "调委会";
  committees.forEach((name, i) => (options.getCell(`A${i + 2}`).value = name));
  const rules = columnRules(sheet, MAX_CASE_ROWS);
  if (committees.length) rules.list("committee", CASE_HEADER_OF.committee, committees, true, `选项!$A$2:$A$${committees.length + 1}`);
  const list = (key: CaseColumnKey, values: string[], required: boolean) => rules.list(key, CASE_HEADER_OF[key], values, required);
  list("category", labels(CASE_LABELS.category), true);
  list("source", labels(CASE_LABELS.source), true);
  list("outcome", labels(CASE_LABELS.outcome), true);
  list("agreementForm", labels(CASE_LABELS.agreementForm), false);
  list("confirmation", labels(CASE_LABELS.confirmation), false);
  list("followUp", [YES, NO], false);
  list("performed", labels(CASE_LABELS.performed), false);
  rules.whole("parties", CASE_HEADER_OF.parties, 2, 999, "请输入 2 至 999 之间的整数");
  rules.prompt("fileNo", CASE_HEADER_OF.fileNo, "同一调委会内不能重复");
  rules.prompt("primary", CASE_HEADER_OF.primary, "与花名册中的姓名一致");
  rules.prompt("assistants", CASE_HEADER_OF.assistants, `选填，多人用“${NAME_SEPARATOR}”分隔`);
  rules.prompt("receivedOn", CASE_HEADER_OF.receivedOn, "如 2025-04-02，不能晚于今天");
  rules.prompt("closedOn", CASE_HEADER_OF.closedOn, "不能早于受理日期");
  rules.prompt("summary", CASE_HEADER_OF.summary, "当事人只写“张某”“李某甲”，不写全名");
  addInstructionsSheet(workbook, CASE_COLUMNS, NOTES, EXAMPLE, [
    "请在“台账”工作表中从第 2 行起每行填写一件案件，不要修改、删除或调换第 1 行的列名。",
    `一次最多导入 ${MAX_CASE_ROWS} 行，文件不超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB。`,
    "导入前会检查所有行：只要有一处错误，就不会导入任何一行，并列出每个错误所在的行号和列名；也可以下载标出错误的表格，改好后重新上传。",
    "同一调委会已登记的卷宗号不会重复导入。",
  ]);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
