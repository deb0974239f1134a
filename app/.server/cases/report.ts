import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { CaseFigures } from "~/lib/case-file";
import zhCN from "~/locales/zh-CN/common.json";
import { neutralise } from "../excel/workbook";
import type { Node } from "../compliance/dashboard";
import { subtreeMediatorRows, type NodeCaseStats } from "./stats";

/**
 * The case statistics of a node as .xlsx (调解案件统计表): 汇总 (the node and by dispute
 * category), 下级单位 (each child node) and 调解员 (every mediator of the subtree with files
 * that year, written in pages so a province's rows stream through).
 */
const COLUMNS: { key: keyof CaseFigures; header: string; percent?: boolean }[] = [
  { key: "handled", header: "调解纠纷（件）" },
  { key: "successful", header: "调解成功（件）" },
  { key: "successRate", header: "调解成功率（%）", percent: true },
  { key: "oral", header: "口头协议（件）" },
  { key: "oralShare", header: "口头协议占比（%）", percent: true },
  { key: "confirmed", header: "司法确认（件）" },
  { key: "followedUp", header: "回访（件）" },
  { key: "followUpRate", header: "回访率（%）", percent: true },
  { key: "assisted", header: "协办（人次）" },
];
const cells = (f: CaseFigures) => COLUMNS.map((c) => f[c.key] ?? "—");
const PAGE = 5000;

export async function caseReportXlsx(node: Node, stats: NodeCaseStats, today: string, generatedAt = new Date()): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on("end", () => resolve());
    out.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  workbook.creator = zhCN.app.name;
  workbook.created = generatedAt;
  const head = (sheet: ExcelJS.Worksheet, first: string[]) => {
    const row = sheet.addRow([...first, ...COLUMNS.map((c) => c.header)]);
    row.font = { bold: true };
    row.commit();
  };

  const summary = workbook.addWorksheet("汇总");
  summary.columns = [{ width: 20 }, ...COLUMNS.map(() => ({ width: 14 }))];
  summary.addRow([`${node.name}${stats.year}年度人民调解案件统计表`]).commit();
  summary.addRow([`统计时间：${today}（按结案年度；案件计入主办调解员；评查认定与台账不符的卷宗不计入）`]).commit();
  head(summary, ["范围"]);
  summary.addRow(["合计", ...cells(stats.totals)]).commit();
  for (const c of stats.byCategory)
    summary.addRow([zhCN.category[c.category as keyof typeof zhCN.category] ?? c.category, ...cells(c)]).commit();
  summary.commit();

  const children = workbook.addWorksheet("下级单位");
  children.columns = [{ width: 30 }, ...COLUMNS.map(() => ({ width: 14 }))];
  head(children, ["单位"]);
  for (const c of stats.children) children.addRow([neutralise(c.name), ...cells(c)]).commit();
  children.commit();

  const people = workbook.addWorksheet("调解员");
  people.columns = [{ width: 12 }, { width: 30 }, ...COLUMNS.map(() => ({ width: 14 }))];
  head(people, ["姓名", "所属调委会"]);
  for (let offset = 0; ; offset += PAGE) {
    const page = await subtreeMediatorRows(node.path, stats.year, PAGE, offset);
    for (const m of page) people.addRow([neutralise(m.name), neutralise(m.committee), ...cells(m)]).commit();
    if (page.length < PAGE) break;
  }
  people.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}
