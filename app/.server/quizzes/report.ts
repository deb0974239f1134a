import ExcelJS from "exceljs";
import { Op } from "sequelize";
import type { QuestionType, Quiz } from "~/lib/quiz";
import { QuizAttempt, QuizAttemptItem } from "../db/models";
import { orgPathInScopes, type OrgScope } from "../org";
import { currentQuestions, questionsByVersion, versionKey } from "./bank";

export type ReportAttempt = { id: number; userId: number; state: string; percent: number | null; passed: boolean | null };
export type ReportItem = { attemptId: number; questionId: string; points: number; score: number | null };

export type ItemStats = { questionId: string; n: number; difficulty: number | null; discrimination: number | null };
export type QuizStats = {
  attempts: number;
  participants: number;
  graded: number;
  /** Mean percent of graded attempts. */
  average: number | null;
  /** Share of participants with a graded attempt who passed at least once. */
  passRate: number | null;
  items: ItemStats[];
};

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
/** Upper and lower groups: the top and bottom 27 % of the ranked attempts, at least one each. */
export const groupSize = (n: number) => Math.max(1, Math.round(n * 0.27));

/**
 * Classical item analysis over graded attempts. Difficulty index P: the mean share of the item's
 * points earned (1 = everyone right). Discrimination index D: P in the upper group minus P in the
 * lower group, the groups being the top and bottom 27 % by attempt percent among the attempts that
 * drew the item (ties broken by attempt id). Items seen in fewer than two attempts have no D.
 */
export function analyse(attempts: ReportAttempt[], items: ReportItem[]): QuizStats {
  const closed = attempts.filter((a) => a.state !== "in_progress");
  const graded = closed.filter((a) => a.state === "graded" && a.percent !== null);
  const gradedIds = new Set(graded.map((a) => a.id));
  const percent = new Map(graded.map((a) => [a.id, a.percent!]));
  const gradedUsers = new Set(graded.map((a) => a.userId));
  const passedUsers = new Set(graded.filter((a) => a.passed).map((a) => a.userId));

  const byQuestion = new Map<string, { attemptId: number; share: number }[]>();
  for (const item of items) {
    if (!gradedIds.has(item.attemptId) || item.score === null) continue;
    const list = byQuestion.get(item.questionId) ?? [];
    list.push({ attemptId: item.attemptId, share: item.points > 0 ? item.score / item.points : 0 });
    byQuestion.set(item.questionId, list);
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const stats: ItemStats[] = [...byQuestion].map(([questionId, list]) => {
    const ranked = [...list].sort((a, b) => percent.get(b.attemptId)! - percent.get(a.attemptId)! || a.attemptId - b.attemptId);
    const g = groupSize(ranked.length);
    const discrimination =
      ranked.length < 2 ? null : round(mean(ranked.slice(0, g).map((r) => r.share)) - mean(ranked.slice(-g).map((r) => r.share)));
    return { questionId, n: list.length, difficulty: round(mean(list.map((r) => r.share))), discrimination };
  });
  stats.sort((a, b) => a.questionId.localeCompare(b.questionId));
  return {
    attempts: closed.length,
    participants: new Set(closed.map((a) => a.userId)).size,
    graded: graded.length,
    average: graded.length ? round(mean(graded.map((a) => a.percent!))) : null,
    passRate: gradedUsers.size ? round(passedUsers.size / gradedUsers.size, 4) : null,
    items: stats,
  };
}

export type QuizReport = QuizStats & { questions: Record<string, { stem: string; type: QuestionType }> };

/** The report of one quiz over the attempts of mediators inside the scopes. */
export async function quizReport(quiz: Quiz, scopes: OrgScope[]): Promise<QuizReport> {
  const attempts = await QuizAttempt.findAll({
    where: { quizId: quiz.id, state: { [Op.ne]: "in_progress" }, ...orgPathInScopes(scopes) },
    attributes: ["id", "userId", "state", "percent", "passed"],
    raw: false,
  });
  const ids = attempts.map((a) => a.id);
  const items = ids.length
    ? await QuizAttemptItem.findAll({
        where: { attemptId: { [Op.in]: ids } },
        attributes: ["attemptId", "questionId", "questionVersion", "points", "score"],
      })
    : [];
  const stats = analyse(
    attempts.map((a) => ({ id: a.id, userId: a.userId, state: a.state, percent: a.percent ?? null, passed: a.passed ?? null })),
    items.map((i) => ({ attemptId: i.attemptId, questionId: i.questionId, points: i.points, score: i.score ?? null })),
  );
  // Each question as the current bank words it, or its latest stored version if it left the bank.
  const current = new Map(currentQuestions().map((q) => [q.id, q]));
  const missing = items.filter((i) => !current.has(i.questionId));
  const older = missing.length ? await questionsByVersion(missing) : new Map();
  const questions: QuizReport["questions"] = {};
  for (const s of stats.items) {
    const q =
      current.get(s.questionId) ?? older.get(versionKey(s.questionId, missing.find((m) => m.questionId === s.questionId)!.questionVersion));
    questions[s.questionId] = { stem: q?.stem ?? s.questionId, type: q?.type ?? "single" };
  }
  return { ...stats, questions };
}

const TYPE: Record<QuestionType, string> = { single: "单选", multiple: "多选", true_false: "判断", short: "案例分析" };

/** The report as a workbook: 概况 and 试题分析 sheets, Chinese headers. */
export async function quizReportXlsx(quiz: Quiz, report: QuizReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const summary = workbook.addWorksheet("概况");
  summary.addRow([quiz.title]).font = { bold: true };
  summary.addRow(["作答次数", report.attempts]);
  summary.addRow(["参加人数", report.participants]);
  summary.addRow(["已评分次数", report.graded]);
  summary.addRow(["平均得分率（%）", report.average ?? "—"]);
  summary.addRow(["通过率（%）", report.passRate === null ? "—" : round(report.passRate * 100)]);
  summary.columns.forEach((c, i) => (c.width = [20, 40][i]));
  const items = workbook.addWorksheet("试题分析");
  items.addRow(["题号", "题型", "题干", "作答次数", "难度系数（得分率）", "区分度"]).font = { bold: true };
  for (const s of report.items) {
    const q = report.questions[s.questionId];
    items.addRow([s.questionId, TYPE[q.type], q.stem, s.n, s.difficulty ?? "—", s.discrimination ?? "—"]);
  }
  items.columns.forEach((c, i) => (c.width = [22, 10, 60, 10, 18, 10][i]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
