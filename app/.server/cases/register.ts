import { Op, UniqueConstraintError, type Transaction, type WhereOptions } from "sequelize";
import type { CaseFileInput, CaseFilter } from "~/lib/case-file";
import { dayOf } from "~/lib/dates";
import { withinScopes } from "../access";
import { audit, diff } from "../audit";
import { getSequelize, inTransaction } from "../db/connection";
import { AuditEvent, CaseFile, CaseFileAssistant, Mediator, OrgUnit } from "../db/models";
import { orgPathInScopes, scopeFromPath, type OrgScope } from "../org";
import { factsOf, shiftCases, type CaseFacts } from "./rollup";

/**
 * The case register (调解案件台账): entry, correction (audited, with a reason) and the review's
 * void flag (与台账不符), each in one transaction with its audit row and the rollups (./rollup.ts).
 * Plain values in, results or field errors out.
 */

export type Actor = { id: number; scopes: OrgScope[]; ip?: string | null };
export type CaseField = keyof CaseFileInput | "form";
export type FieldErrors = Partial<Record<CaseField, string[]>>;
export type CaseResult = { ok: true; file: CaseFile } | { ok: false; errors: FieldErrors };

const fail = (field: CaseField, message: string): CaseResult => ({ ok: false, errors: { [field]: [message] } });

/** The audit view of a file. */
export function snapshot(f: CaseFile, assistantIds: readonly number[]) {
  return {
    fileNo: f.fileNo,
    orgUnitId: f.orgUnitId,
    primaryMediatorId: f.primaryMediatorId,
    assistantIds: [...assistantIds].sort((a, b) => a - b),
    category: f.category,
    source: f.source,
    receivedOn: dayOf(f.receivedOn),
    closedOn: dayOf(f.closedOn),
    outcome: f.outcome,
    agreementForm: f.agreementForm,
    confirmation: f.confirmation,
    followUp: Boolean(f.followUp),
    performed: f.performed,
    parties: f.parties,
    amount: f.amount,
    summary: f.summary,
  };
}

export function attributesOf(input: CaseFileInput) {
  return {
    fileNo: input.fileNo,
    orgUnitId: input.orgUnitId,
    primaryMediatorId: input.primaryMediatorId,
    category: input.category,
    source: input.source,
    receivedOn: input.receivedOn,
    closedOn: input.closedOn,
    outcome: input.outcome,
    agreementForm: input.outcome === "success" ? (input.agreementForm ?? null) : null,
    confirmation: input.outcome === "success" ? input.confirmation : ("none" as const),
    followUp: input.followUp,
    performed: input.outcome === "success" ? (input.performed ?? null) : null,
    parties: input.parties,
    amount: input.amount ?? null,
    summary: input.summary,
  };
}

export const factsOfInput = (input: CaseFileInput, orgPath: string, voided = false): CaseFacts => ({
  orgPath,
  category: input.category,
  closedOn: input.closedOn,
  outcome: input.outcome,
  agreementForm: input.outcome === "success" ? (input.agreementForm ?? null) : null,
  confirmation: input.outcome === "success" ? input.confirmation : "none",
  followUp: input.followUp,
  voided,
  primaryMediatorId: input.primaryMediatorId,
  assistantIds: input.assistantIds,
});

/** The committee and mediators the input names, checked against the admin's scopes. */
async function checkPeople(
  actor: Actor,
  input: CaseFileInput,
  transaction?: Transaction,
): Promise<{ ok: true; committee: OrgUnit } | { ok: false; errors: FieldErrors }> {
  const committee = await OrgUnit.findByPk(input.orgUnitId, { transaction });
  if (!committee || committee.kind !== "committee" || !withinScopes(actor.scopes, committee.path))
    return { ok: false, errors: { orgUnitId: ["validation.unknownCommittee"] } };
  const ids = [input.primaryMediatorId, ...input.assistantIds];
  const people = await Mediator.findAll({ where: { id: ids }, attributes: ["id", "orgPath"], transaction });
  const inside = new Set(people.filter((m) => withinScopes(actor.scopes, m.orgPath)).map((m) => m.id));
  const errors: FieldErrors = {};
  if (!inside.has(input.primaryMediatorId)) errors.primaryMediatorId = ["caseFile.error.mediatorOutside"];
  if (input.assistantIds.some((id) => !inside.has(id))) errors.assistantIds = ["caseFile.error.mediatorOutside"];
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, committee };
}

async function numberTaken(orgUnitId: number, fileNo: string, exceptId: number | null, transaction?: Transaction) {
  const other = await CaseFile.findOne({ where: { orgUnitId, fileNo }, attributes: ["id", "fileNo"], transaction });
  // MySQL's collation is case-insensitive; the column is binary, but compare exactly anyway.
  return Boolean(other && other.id !== exceptId && other.fileNo === fileNo);
}

