import { Op, UniqueConstraintError } from "sequelize";
import { todayInChina } from "~/lib/dates";
import type { LevelCheck } from "~/lib/levels";
import { MAX_APPLICATION_FILES, withRoundExam, type ApplicationInput } from "~/lib/round-apply";
import { type ApplicationStage, type Evidence, type SubmittedFigures } from "~/lib/rounds";
import { withinScopes } from "../access";
import { AttachmentLimitError, attachmentViews, listAttachments, withAttachments } from "../attachments";
import { audit } from "../audit";
import { now } from "../clock";
import { getSequelize, inTransaction } from "../db/connection";
import { EvaluationRound, Mediator, MediatorLevel, OrgUnit, RoundApplication, RoundReviewer, User } from "../db/models";
import { criteriaOf } from "../levels/check";
import { schemeAt } from "../levels/scheme";
import { notify } from "../notifications";
import { orgPathInScopes, pathIds, type OrgScope } from "../org";
import type { Upload } from "../uploads";
import { moveApplication, type MoveError } from "./moves";
import { findRound, roundsOpenTo } from "./rounds";
import { rosterEntryOfAccount } from "../roster/account-entry";

/**
 * Applying in a grade evaluation round (申报): a mediator (or an admin over their committee, who
 * nominates them) starts an application for one level of the round's range, sees every criterion
 * of that level with the system's figure before submitting, writes a statement and attaches files
 * for the criteria that need evidence, saves a draft, submits (the figures are kept as submitted),
 * withdraws, and submits again after a return. Every change of stage goes through moveApplication.
 */

export type ApplyError = "notFound" | "notActive" | "scope" | "window" | "level" | "twice" | "stage" | "roundState";
export type Applicant = { id: number; ip?: string | null };

/** The round's scheme in force (with the round's exam as the exam criterion) and its criteria period. */
async function roundScheme(round: EvaluationRound) {
  const { scheme } = await schemeAt(round.orgPath);
  return { scheme: withRoundExam(scheme, round.examQuizId), period: { from: round.periodFrom, to: round.periodTo } };
}

/** The levels of a round's range with their names, highest first (`schemes`: a cache per province for a list of rounds). */
export async function roundLevels(round: EvaluationRound, schemes?: Map<number, ReturnType<typeof schemeAt>>) {
  const province = pathIds(round.orgPath)[0];
  if (schemes && !schemes.has(province)) schemes.set(province, schemeAt(round.orgPath));
  const { scheme } = await (schemes?.get(province) ?? schemeAt(round.orgPath));
  return round.levels.map((key) => ({ key, name: scheme.levels.find((l) => l.key === key)?.name ?? key }));
}

/** One mediator's criteria for one level of the round, with the system's figures (null: unknown mediator or level). */
export async function levelCheck(round: EvaluationRound, mediatorId: number, level: string): Promise<LevelCheck | null> {
  if (!round.levels.includes(level)) return null;
  const { scheme, period } = await roundScheme(round);
  return (await criteriaOf(mediatorId, scheme, period, [level]))?.[0] ?? null;
}

/** Why this mediator may not start an application in this round today (null: they may). */
export function applyRefusal(round: EvaluationRound, mediator: Pick<Mediator, "status" | "orgPath">, today = todayInChina(now())) {
  if (mediator.status !== "active") return "notActive" as const;
  if (!mediator.orgPath.startsWith(round.orgPath)) return "scope" as const;
  if (round.state !== "applications" || today < round.applicationsFrom || today > round.applicationsUntil) return "window" as const;
  return null;
}

/** The apply page's facts: the round, the signed-in person's roster entry, their application in it (if any). */
export async function applyFacts(roundId: unknown, userId: number) {
  const round = await findRound(roundId);
  if (!round) return null;
  const mediator = await rosterEntryOfAccount(userId);
  const existing = mediator ? await RoundApplication.findOne({ where: { roundId: round.id, mediatorId: mediator.id } }) : null;
  return { round, mediator, existing, ownerId: mediator ? userId : null };
}

/**
 * Starts a draft application for a mediator and one level of the round. `nominatedBy`: the admin
 * who nominates them (the mediator sees it and it follows the same path). Refused outside the
 * round's window, scope or level range, for a mediator not active, and for a second application in
 * the same round (the unique index answers even for two requests at once).
 */
