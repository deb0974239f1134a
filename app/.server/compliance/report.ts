import { PassThrough, type Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Figures, Node, NodeDashboard } from "./dashboard";
import { mediatorRows } from "./mediators";
import { collect } from "../excel/workbook";

/**
 * The annual training statistics report (年度调解员培训统计表) of a node as .xlsx: 汇总 (the
 * node, also by full-/part-time), 下级单位 (each child node) and 调解员 (every active mediator of
 * the subtree, written in pages so a province's 200,000 rows stream through).
 */

const FIGURE_COLUMNS: { key: keyof Figures; header: string; width: number; percent?: boolean }[] = [
  { key: "active", header: "在册调解员（人）", width: 14 },
  { key: "events", header: "培训次数（场）", width: 12 },
  { key: "records", header: "培训人次", width: 10 },
  { key: "trained", header: "参训人数", width: 10 },
  { key: "coverage", header: "培训覆盖率（%）", width: 14, percent: true },
  { key: "practical", header: "实训次数", width: 10 },
  { key: "perCapita", header: "人均实训频次（次/人）", width: 18 },
  { key: "hours", header: "培训学时", width: 10 },
  { key: "compliant", header: "达标人数", width: 10 },
  { key: "compliantShare", header: "达标率（%）", width: 11, percent: true },
  { key: "newcomers", header: "新任调解员（人）", width: 14 },
  { key: "preserviceDone", header: "岗前培训完成（人）", width: 16 },
  { key: "preserviceRate", header: "岗前培训完成率（%）", width: 18, percent: true },
];

const EMPLOYMENT: Record<string, string> = { full_time: "专职", part_time: "兼职" };
const STATE: Record<string, string> = { compliant: "达标", behind: "未达标", none: "未参训" };
const PRE: Record<string, string> = { done: "已完成", pending: "进行中", overdue: "未按期完成" };

/** The ledger's 人次, hours and events are not split by employment: those cells stay "—" in the 专职/兼职 rows. */
const LEDGER_ONLY: (keyof Figures)[] = ["records", "hours", "events"];
const figureCells = (f: Figures, byEmployment = false) =>
  FIGURE_COLUMNS.map((c) => (byEmployment && LEDGER_ONLY.includes(c.key) ? "—" : (f[c.key] ?? "—")));

/** The report as a stream, written while it is read (the download route sends it as it comes). */
export function complianceReportStream(node: Node, dashboard: NodeDashboard, today: string, generatedAt = new Date()): Readable {
  const out = new PassThrough();
  writeReport(out, node, dashboard, today, generatedAt).catch((error) => out.destroy(error as Error));
  return out;
}

/** The report as one buffer (tests). */
export const complianceReportXlsx = (node: Node, dashboard: NodeDashboard, today: string, generatedAt = new Date()): Promise<Buffer> =>
  collect(complianceReportStream(node, dashboard, today, generatedAt));

async function writeReport(out: PassThrough, node: Node, dashboard: NodeDashboard, today: string, generatedAt: Date) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  workbook.creator = "调解员学院";
  workbook.created = generatedAt;
  const bold = { font: { bold: true } };
  const year = dashboard.year;

  const summary = workbook.addWorksheet("汇总");
  summary.columns = [{ width: 18 }, ...FIGURE_COLUMNS.map((c) => ({ width: c.width }))];
  summary.addRow([`${node.name}${year}年度人民调解员培训统计表`]).commit();
  summary.addRow([`统计时间：${today}`]).commit();
  const head = summary.addRow(["范围", ...FIGURE_COLUMNS.map((c) => c.header)]);
  head.font = bold.font;
  head.commit();
  summary.addRow(["合计", ...figureCells(dashboard.totals)]).commit();
  for (const e of dashboard.byEmployment) summary.addRow([EMPLOYMENT[e.employment], ...figureCells(e, true)]).commit();
  summary.addRow([]).commit();
  summary
    .addRow([
      "说明：培训覆盖率 = 当年至少参加一次培训的在册调解员 ÷ 在册调解员；人均实训频次 = 在册调解员的实训次数 ÷ 在册调解员；达标按各调解员所在单位当年执行的培训标准计算。",
    ])
    .commit();
  summary.commit();

  const children = workbook.addWorksheet("下级单位");
  children.columns = [{ header: "单位", width: 24 }, ...FIGURE_COLUMNS.map((c) => ({ header: c.header, width: c.width }))];
  children.getRow(1).font = bold.font;
  for (const c of dashboard.children) children.addRow([c.name, ...figureCells(c)]).commit();
  children.commit();

  const people = workbook.addWorksheet("调解员");
  people.columns = [
    { header: "姓名", width: 10 },
    { header: "所属调委会", width: 26 },
    { header: "专兼职", width: 8 },
    { header: "培训人次", width: 10 },
    { header: "实训次数", width: 10 },
    { header: "实训标准", width: 10 },
    { header: "学时", width: 8 },
    { header: "学时标准", width: 10 },
    { header: "年度状态", width: 10 },
    { header: "岗前培训", width: 12 },
  ];
  people.getRow(1).font = bold.font;
  const page = 2000;
  for (let offset = 0; ; offset += page) {
    const rows = await mediatorRows(node, year, { state: "all" }, page, offset, today);
    for (const r of rows) {
      people
        .addRow([
          r.name,
          r.committee,
          EMPLOYMENT[r.employment] ?? r.employment,
          r.records,
          r.practical,
          r.minPractical,
          r.hours,
          r.minHours,
          STATE[r.state],
          r.preService ? PRE[r.preService.state] : "",
        ])
        .commit();
    }
    if (rows.length < page) break;
  }
  people.commit();
  await workbook.commit();
}
