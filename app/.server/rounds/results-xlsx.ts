import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import zhCN from "~/locales/zh-CN/common.json";
import { neutralise } from "../excel/workbook";
import { Certificate, OrgUnit, type EvaluationRound } from "../db/models";
import { schemeAt } from "../levels/scheme";
import { decidedPage, resultLevel, roundDistribution, UNGRADED } from "./report";

/**
 * A round's results as .xlsx for the bureau (filed with the level above): a sheet about the round,
 * the level distribution, and one row per decided application with full names (admins only).
 * Streamed (ExcelJS's WorkbookWriter, rows committed as written) from pages of 2,000 applications
 * read with only the columns the sheet shows, so a round of 30,000 stays a few seconds.
 */
export async function roundResultsXlsx(round: EvaluationRound): Promise<Buffer> {
  const [{ scheme }, distribution, node] = await Promise.all([
    schemeAt(round.orgPath),
    roundDistribution(round),
    OrgUnit.findByPk(round.orgUnitId, { attributes: ["name"] }),
  ]);
  const name = (key: string | null) =>
    key === null || key === UNGRADED ? scheme.ungradedName : (scheme.levels.find((l) => l.key === key)?.name ?? key);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on("end", () => resolve());
    out.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  workbook.creator = zhCN.app.name;
  const about = workbook.addWorksheet("说明");
  about.columns = [{ width: 16 }, { width: 60 }];
  for (const row of [
    ["批次", neutralise(round.title)],
    ["组织单位", neutralise(node?.name ?? "")],
    ["等级", round.levels.map((l) => name(l)).join("、")],
    ["考核期间", `${round.periodFrom} 至 ${round.periodTo}`],
    ["申报时间", `${round.applicationsFrom} 至 ${round.applicationsUntil}`],
    ["公示", round.announcedOn ? `${round.announcedOn} 起 ${round.announcementDays} 天（至 ${round.objectionsUntil}）` : "未公示"],
    ["结果确定", round.finalOn ?? "未确定"],
    ["状态", zhCN.round.state[round.state as keyof typeof zhCN.round.state]],
  ])
    about.addRow(row).commit();
  about.commit();

  const dist = workbook.addWorksheet("等级分布");
  dist.columns = [{ width: 20 }, { width: 10 }, { width: 10, style: { numFmt: "0.0%" } }];
  const head = dist.addRow(["等级", "人数", "占比"]);
  head.font = { bold: true };
  head.commit();
  const whole = distribution?.whole;
  for (const l of whole?.levels ?? []) {
    const n = whole!.counts[l.key] ?? 0;
    dist.addRow([l.name, n, whole!.total ? Math.round((n / whole!.total) * 1000) / 10 / 100 : 0]).commit();
  }
  dist.addRow(["合计", whole?.total ?? 0, 1]).commit();
  dist.commit();

  const sheet = workbook.addWorksheet("评定结果", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { width: 10 },
    { width: 28 },
    { width: 14 },
    { width: 14 },
    { width: 10 },
    { width: 10 },
    { width: 14 },
    { width: 40 },
    { width: 16 },
  ];
  const titles = sheet.addRow(["姓名", "调委会", "申报等级", "原等级", "评审得分", "评定结果", "结果等级", "理由", "证书编号"]);
  titles.font = { bold: true };
  titles.commit();
  for (let after = { committeeId: 0, id: 0 }; ;) {
    const applications = await decidedPage(round.id, after, 2000);
    if (!applications.length) break;
    const certificateIds = applications.map((a) => a.certificateId).filter((id): id is number => id !== null);
    const codes = new Map(
      (certificateIds.length ? await Certificate.findAll({ where: { id: certificateIds }, attributes: ["id", "code"] }) : []).map((c) => [
        c.id,
        c.code,
      ]),
    );
    for (const a of applications) {
      const mediator = a.get("mediator") as { name: string } | null;
      const committee = a.get("committee") as { name: string } | null;
      sheet
        .addRow([
          neutralise(mediator?.name ?? ""),
          neutralise(committee?.name ?? ""),
          name(a.level),
          name(a.levelBefore),
          a.score === null ? "" : Number(a.score),
          a.outcome ? zhCN.round.outcome[a.outcome as keyof typeof zhCN.round.outcome] : "",
          name(resultLevel(a.outcome, a.awardedLevel, a.levelBefore)),
          neutralise(a.decisionReason ?? ""),
          a.certificateId ? (codes.get(a.certificateId) ?? "") : "",
        ])
        .commit();
    }
    const last = applications[applications.length - 1];
    after = { committeeId: last.committeeId, id: last.id };
  }
  sheet.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}