export async function startApplication(
  actor: Applicant,
  roundId: number,
  mediatorId: number,
  level: string,
  options: { nominatedBy?: number | null; today?: string } = {},
): Promise<{ ok: true; application: RoundApplication } | { ok: false; error: ApplyError }> {
  const today = options.today ?? todayInChina(now());
  try {
    return await inTransaction(async (transaction) => {
      const round = Number.isSafeInteger(roundId) ? await EvaluationRound.findByPk(roundId, { transaction }) : null;
      const mediator = Number.isSafeInteger(mediatorId) ? await Mediator.findByPk(mediatorId, { transaction }) : null;
      if (!round || !mediator) return { ok: false as const, error: "notFound" as const };
      const refused = applyRefusal(round, mediator, today);
      if (refused) return { ok: false as const, error: refused };
      if (!round.levels.includes(level)) return { ok: false as const, error: "level" as const };
      if (await RoundApplication.count({ where: { roundId: round.id, mediatorId: mediator.id }, transaction })) {
        return { ok: false as const, error: "twice" as const };
      }
      // The level held now, as a key of the scheme (the open history row), not the roster's display text.
      const held = await MediatorLevel.findOne({
        where: { mediatorId: mediator.id, until: { [Op.is]: null } },
        attributes: ["level"],
        transaction,
      });
      const application = await RoundApplication.create(
        {
          roundId: round.id,
          mediatorId: mediator.id,
          userId: mediator.userId ?? null,
          committeeId: mediator.orgUnitId,
          orgPath: mediator.orgPath,
          level,
          levelBefore: held?.level ?? null,
          nominatedBy: options.nominatedBy ?? null,
        },
        { transaction },
      );
      await audit(
        {
          actorUserId: actor.id,
          action: options.nominatedBy ? "application.nominate" : "application.start",
          targetType: "round_application",
          targetId: application.id,
          orgUnitId: mediator.orgUnitId,
          after: { roundId: round.id, mediatorId: mediator.id, level },
          ip: actor.ip ?? null,
        },
        transaction,
      );
      if (options.nominatedBy && mediator.userId && mediator.userId !== actor.id) {
        await notify(
          mediator.userId,
          "roundNominated",
          { round: round.title },
          { type: "round_application", id: application.id },
          transaction,
        );
      }
      return { ok: true as const, application };
    });
  } catch (error) {
    if (error instanceof UniqueConstraintError) return { ok: false, error: "twice" };
    throw error;
  }
}

/** An application with what the access table asks of it: its committee's path, its applicant, and (once it reached them) the panel. */
export async function applicationFacts(id: unknown) {
  const n = Number(id);
  const application = Number.isSafeInteger(n) && n > 0 ? await RoundApplication.findByPk(n) : null;
  if (!application) return null;
  const round = (await EvaluationRound.findByPk(application.roundId))!;
  const panel =
    application.stage === "panel" || application.stage === "decided"
      ? (await RoundReviewer.findAll({ where: { roundId: round.id }, attributes: ["userId"] })).map((r) => r.userId)
      : [];
  return { application, round, orgPath: application.orgPath, ownerId: application.userId, namedIds: panel };
}

/** Who may edit the application's evidence: its applicant and the admins over its committee (the access table), while it is theirs to change. */
export const editable = (stage: ApplicationStage) => stage === "draft" || stage === "returned";

export type SaveError = ApplyError | "statement" | "files";
export type SaveResult = { ok: true; application: RoundApplication } | { ok: false; error: SaveError; field?: string; max?: number };

class Refused extends Error {
  constructor(readonly result: { ok: false; error: SaveError; field?: string; max?: number }) {
    super(result.error);
  }
}

/**
 * Saves a draft or submits: the level (of the round's range), a statement per evidence criterion
 * of that level and its files, in one transaction with the files. Submitting needs a statement for
 * every evidence criterion and keeps the criteria with the system's figures as they were (the
 * figures snapshot); a first submission only inside the round's window, a resubmission after a
 * return while the round still takes applications. Nothing is written when anything is refused.
 */
