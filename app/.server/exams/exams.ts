import { Op, QueryTypes, type Transaction } from "sequelize";
import {
  BLANK_RULES,
  MAX_RULES,
  examQuizId,
  parseChinaLocal,
  poolKey,
  toChinaLocal,
  type ExamInput,
  type ExamLockedInput,
  type ExamFormValue,
  type ExamRule,
  type PoolIndex,
} from "~/lib/exam";
import { message } from "~/lib/messages";
import { matchesRule, type Question } from "~/lib/quiz";
import { withinScopes } from "../access";
import { audit, diff } from "../audit";
import { getSequelize, inTransaction } from "../db/connection";
import { OrgUnit, QuizAttempt, ScheduledExam } from "../db/models";
import type { ExamAudience, ExamSettings } from "../db/models/ScheduledExam";
import { orgPathInScopes, type OrgScope } from "../org";
import { currentQuestions } from "../quizzes/bank";

/** Who schedules: the user, the subtrees they may schedule for (exam:manage), their address. */
export type ExamActor = { id: number; scopes: OrgScope[]; ip: string };
type Errors = Record<string, string[]>;
export type ExamResult = { ok: true; exam: ScheduledExam } | { ok: false; fieldErrors: Errors; formErrors?: string[] };

/** How many questions the banks hold per category, difficulty and type (the form's table and each rule's pool). */
export function poolIndex(bank: readonly Question[] = currentQuestions()): PoolIndex {
  const index: PoolIndex = {};
  for (const q of bank) {
    const key = poolKey(q.category, q.difficulty, q.type);
    index[key] = (index[key] ?? 0) + 1;
  }
  return index;
}

/**
 * Refuses a draw the banks cannot always satisfy. The engine takes each rule's questions among
 * those no earlier rule took, so a rule must be satisfiable however the earlier, overlapping rules
 * drew: its pool, less what each earlier rule could at most have taken from it, must hold `count`.
 * Errors are keyed by the form row ("rules[2].count").
 */
export function checkDraw(rules: readonly { row: number; rule: ExamRule }[], bank: readonly Question[] = currentQuestions()): Errors {
  const errors: Errors = {};
  const pools = rules.map(({ rule }) => new Set(bank.filter((q) => matchesRule(q, rule)).map((q) => q.id)));
  rules.forEach(({ row, rule }, i) => {
    let available = pools[i].size;
    for (let j = 0; j < i; j++) {
      let shared = 0;
      for (const id of pools[j]) if (pools[i].has(id)) shared++;
      available -= Math.min(rules[j].rule.count, shared);
    }
    if (rule.count > available) {
      errors[`rules[${row}].count`] = [
        available === pools[i].size
          ? message("exam.error.drawTooMany", { count: rule.count, pool: pools[i].size })
          : message("exam.error.drawOverlap", { count: rule.count, pool: pools[i].size, left: Math.max(0, available) }),
      ];
    }
  });
  return errors;
}

/** Where an exam may be set (nodes of the actor's subtrees, committees excluded) and the committees it may narrow to. */
export async function examOrgOptions(scopes: OrgScope[]) {
  if (!scopes.length) return { nodes: [], committees: [] };
  const rows = await OrgUnit.findAll({
    where: { [Op.or]: scopes.map((s) => s.where) },
    attributes: ["id", "name", "kind", "depth", "path"],
    order: [["path", "ASC"]],
    limit: 3000,
  });
  const minDepth = Math.min(...rows.map((r) => r.depth));
  const nodes = rows.filter((r) => r.kind !== "committee").map((r) => ({ id: r.id, name: r.name, level: r.depth - minDepth }));
  const committees = rows.filter((r) => r.kind === "committee").map((r) => ({ id: r.id, name: r.name, path: r.path }));
  return { nodes, committees };
}

/** The number of attempts made at an exam (any state): after the first, only title and closing time may change. */
export const attemptCount = (examId: number) => QuizAttempt.count({ where: { quizId: examQuizId(examId) } });

async function checkAudience(actor: ExamActor, input: ExamInput): Promise<{ node: OrgUnit } | { errors: Errors }> {
  const node = await OrgUnit.findByPk(input.orgUnitId, { attributes: ["id", "path", "kind"] });
  if (!node || node.kind === "committee" || !withinScopes(actor.scopes, node.path))
    return { errors: { orgUnitId: ["exam.error.orgUnit"] } };
  const ids = [...new Set(input.committeeIds)];
  if (ids.length) {
    const committees = await OrgUnit.findAll({ where: { id: { [Op.in]: ids } }, attributes: ["id", "path", "kind"] });
    if (committees.length !== ids.length || committees.some((c) => c.kind !== "committee" || !c.path.startsWith(node.path)))
      return { errors: { committeeIds: ["exam.error.committee"] } };
  }
  return { node };
}

function fields(input: ExamInput): { audience: ExamAudience; draw: ExamRule[]; settings: ExamSettings; opensAt: Date; closesAt: Date } {
  return {
    audience: { committeeIds: [...new Set(input.committeeIds)].sort((a, b) => a - b), specialties: [...new Set(input.specialties)] },
    draw: input.rules.map(({ rule }) => ({
      ...(rule.category ? { category: rule.category } : {}),
      ...(rule.difficulty ? { difficulty: rule.difficulty } : {}),
      ...(rule.type ? { type: rule.type } : {}),
      count: rule.count,
    })),
    settings: {
      attemptsAllowed: input.attemptsAllowed,
      passMark: input.passMark,
      timeLimitMinutes: input.timeLimitMinutes ?? null,
      review: input.review,
      multipleScoring: input.multipleScoring,
    },
    opensAt: parseChinaLocal(input.opensAt)!,
    closesAt: parseChinaLocal(input.closesAt)!,
  };
}

/** Everything the full form checks beyond its schema: the audience inside the actor's area, the draw against the banks, a closing time ahead. */
async function checkFull(actor: ExamActor, input: ExamInput, at: Date) {
  const audience = await checkAudience(actor, input);
  const errors: Errors = { ...("errors" in audience ? audience.errors : {}), ...checkDraw(input.rules) };
  const values = fields(input);
  if (values.closesAt <= at) errors.closesAt = ["exam.error.closesPast"];
  if (Object.keys(errors).length || "errors" in audience) return { ok: false as const, errors };
  return { ok: true as const, node: audience.node, values };
}

/** Schedules an exam for a node of the actor's subtrees; audited. Nothing is written when any field is refused. */
export async function createExam(actor: ExamActor, input: ExamInput, at: Date): Promise<ExamResult> {
  const checked = await checkFull(actor, input, at);
  if (!checked.ok) return { ok: false, fieldErrors: checked.errors };
  const { node, values } = checked;
  const exam = await inTransaction(async (transaction) => {
    const created = await ScheduledExam.create(
      { orgUnitId: node.id, orgPath: node.path, title: input.title, ...values, roundId: null, createdBy: actor.id },
      { transaction },
    );
    await audit(
      {
        actorUserId: actor.id,
        action: "exam.created",
        targetType: "scheduled_exam",
        targetId: created.id,
        orgUnitId: node.id,
        after: { title: created.title, opensAt: values.opensAt, closesAt: values.closesAt, ...values.settings, draw: values.draw },
        ip: actor.ip,
      },
      transaction,
    );
    return created;
  });
  return { ok: true, exam };
}

const snapshot = (exam: ScheduledExam) => ({
  title: exam.title,
  orgUnitId: exam.orgUnitId,
  audience: exam.audience,
  draw: exam.draw,
  settings: exam.settings,
  opensAt: exam.opensAt.toISOString(),
  closesAt: exam.closesAt.toISOString(),
});

/**
 * Changes an exam. Before anyone has started it every field may change (`full`); after the first
 * attempt only the title and the closing time (`locked`). Which applies is decided again with the
 * exam row locked: an edit sent from the full form after someone started is refused whole.
 */
export async function updateExam(
  actor: ExamActor,
  examId: number,
  change: { kind: "full"; input: ExamInput } | { kind: "locked"; input: ExamLockedInput },
  at: Date,
): Promise<ExamResult> {
  const checked = change.kind === "full" ? await checkFull(actor, change.input, at) : null;
  if (checked && !checked.ok) return { ok: false, fieldErrors: checked.errors };
  const full = checked?.ok ? checked : null;
  return inTransaction(async (transaction): Promise<ExamResult> => {
    const exam = await ScheduledExam.findByPk(examId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!exam) return { ok: false as const, fieldErrors: {}, formErrors: ["exam.error.gone"] };
    const started = (await QuizAttempt.count({ where: { quizId: examQuizId(exam.id) }, transaction })) > 0;
    const before = snapshot(exam);
    if (full) {
      if (started) return { ok: false as const, fieldErrors: {}, formErrors: ["exam.error.startedMeanwhile"] };
      exam.set({ orgUnitId: full.node.id, orgPath: full.node.path, title: change.input.title, ...full.values });
    } else {
      const closesAt = parseChinaLocal(change.input.closesAt)!;
      if (closesAt <= exam.opensAt) return { ok: false as const, fieldErrors: { closesAt: ["exam.error.closesBeforeOpens"] } };
      exam.set({ title: change.input.title, closesAt });
    }
    const changes = diff(before, snapshot(exam));
    if (!changes.changed) return { ok: true as const, exam };
    await exam.save({ transaction });
    if (before.closesAt !== exam.closesAt.toISOString()) await moveClosingTime(exam, transaction);
    await audit(
      {
        actorUserId: actor.id,
        action: "exam.updated",
        targetType: "scheduled_exam",
        targetId: exam.id,
        orgUnitId: exam.orgUnitId,
        before: changes.before,
        after: changes.after,
        ip: actor.ip,
      },
      transaction,
    );
    return { ok: true as const, exam };
  });
}

/**
 * A new closing time reaches the attempts already made: each keeps the settings it started under,
 * but "answers after closing" must wait for the exam's real close (else an early candidate would
 * see the keys while others still sit it), and an attempt running against the old close gets the
 * new one (never beyond its own time limit). The attempts of an exam all started under the same
 * settings (nothing else may change once the first has started), so the closed ones take one statement.
 */
async function moveClosingTime(exam: ScheduledExam, transaction: Transaction) {
  const quizId = examQuizId(exam.id);
  const closesAt = exam.closesAt.toISOString();
  const running = await QuizAttempt.findAll({
    where: { quizId, state: "in_progress" },
    attributes: ["id", "settings", "startedAt"],
    transaction,
  });
  for (const attempt of running) {
    const { timeLimitMinutes } = attempt.settings;
    const limit = timeLimitMinutes ? attempt.startedAt.getTime() + timeLimitMinutes * 60_000 : Infinity;
    await QuizAttempt.update(
      { settings: { ...attempt.settings, closesAt }, deadlineAt: new Date(Math.min(limit, exam.closesAt.getTime())) },
      { where: { id: attempt.id }, transaction },
    );
  }
  const closed = await QuizAttempt.findOne({ where: { quizId, state: { [Op.ne]: "in_progress" } }, attributes: ["settings"], transaction });
  if (closed)
    await QuizAttempt.update(
      { settings: { ...closed.settings, closesAt } },
      { where: { quizId, state: { [Op.ne]: "in_progress" } }, transaction },
    );
}

/** The exam for the access table (exam:manage over its node); null for an unknown id. */
export async function examTarget(id: number) {
  const exam = Number.isSafeInteger(id) && id > 0 ? await ScheduledExam.findByPk(id) : null;
  return exam && { exam, orgPath: exam.orgPath };
}

/** The exams set at nodes inside the scopes, newest window first, with their attempt and participant counts. */
export async function examsInScopes(scopes: OrgScope[], limit = 200) {
  if (!scopes.length) return [];
  const exams = await ScheduledExam.findAll({ where: orgPathInScopes(scopes), order: [["opensAt", "DESC"]], limit });
  const ids = exams.map((e) => examQuizId(e.id));
  const rows = ids.length
    ? ((await getSequelize().query(
        `SELECT quiz_id, COUNT(*) AS attempts, COUNT(DISTINCT user_id) AS people FROM quiz_attempts
          WHERE quiz_id IN (${ids.map(() => "?").join(", ")}) GROUP BY quiz_id`,
        { replacements: ids, type: QueryTypes.SELECT },
      )) as { quiz_id: string; attempts: number | string; people: number | string }[])
    : [];
  const counts = new Map(rows.map((r) => [r.quiz_id, { attempts: Number(r.attempts), people: Number(r.people) }]));
  const units = new Map(
    (await OrgUnit.findAll({ where: { id: { [Op.in]: [...new Set(exams.map((e) => e.orgUnitId))] } }, attributes: ["id", "name"] })).map(
      (u) => [u.id, u.name],
    ),
  );
  return exams.map((e) => ({
    id: e.id,
    quizId: examQuizId(e.id),
    title: e.title,
    unit: units.get(e.orgUnitId) ?? "",
    opensAt: e.opensAt.toISOString(),
    closesAt: e.closesAt.toISOString(),
    questionCount: e.draw.reduce((n, r) => n + r.count, 0),
    attempts: counts.get(examQuizId(e.id))?.attempts ?? 0,
    people: counts.get(examQuizId(e.id))?.people ?? 0,
  }));
}

/** The form's values: an exam's own, or the defaults of a new one; rule rows with blanks to add more. */
export function examFormValue(exam: ScheduledExam | null): ExamFormValue {
  const blank = { category: "", difficulty: "", type: "", count: "" };
  const rules = (exam?.draw ?? []).map((r) => ({
    category: r.category ?? "",
    difficulty: r.difficulty ? String(r.difficulty) : "",
    type: r.type ?? "",
    count: String(r.count),
  }));
  const rows = [...rules, ...Array.from({ length: Math.min(BLANK_RULES, MAX_RULES + BLANK_RULES - rules.length) }, () => ({ ...blank }))];
  if (!exam)
    return {
      title: "",
      opensAt: "",
      closesAt: "",
      orgUnitId: "",
      attemptsAllowed: "1",
      passMark: "60",
      review: "after_close",
      multipleScoring: "all_or_nothing",
      timeLimitMinutes: "",
      committeeIds: [],
      specialties: [],
      rules: rows,
    };
  return {
    title: exam.title,
    opensAt: toChinaLocal(exam.opensAt),
    closesAt: toChinaLocal(exam.closesAt),
    orgUnitId: String(exam.orgUnitId),
    attemptsAllowed: String(exam.settings.attemptsAllowed),
    passMark: String(exam.settings.passMark),
    review: exam.settings.review,
    multipleScoring: exam.settings.multipleScoring,
    timeLimitMinutes: exam.settings.timeLimitMinutes ? String(exam.settings.timeLimitMinutes) : "",
    committeeIds: exam.audience.committeeIds.map(String),
    specialties: [...exam.audience.specialties],
    rules: rows,
  };
}