/** Enters one file: checked, written with its assistants, the rollups and one audit row. */
export async function createCaseFile(actor: Actor, input: CaseFileInput): Promise<CaseResult> {
  const checked = await checkPeople(actor, input);
  if (!checked.ok) return checked;
  const { committee } = checked;
  try {
    return await inTransaction(async (transaction) => {
      if (await numberTaken(committee.id, input.fileNo, null, transaction)) return fail("fileNo", "caseFile.error.numberTaken");
      const file = await CaseFile.create(
        { ...attributesOf(input), orgPath: committee.path, createdBy: actor.id, updatedBy: actor.id },
        { transaction },
      );
      if (input.assistantIds.length)
        await CaseFileAssistant.bulkCreate(
          input.assistantIds.map((mediatorId) => ({ caseFileId: file.id, mediatorId })),
          { transaction },
        );
      await shiftCases([], [factsOfInput(input, committee.path)], transaction);
      await audit(
        {
          actorUserId: actor.id,
          action: "case.created",
          targetType: "case_file",
          targetId: file.id,
          orgUnitId: committee.id,
          after: snapshot(file, input.assistantIds),
          ip: actor.ip,
        },
        transaction,
      );
      return { ok: true as const, file };
    });
  } catch (error) {
    if (error instanceof UniqueConstraintError) return fail("fileNo", "caseFile.error.numberTaken");
    throw error;
  }
}

/** Corrects a file after entry: only what changed is audited, with the reason. */
export async function correctCaseFile(actor: Actor, id: number, input: CaseFileInput, reason: string): Promise<CaseResult> {
  const sequelize = getSequelize();
  const checked = await checkPeople(actor, input);
  if (!checked.ok) return checked;
  const { committee } = checked;
  try {
    return await inTransaction(async (transaction) => {
      const lock = sequelize.getDialect() === "sqlite" ? undefined : transaction.LOCK.UPDATE;
      const file = await CaseFile.findByPk(id, { transaction, lock });
      if (!file || !withinScopes(actor.scopes, file.orgPath)) return fail("form", "caseFile.error.notFound");
      if (await numberTaken(committee.id, input.fileNo, file.id, transaction)) return fail("fileNo", "caseFile.error.numberTaken");
      const before = (await factsOf([file.id], transaction)).get(file.id)!;
      const was = snapshot(file, before.assistantIds);
      const now = { ...attributesOf(input), assistantIds: [...input.assistantIds].sort((a, b) => a - b) };
      const changes = diff(was, now);
      if (!changes.changed) return fail("form", "caseFile.error.unchanged");
      await file.update({ ...attributesOf(input), orgPath: committee.path, updatedBy: actor.id }, { transaction });
      await CaseFileAssistant.destroy({ where: { caseFileId: file.id }, transaction });
      if (input.assistantIds.length)
        await CaseFileAssistant.bulkCreate(
          input.assistantIds.map((mediatorId) => ({ caseFileId: file.id, mediatorId })),
          { transaction },
        );
      await shiftCases([before], [factsOfInput(input, committee.path, file.voided)], transaction);
      await audit(
        {
          actorUserId: actor.id,
          action: "case.corrected",
          targetType: "case_file",
          targetId: file.id,
          orgUnitId: committee.id,
          before: changes.before,
          after: changes.after,
          reason,
          ip: actor.ip,
        },
        transaction,
      );
      return { ok: true as const, file };
    });
  } catch (error) {
    if (error instanceof UniqueConstraintError) return fail("fileNo", "caseFile.error.numberTaken");
    throw error;
  }
}

/**
 * Takes a file out of the figures (与台账不符: the file is missing or does not match the register),
 * or puts it back once corrected. Used by the case-file review (reviews/items.ts), inside its
 * transaction when given one; audited with the reason.
 */
export async function setCaseVoided(actor: Actor, id: number, voided: boolean, reason: string, within?: Transaction): Promise<CaseResult> {
  const sequelize = getSequelize();
  return inTransaction(async (transaction) => {
    const lock = sequelize.getDialect() === "sqlite" ? undefined : transaction.LOCK.UPDATE;
    const file = await CaseFile.findByPk(id, { transaction, lock });
    if (!file || !withinScopes(actor.scopes, file.orgPath)) return fail("form", "caseFile.error.notFound");
    if (Boolean(file.voided) === voided) return fail("form", "caseFile.error.unchanged");
    const before = (await factsOf([file.id], transaction)).get(file.id)!;
    await file.update({ voided, voidReason: voided ? reason : null, updatedBy: actor.id }, { transaction });
    await shiftCases([before], [{ ...before, voided }], transaction);
    await audit(
      {
        actorUserId: actor.id,
        action: voided ? "case.voided" : "case.restored",
        targetType: "case_file",
        targetId: file.id,
        orgUnitId: file.orgUnitId,
        reason,
        ip: actor.ip,
      },
      transaction,
    );
    return { ok: true as const, file };
  }, within);
}

// ---------------------------------------------------------------------------------------------
// Reading