export async function saveApplication(
  actor: Applicant,
  applicationId: number,
  input: ApplicationInput,
  files: Record<number, Upload[]>,
  today = todayInChina(now()),
): Promise<SaveResult> {
  const found = await RoundApplication.findByPk(applicationId);
  if (!found) return { ok: false, error: "notFound" };
  const round = (await EvaluationRound.findByPk(found.roundId))!;
  if (!round.levels.includes(input.level)) return { ok: false, error: "level", field: "level" };
  // The figures are read before the transaction (they read many tables; nothing here writes them).
  const check = await levelCheck(round, found.mediatorId, input.level);
  if (!check) return { ok: false, error: "notFound" };
  const evidenceAt = check.criteria.flatMap((c, i) => (c.source === "evidence" ? [i] : []));
  const statement = (i: number) => input.evidence?.[`c${i}`]?.trim() ?? "";
  if (input.intent === "submit") {
    const missing = evidenceAt.find((i) => !statement(i));
    if (missing !== undefined) return { ok: false, error: "statement", field: `evidence.c${missing}` };
  }
  try {
    return await withAttachments((attach) =>
      inTransaction(async (transaction) => {
        const application = (await RoundApplication.findByPk(applicationId, { transaction, lock: transaction.LOCK.UPDATE }))!;
        if (!editable(application.stage)) throw new Refused({ ok: false, error: "stage" });
        const fresh = (await EvaluationRound.findByPk(application.roundId, { transaction }))!;
        if (fresh.state !== "applications") throw new Refused({ ok: false, error: "roundState" });
        if (
          input.intent === "submit" &&
          application.stage === "draft" &&
          (today < fresh.applicationsFrom || today > fresh.applicationsUntil)
        ) {
          throw new Refused({ ok: false, error: "window" });
        }
        const kept = await listAttachments("application", application.id, transaction);
        const keptIds = new Set(kept.map((a) => a.id));
        const before: Evidence = application.level === input.level ? (application.evidence ?? {}) : {};
        const evidence: Evidence = {};
        for (const i of evidenceAt) {
          const added = await attach(transaction, { kind: "application", id: application.id }, files[i] ?? [], {
            max: MAX_APPLICATION_FILES,
            uploadedBy: actor.id,
          });
          const ids = [...(before[`c${i}`]?.attachmentIds ?? []).filter((id) => keptIds.has(id)), ...added.map((a) => a.id)];
          evidence[`c${i}`] = { text: statement(i), attachmentIds: ids };
        }
        await application.update({ level: input.level, evidence }, { transaction });
        if (input.intent === "save") {
          await audit(
            {
              actorUserId: actor.id,
              action: "application.save",
              targetType: "round_application",
              targetId: application.id,
              orgUnitId: application.committeeId,
              after: { level: input.level },
              ip: actor.ip ?? null,
            },
            transaction,
          );
          return { ok: true as const, application };
        }
        const figures: SubmittedFigures = {
          level: input.level,
          criteria: check.criteria,
          meetsAutomatic: check.meetsAutomatic,
          at: now().toISOString(),
        };
        const moved = await moveApplication(actor.id, application.id, "submit", { figures, submittedAt: now() }, transaction);
        if (!moved.ok) throw new Refused({ ok: false, error: moved.error === "notFound" ? "notFound" : moved.error });
        return { ok: true as const, application: moved.application };
      }),
    );
  } catch (error) {
    if (error instanceof Refused) return error.result;
    if (error instanceof AttachmentLimitError) return { ok: false, error: "files", field: "files", max: error.max };
    throw error;
  }
}

/** The applicant (or an admin over the committee) withdraws it before the panel. */
export async function withdrawApplication(
  actor: Applicant,
  applicationId: number,
): Promise<{ ok: true } | { ok: false; error: MoveError }> {
  const moved = await moveApplication(actor.id, applicationId, "withdraw");
  return moved.ok ? { ok: true } : moved;
}

