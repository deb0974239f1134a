import { addDays, todayInChina, zonedToInstant } from "~/lib/dates";
import ExcelJS from "exceljs";
import { Op, QueryTypes } from "sequelize";
import zhCN from "~/locales/zh-CN/common.json";
import { getSequelize } from "../db/connection";
import { EventRegistration, OrgUnit, TrainingEvent, TrainingRecord } from "../db/models";
import type { OrgScope } from "../org";

export type EventReportRow = { id: number; title: string; date: string; form: string; registered: number; attended: number; hours: number };

/**
 * Events held in the admin's subtrees within [from, to]: per event the registrations, 人次
 * (attendances) and the hours credited; totals by form.
 */
export async function eventReport(scopes: OrgScope[], from: string, to: string) {
  const sequelize = getSequelize();
  const events = await TrainingEvent.findAll({
    where: {
      startsAt: {
        [Op.gte]: zonedToInstant(from),
        [Op.lt]: zonedToInstant(addDays(to, 1)),
      },
    },
    include: [{ model: OrgUnit, as: "audience", attributes: ["path"], where: { [Op.or]: scopes.map((s) => s.where) } }],
    order: [["startsAt", "ASC"]],
  });
  const rows: EventReportRow[] = [];
  for (const e of events) {
    const [counts] = (await sequelize.query(
      `SELECT
         (SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = :id AND r.status <> 'cancelled') AS registered,
         (SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = :id AND r.attended_at IS NOT NULL) AS attended`,
      { replacements: { id: e.id }, type: QueryTypes.SELECT },
    )) as { registered: number | string; attended: number | string }[];
    const attendedIds = (
      await EventRegistration.findAll({ where: { eventId: e.id, attendedAt: { [Op.ne]: null } }, attributes: ["id"] })
    ).map((r) => String(r.id));
    const hours = attendedIds.length
      ? Number((await TrainingRecord.sum("hours", { where: { source: "event", sourceId: { [Op.in]: attendedIds } } })) ?? 0)
      : 0;
    rows.push({
      id: e.id,
      title: e.title,
      date: todayInChina(e.startsAt),
      form: e.form,
      registered: Number(counts.registered),
      attended: Number(counts.attended),
      hours,
    });
  }
  const byForm = new Map<string, { sessions: number; attended: number; hours: number }>();
  for (const r of rows) {
    const f = byForm.get(r.form) ?? { sessions: 0, attended: 0, hours: 0 };
    byForm.set(r.form, { sessions: f.sessions + 1, attended: f.attended + r.attended, hours: f.hours + r.hours });
  }
  return {
    rows,
    byForm: [...byForm].map(([form, v]) => ({ form, ...v })),
    totals: { sessions: rows.length, attended: rows.reduce((n, r) => n + r.attended, 0), hours: rows.reduce((n, r) => n + r.hours, 0) },
  };
}

const FORM = zhCN.trainingForm as Record<string, string>;

/** The report as a workbook: 按活动 and 按形式 sheets, Chinese headers. */
export async function eventReportXlsx(report: Awaited<ReturnType<typeof eventReport>>, period: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const events = workbook.addWorksheet("按活动");
  events.addRow([`培训活动统计 ${period}`]);
  events.addRow(["日期", "活动名称", "培训形式", "报名人数", "参训人次", "学时合计"]).font = { bold: true };
  for (const r of report.rows) events.addRow([r.date, r.title, FORM[r.form] ?? r.form, r.registered, r.attended, r.hours]);
  events.addRow(["合计", `${report.totals.sessions} 次`, "", "", report.totals.attended, report.totals.hours]).font = { bold: true };
  events.columns.forEach((c, i) => (c.width = [12, 36, 12, 10, 10, 10][i]));
  const forms = workbook.addWorksheet("按形式");
  forms.addRow(["培训形式", "培训次数", "参训人次", "学时合计"]).font = { bold: true };
  for (const f of report.byForm) forms.addRow([FORM[f.form] ?? f.form, f.sessions, f.attended, f.hours]);
  forms.columns.forEach((c) => (c.width = 14));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const defaultPeriod = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });
