import { DISPUTE_CATEGORIES, type DisputeCategory } from "~/lib/categories";
import { AGREEMENT_FORMS, CASE_OUTCOMES, CASE_SOURCES, CONFIRMATIONS, PERFORMANCE } from "~/lib/case-file";
import zhCN from "~/locales/zh-CN/common.json";

/**
 * The case register sheet (台账): its columns and their Chinese labels (from the zh-CN locale
 * file) with their codes, shared by the template, the import and the copy with errors marked.
 */
export const CASE_COLUMNS = [
  { key: "fileNo", header: "卷宗号", width: 20 },
  { key: "committee", header: "调委会", width: 28 },
  { key: "primary", header: "主办调解员", width: 12 },
  { key: "assistants", header: "协办调解员", width: 16 },
  { key: "category", header: "纠纷类型", width: 14 },
  { key: "source", header: "案件来源", width: 12 },
  { key: "receivedOn", header: "受理日期", width: 12 },
  { key: "closedOn", header: "结案日期", width: 12 },
  { key: "outcome", header: "调解结果", width: 12 },
  { key: "agreementForm", header: "协议形式", width: 10 },
  { key: "confirmation", header: "司法确认", width: 10 },
  { key: "followUp", header: "是否回访", width: 10 },
  { key: "performed", header: "履行情况", width: 10 },
  { key: "parties", header: "当事人数", width: 10 },
  { key: "amount", header: "涉及金额（元）", width: 14 },
  { key: "summary", header: "简要案情", width: 50 },
] as const;
export type CaseColumnKey = (typeof CASE_COLUMNS)[number]["key"];
export const CASE_HEADER_OF = Object.fromEntries(CASE_COLUMNS.map((c) => [c.key, c.header])) as Record<CaseColumnKey, string>;

export const CASE_SHEET = { sheetName: "台账", otherSheets: ["填写说明", "选项"] } as const;
export const MAX_CASE_ROWS = 50_000;
export const YES = zhCN.form.yes;
export const NO = zhCN.form.no;
export const NAME_SEPARATOR = "、";

export const CASE_LABELS = {
  category: zhCN.category as Record<DisputeCategory, string>,
  source: zhCN.caseFile.source as Record<(typeof CASE_SOURCES)[number], string>,
  outcome: zhCN.caseFile.outcome as Record<(typeof CASE_OUTCOMES)[number], string>,
  agreementForm: zhCN.caseFile.agreementForm as Record<(typeof AGREEMENT_FORMS)[number], string>,
  confirmation: zhCN.caseFile.confirmation as Record<(typeof CONFIRMATIONS)[number], string>,
  performed: zhCN.caseFile.performed as Record<(typeof PERFORMANCE)[number], string>,
};

/** label → code, also accepting the code itself and a few short forms clerks write (书面 for 书面协议). */
function reverse<T extends string>(codes: readonly T[], labels: Record<T, string>, extra: Record<string, T> = {}): Map<string, T> {
  const map = new Map<string, T>(Object.entries(extra) as [string, T][]);
  for (const code of codes) {
    map.set(code, code);
    map.set(labels[code], code);
  }
  return map;
}
export const CASE_CODE_OF = {
  category: reverse(DISPUTE_CATEGORIES, CASE_LABELS.category, { 交通事故: "traffic", 劳动: "labour", 土地: "forest_land" }),
  source: reverse(CASE_SOURCES, CASE_LABELS.source, { 委派: "assigned", 委托: "entrusted", 移交: "referred", 申请: "application" }),
  outcome: reverse(CASE_OUTCOMES, CASE_LABELS.outcome, { 成功: "success", 不成功: "failure", 终止: "terminated" }),
  agreementForm: reverse(AGREEMENT_FORMS, CASE_LABELS.agreementForm, { 书面: "written", 口头: "oral" }),
  confirmation: reverse(CONFIRMATIONS, CASE_LABELS.confirmation, { 否: "none", 无: "none" }),
  performed: reverse(PERFORMANCE, CASE_LABELS.performed, { 是: "yes", 部分: "partly", 否: "no" }),
};