/** Everything the application page shows. */
export async function applicationView(application: RoundApplication, round: EvaluationRound) {
  const [mediator, committee, nominator, levels, files] = await Promise.all([
    Mediator.findByPk(application.mediatorId, { attributes: ["id", "name", "gradeLevel"] }),
    OrgUnit.findByPk(application.committeeId, { attributes: ["id", "name"] }),
    application.nominatedBy ? User.findByPk(application.nominatedBy, { attributes: ["id", "displayName"] }) : null,
    roundLevels(round),
    attachmentViews("application", application.id),
  ]);
  // Before submitting the figures are the system's of today; once submitted, those the applicant submitted with.
  const live = editable(application.stage) ? await levelCheck(round, application.mediatorId, application.level) : null;
  const criteria = live?.criteria ?? application.figures?.criteria ?? [];
  const meetsAutomatic = live?.meetsAutomatic ?? application.figures?.meetsAutomatic ?? false;
  const evidence = application.evidence ?? {};
  return {
    application: {
      id: application.id,
      stage: application.stage,
      level: application.level,
      levelName: levels.find((l) => l.key === application.level)?.name ?? application.level,
      returnedReason: application.returnedReason,
      submittedAt: application.submittedAt?.toISOString() ?? null,
      nominatedBy: nominator?.displayName ?? null,
      snapshotAt: live ? null : (application.figures?.at ?? null),
    },
    round: {
      id: round.id,
      title: round.title,
      state: round.state,
      applicationsFrom: round.applicationsFrom,
      applicationsUntil: round.applicationsUntil,
      periodFrom: round.periodFrom,
      periodTo: round.periodTo,
    },
    mediator: { id: mediator?.id ?? application.mediatorId, name: mediator?.name ?? "", committee: committee?.name ?? "" },
    levels,
    criteria: criteria.map((c, i) => ({
      ...c,
      index: i,
      statement: evidence[`c${i}`]?.text ?? "",
      files: files.filter((f) => evidence[`c${i}`]?.attachmentIds.includes(f.id)),
    })),
    meetsAutomatic,
    files,
  };
}

/** A mediator's applications (newest first) and the rounds open to them they have not applied in. */
export async function myApplications(userId: number, today = todayInChina(now())) {
  const mediator = await rosterEntryOfAccount(userId);
  if (!mediator) return { applications: [], open: [], active: false };
  const [applications, open] = await Promise.all([
    RoundApplication.findAll({
      where: { mediatorId: mediator.id },
      include: [{ model: EvaluationRound, as: "round", attributes: ["id", "title", "state", "levels", "orgPath"] }],
      attributes: ["id", "roundId", "level", "stage", "returnedReason", "nominatedBy"],
      order: [["id", "DESC"]],
      limit: 50,
    }),
    mediator.status === "active" ? roundsOpenTo(mediator.orgPath, today) : [],
  ]);
  const applied = new Set(applications.map((a) => a.roundId));
  const names = new Map<string, string>();
  const schemes = new Map<number, ReturnType<typeof schemeAt>>();
  for (const r of [...open, ...applications.map((a) => a.get("round") as EvaluationRound)]) {
    for (const l of await roundLevels(r, schemes)) names.set(l.key, l.name);
  }
  return {
    active: mediator.status === "active",
    applications: applications.map((a) => ({
      id: a.id,
      round: (a.get("round") as EvaluationRound).title,
      level: names.get(a.level) ?? a.level,
      stage: a.stage,
      returnedReason: a.stage === "returned" ? a.returnedReason : null,
      nominated: a.nominatedBy !== null,
    })),
    open: open
      .filter((r) => !applied.has(r.id))
      .map((r) => ({ id: r.id, title: r.title, until: r.applicationsUntil, levels: r.levels.map((k) => names.get(k) ?? k) })),
  };
}

/** Active mediators an admin may nominate in a round: inside both the admin's scopes and the round, not yet applying. */
export async function nominees(round: EvaluationRound, scopes: OrgScope[]) {
  if (!scopes.length) return [];
  const applied = getSequelize().literal(`(SELECT mediator_id FROM round_applications WHERE round_id = ${Number(round.id)})`);
  const rows = await Mediator.findAll({
    where: {
      [Op.and]: [orgPathInScopes(scopes), { status: "active", orgPath: { [Op.startsWith]: round.orgPath }, id: { [Op.notIn]: applied } }],
    },
    include: [{ model: OrgUnit, as: "committee", attributes: ["name"] }],
    attributes: ["id", "name", "orgPath"],
    order: [
      ["orgPath", "ASC"],
      ["id", "ASC"],
    ],
    limit: 500,
  });
  return rows.map((m) => ({ id: m.id, name: m.name, committee: (m.get("committee") as OrgUnit | null)?.name ?? "" }));
}

/** Whether an admin over these scopes may nominate this mediator (the mediator lies inside them). */
export async function mayNominate(scopes: OrgScope[], mediatorId: number) {
  const m = Number.isSafeInteger(mediatorId) ? await Mediator.findByPk(mediatorId, { attributes: ["id", "orgPath"] }) : null;
  return Boolean(m && withinScopes(scopes, m.orgPath));
}
