import { appTimeZone } from "~/lib/dates";
import ExcelJS from "exceljs";
import { Op } from "sequelize";
import { Exercise, ExerciseSubmission, Mediator, OrgUnit } from "../db/models";
import { orgPathInScopes, type OrgScope } from "../org";
import { shownName } from "./grading";

/**
 * An exercise's results over the grader's subtree: how many submitted, graded and released, the
 * average, the pass rate, the score distribution in tenths of the maximum, and the mean points per
 * rubric criterion; the same as a workbook with one row per submission.
 */
export async function exerciseReport(scopes: OrgScope[], exercise: Exercise) {
  const submissions = await ExerciseSubmission.findAll({
    where: { ...orgPathInScopes(scopes), exerciseId: exercise.id, state: { [Op.ne]: "draft" } },
    include: [
      {
        model: Mediator,
        as: "mediator",
        attributes: ["name", "orgUnitId"],
        include: [{ model: OrgUnit, as: "committee", attributes: ["name"] }],
      },
    ],
    order: [["submittedAt", "ASC"]],
  });
  const max = exercise.rubric.maxPoints;
  const scored = submissions.filter((s) => s.score !== null && (s.state === "graded" || s.state === "released"));
  const released = submissions.filter((s) => s.state === "released");
  const buckets = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: (i + 1) * 10, count: 0 }));
  for (const s of scored) buckets[Math.min(9, Math.floor(((s.score ?? 0) * 10) / (max || 1)))].count++;
  const criteria = exercise.rubric.criteria.map((c) => {
    const points = scored
      .map((s) => c.levels.find((l) => l.id === s.grade?.[c.id]?.levelId)?.points)
      .filter((p): p is number => p !== undefined);
    const best = Math.max(...c.levels.map((l) => l.points));
    return {
      id: c.id,
      name: c.name,
      max: best,
      mean: points.length ? Math.round((points.reduce((a, b) => a + b, 0) / points.length) * 10) / 10 : null,
    };
  });
  const round1 = (n: number) => Math.round(n * 10) / 10;
  return {
    maxPoints: max,
    submitted: submissions.length,
    graded: scored.length,
    released: released.length,
    average: scored.length ? round1(scored.reduce((a, s) => a + (s.score ?? 0), 0) / scored.length) : null,
    passRate: released.length ? round1((released.filter((s) => s.passed).length * 100) / released.length) : null,
    buckets,
    criteria,
    rows: submissions.map((s) => {
      const mediator = s.get("mediator") as (Mediator & { committee?: OrgUnit }) | null;
      return {
        name: shownName(exercise, s, mediator?.name ?? null),
        committee: (mediator?.get("committee") as OrgUnit | undefined)?.name ?? "",
        state: s.state,
        submittedAt: s.submittedAt?.toISOString() ?? null,
        late: s.late,
        score: s.score ?? null,
        passed: s.passed ?? null,
        points: Object.fromEntries(
          exercise.rubric.criteria.map((c) => [c.id, c.levels.find((l) => l.id === s.grade?.[c.id]?.levelId)?.points ?? null]),
        ),
      };
    }),
  };
}
export type ExerciseReport = Awaited<ReturnType<typeof exerciseReport>>;

const STATE: Record<string, string> = { submitted: "待评阅", graded: "评阅中", returned: "已退回", released: "已发布" };

export async function exerciseReportXlsx(exercise: Exercise, report: ExerciseReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("成绩");
  sheet.addRow([`${exercise.title}（满分${report.maxPoints}分，得分率${exercise.passPercent}%合格）`]).font = { bold: true };
  sheet.addRow(["姓名", "调委会", "状态", "提交时间", "逾期", "得分", "是否合格", ...exercise.rubric.criteria.map((c) => c.name)]).font = {
    bold: true,
  };
  for (const r of report.rows) {
    sheet.addRow([
      r.name,
      r.committee,
      STATE[r.state] ?? r.state,
      r.submittedAt
        ? new Intl.DateTimeFormat("zh-CN", { dateStyle: "short", timeStyle: "short", timeZone: appTimeZone() }).format(
            new Date(r.submittedAt),
          )
        : "",
      r.late ? "是" : "",
      r.score ?? "",
      r.passed === null ? "" : r.passed ? "合格" : "不合格",
      ...exercise.rubric.criteria.map((c) => r.points[c.id] ?? ""),
    ]);
  }
  sheet.columns.forEach((c, i) => (c.width = i < 2 ? 18 : 12));
  const summary = workbook.addWorksheet("分布");
  summary.addRow(["得分率区间", "人数"]).font = { bold: true };
  for (const b of report.buckets) summary.addRow([`${b.from}%–${b.to}%`, b.count]);
  summary.addRow([]);
  summary.addRow(["评分项", "平均得分", "满分"]).font = { bold: true };
  for (const c of report.criteria) summary.addRow([c.name, c.mean ?? "", c.max]);
  summary.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