/** A file with its committee, mediators and assistants, for the access check (orgPath) and the page. */
export async function findCaseFile(id: string | number | undefined) {
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n <= 0) return null;
  const file = await CaseFile.findByPk(n, {
    include: [
      { model: OrgUnit, as: "committee", attributes: ["id", "name", "path"] },
      { model: Mediator, as: "primaryMediator", attributes: ["id", "name"] },
      { model: CaseFileAssistant, as: "assistants", attributes: ["mediatorId"] },
    ],
  });
  if (!file) return null;
  const assistantIds = (file.get("assistants") as CaseFileAssistant[]).map((a) => a.mediatorId);
  const assistants = assistantIds.length
    ? await Mediator.findAll({ where: { id: assistantIds }, attributes: ["id", "name"], order: [["id", "ASC"]] })
    : [];
  return {
    file,
    orgPath: file.orgPath,
    committeeName: (file.get("committee") as OrgUnit).name,
    primaryName: (file.get("primaryMediator") as Mediator).name,
    assistants: assistants.map((m) => ({ id: m.id, name: m.name })),
  };
}

export const PAGE_SIZE = 50;

export type CaseRow = {
  id: number;
  fileNo: string;
  committee: string;
  mediator: string;
  category: string;
  closedOn: string;
  outcome: string;
  agreementForm: string | null;
  confirmation: string;
  voided: boolean;
};

/**
 * One page of the register under the scopes, newest closing date first. No total count (a
 * province holds millions of files): a page says whether there is a next one.
 */
export async function listCaseFiles(scopes: OrgScope[], filter: CaseFilter): Promise<{ rows: CaseRow[]; hasNext: boolean }> {
  const where: WhereOptions[] = [orgPathInScopes(scopes)];
  if (filter.year) where.push({ closedOn: { [Op.gte]: `${filter.year}-01-01`, [Op.lte]: `${filter.year}-12-31` } });
  if (filter.q) where.push({ fileNo: { [Op.startsWith]: filter.q } });
  const files = await CaseFile.findAll({
    where: { [Op.and]: where },
    include: [
      { model: OrgUnit, as: "committee", attributes: ["name"] },
      { model: Mediator, as: "primaryMediator", attributes: ["name"] },
    ],
    order: [
      ["closedOn", "DESC"],
      ["id", "DESC"],
    ],
    limit: PAGE_SIZE + 1,
    offset: (filter.page - 1) * PAGE_SIZE,
  });
  return {
    hasNext: files.length > PAGE_SIZE,
    rows: files.slice(0, PAGE_SIZE).map((f) => ({
      id: f.id,
      fileNo: f.fileNo,
      committee: (f.get("committee") as OrgUnit).name,
      mediator: (f.get("primaryMediator") as Mediator).name,
      category: f.category,
      closedOn: dayOf(f.closedOn)!,
      outcome: f.outcome,
      agreementForm: f.agreementForm,
      confirmation: f.confirmation,
      voided: Boolean(f.voided),
    })),
  };
}

/** Mediators an admin can name on a file of this committee: the committee's own first, then the rest of the scopes (capped). */
export async function mediatorOptions(scopes: OrgScope[], limit = 1500) {
  const people = await Mediator.findAll({
    where: orgPathInScopes(scopes),
    attributes: ["id", "name", "orgUnitId", "status"],
    include: [{ model: OrgUnit, as: "committee", attributes: ["name"] }],
    order: [
      ["orgPath", "ASC"],
      ["name", "ASC"],
    ],
    limit,
  });
  return people.map((m) => ({
    id: m.id,
    name: m.name,
    committeeId: m.orgUnitId,
    committee: (m.get("committee") as OrgUnit).name,
    active: m.status === "active",
  }));
}

/** A file's entry, corrections and review marks, newest first. */
export async function caseHistory(id: number) {
  const rows = await AuditEvent.findAll({ where: { targetType: "case_file", targetId: String(id) }, order: [["at", "DESC"]], limit: 50 });
  return rows.map((h) => ({
    id: h.id,
    at: h.at.toISOString(),
    action: h.action,
    reason: h.reason,
    before: h.beforeSummary,
    after: h.afterSummary,
  }));
}

const CHOICES = 1500;

/**
 * Who the form offers as mediators: everyone in the scopes when that is a manageable list;
 * otherwise the mediators around the chosen committee (its township or bureau, as far as the
 * scopes reach), and none until a committee is chosen.
 */
export async function mediatorChoices(scopes: OrgScope[], committeeId?: number) {
  const total = await Mediator.count({ where: orgPathInScopes(scopes) });
  if (total <= CHOICES) return { needsCommittee: false, mediators: await mediatorOptions(scopes, CHOICES) };
  const committee = committeeId ? await OrgUnit.findByPk(committeeId, { attributes: ["id", "kind", "path", "parentId"] }) : null;
  if (!committee || committee.kind !== "committee" || !withinScopes(scopes, committee.path)) return { needsCommittee: true, mediators: [] };
  const parent = committee.parentId ? await OrgUnit.findByPk(committee.parentId, { attributes: ["id", "path"] }) : null;
  const around =
    parent && withinScopes(scopes, parent.path) ? scopeFromPath(parent.id, parent.path) : scopeFromPath(committee.id, committee.path);
  return { needsCommittee: false, mediators: await mediatorOptions([around], CHOICES) };
}
