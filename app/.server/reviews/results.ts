import ExcelJS from "exceljs";
import type { ReviewStage } from "~/lib/case-review";
import zhCN from "~/locales/zh-CN/common.json";
import { neutralise } from "../excel/workbook";
import { CaseFile, CaseReview, CaseReviewItem, Mediator, OrgUnit, User } from "../db/models";
import { pathIds } from "../org";

/**
 * The results of a review: per file, per mediator (the mean of their scored files as primary
 * mediator), per committee and per child node of the review's node. A mean counts the files with a
 * score; files marked 与台账不符 have none and are counted beside it. Read from the review's items
 * (a review samples a few thousand files at most), and as .xlsx (卷宗评查结果).
 */

export type ItemRow = {
  id: number;
  caseFileId: number;
  fileNo: string;
  committee: string;
  committeeId: number;
  mediator: string;
  mediatorId: number;
  orgPath: string;
  reviewer: string | null;
  stratum: string;
  stage: ReviewStage;
  score: number | null;
  mismatch: boolean;
  comment: string | null;
};
export type Group = { id: number; name: string; files: number; scored: number; mean: number | null; below: number; mismatch: number };

const mean = (scores: number[]) => (scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) * 10) / scores.length) / 10 : null);

function groupBy(items: ItemRow[], key: (i: ItemRow) => [number, string] | null, passLine: number): Group[] {
  const groups = new Map<number, { name: string; rows: ItemRow[] }>();
  for (const i of items) {
    const k = key(i);
    if (!k) continue;
    const g = groups.get(k[0]) ?? { name: k[1], rows: [] };
    g.rows.push(i);
    groups.set(k[0], g);
  }
  return [...groups.entries()]
    .map(([id, g]) => {
      const scores = g.rows.filter((r) => r.score !== null && !r.mismatch).map((r) => r.score!);
      return {
        id,
        name: g.name,
        files: g.rows.length,
        scored: scores.length,
        mean: mean(scores),
        below: scores.filter((s) => s < passLine).length,
        mismatch: g.rows.filter((r) => r.mismatch).length,
      };
    })
    .sort((a, b) => (a.mean ?? 101) - (b.mean ?? 101) || a.name.localeCompare(b.name, "zh-CN"));
}

export async function reviewResults(review: CaseReview, filter: { stage?: ReviewStage } = {}) {
  const items = await CaseReviewItem.findAll({
    where: { reviewId: review.id },
    include: [
      { model: CaseFile, as: "caseFile", attributes: ["fileNo"] },
      { model: OrgUnit, as: "committee", attributes: ["id", "name"] },
      { model: Mediator, as: "mediator", attributes: ["id", "name"] },
      { model: User, as: "reviewer", attributes: ["displayName", "username"] },
    ],
    order: [
      ["orgPath", "ASC"],
      ["id", "ASC"],
    ],
  });
  const rows: ItemRow[] = items.map((i) => {
    const reviewer = i.get("reviewer") as User | null;
    return {
      id: i.id,
      caseFileId: i.caseFileId,
      fileNo: (i.get("caseFile") as CaseFile).fileNo,
      committee: (i.get("committee") as OrgUnit).name,
      committeeId: i.orgUnitId,
      mediator: (i.get("mediator") as Mediator).name,
      mediatorId: i.primaryMediatorId,
      orgPath: i.orgPath,
      reviewer: reviewer ? reviewer.displayName || reviewer.username : null,
      stratum: i.stratum,
      stage: i.stage,
      score: i.score ?? null,
      mismatch: Boolean(i.mismatch),
      comment: i.comment ?? null,
    };
  });
  // The child node of the review's node that each file's committee sits under.
  const depth = pathIds(review.orgPath).length;
  const childIds = [...new Set(rows.map((r) => pathIds(r.orgPath)[depth]).filter((id): id is number => id !== undefined))];
  const childNames = new Map((await OrgUnit.findAll({ where: { id: childIds }, attributes: ["id", "name"] })).map((o) => [o.id, o.name]));
  const all = rows;
  const scores = all.filter((r) => r.score !== null && !r.mismatch).map((r) => r.score!);
  return {
    items: filter.stage ? all.filter((r) => r.stage === filter.stage) : all,
    total: {
      files: all.length,
      scored: scores.length,
      mean: mean(scores),
      below: scores.filter((s) => s < review.passLine).length,
      mismatch: all.filter((r) => r.mismatch).length,
    },
    mediators: groupBy(all, (r) => [r.mediatorId, `${r.mediator}（${r.committee}）`], review.passLine),
    committees: groupBy(all, (r) => [r.committeeId, r.committee], review.passLine),
    nodes: groupBy(
      all,
      (r) => {
        const id = pathIds(r.orgPath)[depth];
        return id === undefined ? null : [id, childNames.get(id) ?? String(id)];
      },
      review.passLine,
    ),
  };
}
export type ReviewResults = Awaited<ReturnType<typeof reviewResults>>;

const STAGE = zhCN.review.stage as Record<string, string>;
const STRATUM = zhCN.review.stratum as Record<string, string>;

/** The review's results as .xlsx: 说明 (rule, seed, population), 卷宗, 调解员, 调委会, 下级单位. */
export async function reviewReportXlsx(review: CaseReview, node: string, results: ReviewResults): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = zhCN.app.name;
  const about = workbook.addWorksheet("说明");
  about.columns = [{ width: 16 }, { width: 60 }];
  about.addRows([
    ["评查", neutralise(review.title)],
    ["范围", neutralise(node)],
    ["结案期间", `${review.periodFrom} 至 ${review.periodTo}`],
    [
      "抽样规则",
      `司法确认卷宗抽取${review.rule.confirmedPercent}%，其他卷宗抽取${review.rule.otherPercent}%（均向上取整），每名有卷宗的主办调解员至少${review.rule.minPerMediator}件`,
    ],
    ["随机种子", review.seed],
    ["抽样总体", `${review.population}件（卷宗编号不大于${review.maxFileId}），摘要 ${review.populationDigest}`],
    ["合格线", `${review.passLine}分（满分${review.rubric.maxPoints}分）`],
    ["状态", review.state === "open" ? "进行中" : "已结束"],
    ["平均分", results.total.mean ?? "—"],
    ["与台账不符", results.total.mismatch],
  ]);
  const head = (sheet: ExcelJS.Worksheet, headers: string[]) => {
    sheet.addRow(headers).font = { bold: true };
  };
  const files = workbook.addWorksheet("卷宗");
  files.columns = [
    { width: 22 },
    { width: 28 },
    { width: 12 },
    { width: 14 },
    { width: 12 },
    { width: 12 },
    { width: 10 },
    { width: 12 },
    { width: 50 },
  ];
  head(files, ["卷宗号", "调委会", "主办调解员", "评查人", "抽样类别", "状态", "得分", "与台账不符", "评语"]);
  for (const i of results.items)
    files.addRow([
      neutralise(i.fileNo),
      neutralise(i.committee),
      neutralise(i.mediator),
      neutralise(i.reviewer ?? "—"),
      STRATUM[i.stratum] ?? i.stratum,
      STAGE[i.stage] ?? i.stage,
      i.score ?? "—",
      i.mismatch ? "是" : "",
      neutralise(i.comment ?? ""),
    ]);
  const groups = (name: string, label: string, rows: Group[]) => {
    const sheet = workbook.addWorksheet(name);
    sheet.columns = [{ width: 34 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 14 }, { width: 12 }];
    head(sheet, [label, "抽查（件）", "已评（件）", "平均分", "低于合格线（件）", "与台账不符（件）"]);
    for (const g of rows) sheet.addRow([neutralise(g.name), g.files, g.scored, g.mean ?? "—", g.below, g.mismatch]);
  };
  groups("调解员", "调解员", results.mediators);
  groups("调委会", "调委会", results.committees);
  groups("下级单位", "单位", results.nodes);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
