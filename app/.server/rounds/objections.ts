import { Op, type WhereOptions } from "sequelize";
import { bureauName, maskName } from "~/lib/certificate";
import { todayInChina } from "~/lib/dates";
import type { AnswerInput, ObjectionInput, PublicResult } from "~/lib/round-panel";
import { withinScopes } from "../access";
import { audit } from "../audit";
import { takeObjectionTry } from "../auth/rate-limit";
import { inTransaction } from "../db/connection";
import { EvaluationRound, Mediator, OrgUnit, RoundApplication, RoundObjection, User } from "../db/models";
import { schemeAt } from "../levels/scheme";
import { decideApplication, type DecisionError } from "./decisions";
import { pageOf } from "./pages";
import { UNGRADED } from "./report";
import type { Actor } from "./rounds";

/**
 * The public announcement (公示) of a round's results and the objections (异议) to it. The notice
 * shows what a bureau's printed notice shows — the masked name, the committee, the result, the
 * deadline — and nothing private (no full name, phone, ID, score or reason). Anyone may object
 * during the announcement period (name and contact are kept for the bureau, never shown); the
 * bureau answers each objection, and may decide the application again in the same transaction.
 */

/** What the public notice says of a decided application. */
export function publicResult(
  a: Pick<RoundApplication, "outcome" | "awardedLevel" | "levelBefore">,
  names: Map<string, string>,
  ungraded: string,
): PublicResult {
  const name = (key: string | null) => (key ? (names.get(key) ?? key) : ungraded);
  if (a.outcome === "awarded") return { kind: "level", name: name(a.awardedLevel) };
  if (a.outcome === "notAwarded") return a.levelBefore ? { kind: "kept", name: name(a.levelBefore) } : { kind: "ungraded", name: ungraded };
  return a.awardedLevel ? { kind: "level", name: name(a.awardedLevel) } : { kind: "ungraded", name: ungraded };
}

/** How many results one page of the public notice shows. */
export const ANNOUNCEMENT_PAGE_SIZE = 50;

/** What the public notice is asked for: a page, a search in committee and org names, a resulting level, the application objected to. */
export type AnnouncementQuery = { page?: number; q?: string; level?: string; object?: number };

/** Reads the notice's query string leniently: anything malformed is ignored, never refused. */
export function announcementQuery(params: URLSearchParams): AnnouncementQuery {
  const int = (v: string | null) => (v && /^\d{1,9}$/.test(v) ? Number(v) : undefined);
  const q = (params.get("q") ?? "")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069%_\\]/g, "")
    .trim()
    .slice(0, 40);
  const level = (params.get("level") ?? "").trim();
  return {
    page: int(params.get("page")),
    q: q || undefined,
    level: /^[\w-]{1,16}$/.test(level) ? level : undefined,
    object: int(params.get("object")),
  };
}

const announcingOpen = (round: EvaluationRound, today: string) =>
  round.state === "announcing" &&
  !!round.announcedOn &&
  !!round.objectionsUntil &&
  round.announcedOn <= today &&
  today <= round.objectionsUntil;

/**
 * The committees (by id) whose own name or an ancestor's name within the round contains the text:
 * the units of the round's subtree that match, then every unit under a match that is not a leaf.
 */
async function committeesMatching(round: EvaluationRound, text: string): Promise<number[]> {
  const matched = await OrgUnit.findAll({
    where: { path: { [Op.startsWith]: round.orgPath }, name: { [Op.substring]: text } },
    attributes: ["id", "kind", "path"],
    limit: 5000,
  });
  const ids = new Set(matched.map((u) => u.id));
  // Keep only the outermost matches that are not committees, and take everything under them.
  const outer = matched
    .filter((u) => u.kind !== "committee")
    .sort((a, b) => a.path.length - b.path.length)
    .filter((u, i, all) => !all.slice(0, i).some((o) => u.path.startsWith(o.path)));
  for (let i = 0; i < outer.length; i += 50) {
    const below = await OrgUnit.findAll({
      where: { [Op.or]: outer.slice(i, i + 50).map((u) => ({ path: { [Op.startsWith]: u.path } })) },
      attributes: ["id"],
    });
    for (const u of below) ids.add(u.id);
  }
  return [...ids];
}

/** The condition "the result the notice shows is this level" (UNGRADED: none) over round_applications. */
function resultLevelIs(key: string): WhereOptions {
  const level = key === UNGRADED ? null : key;
  return {
    [Op.or]: [
      { outcome: { [Op.in]: ["awarded", "downgraded"] }, awardedLevel: level },
      { outcome: "notAwarded", levelBefore: level },
    ],
  };
}

/**
 * The announcement of a round that is announcing or final (null otherwise, or for an unknown id):
 * one page of its decided applications (ANNOUNCEMENT_PAGE_SIZE, by committee), optionally only
 * those of committees whose name or whose township's, county's… name contains `q`, or only those
 * whose result is `level`; and, when `object` names a decided application of the round, that one
 * (masked) for the objection form.
 */
export async function announcementOf(roundId: unknown, query: AnnouncementQuery = {}, today = todayInChina()) {
  const id = Number(roundId);
  const round = Number.isSafeInteger(id) && id > 0 ? await EvaluationRound.findByPk(id) : null;
  if (!round || (round.state !== "announcing" && round.state !== "final")) return null;
  const [node, { scheme }] = await Promise.all([
    OrgUnit.findByPk(round.orgUnitId, { attributes: ["kind", "name"] }),
    schemeAt(round.orgPath),
  ]);
  const names = new Map(scheme.levels.map((l) => [l.key, l.name]));
  const levels = [...scheme.levels.map((l) => ({ key: l.key, name: l.name })), { key: UNGRADED, name: scheme.ungradedName }];
  const level = query.level && levels.some((l) => l.key === query.level) ? query.level : null;
  const q = query.q?.trim() || null;
  const where: WhereOptions[] = [{ roundId: round.id, stage: "decided" }];
  if (level) where.push(resultLevelIs(level));
  if (q) where.push({ committeeId: { [Op.in]: await committeesMatching(round, q) } });
  const total = await RoundApplication.count({ where: { [Op.and]: where } });
  const pages = Math.max(1, Math.ceil(total / ANNOUNCEMENT_PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, query.page ?? 1));
  const attributes = ["id", "mediatorId", "committeeId", "level", "outcome", "awardedLevel", "levelBefore"];
  const include = [
    { model: Mediator, as: "mediator", attributes: ["name"] },
    { model: OrgUnit, as: "committee", attributes: ["name"] },
  ];
  const [apps, target] = await Promise.all([
    total ? pageOf({ [Op.and]: where }, (page - 1) * ANNOUNCEMENT_PAGE_SIZE, ANNOUNCEMENT_PAGE_SIZE, attributes, include) : [],
    query.object
      ? RoundApplication.findOne({ where: { id: query.object, roundId: round.id, stage: "decided" }, attributes, include })
      : null,
  ]);
  const row = (a: RoundApplication) => ({
    id: a.id,
    name: maskName((a.get("mediator") as Mediator).name),
    committee: (a.get("committee") as OrgUnit | null)?.name ?? "",
    applied: names.get(a.level) ?? a.level,
    result: publicResult(a, names, scheme.ungradedName),
  });
  return {
    round: {
      id: round.id,
      title: round.title,
      bureau: bureauName(node!.kind, node!.name),
      periodFrom: round.periodFrom,
      periodTo: round.periodTo,
      announcedOn: round.announcedOn,
      objectionsUntil: round.objectionsUntil,
      state: round.state,
    },
    open: announcingOpen(round, today),
    levels,
    filter: { q, level },
    page,
    pages,
    total,
    rows: apps.map(row),
    /** The application the objection form is about; `missing` when the one asked for is not on the notice. */
    object: target ? row(target) : null,
    objectMissing: !!query.object && !target,
  };
}

export type FileObjectionError = "notFound" | "closed" | "limited" | "application";

/**
 * Files an objection from the public page: only while the announcement runs, at most
 * OBJECTION_LIMIT per address and window (counted before anything else is judged), about a decided
 * application of this round or the round as a whole. Audited without the objector's contact.
 */
export async function fileObjection(
  roundId: number,
  input: ObjectionInput,
  ip: string,
  today = todayInChina(),
  now = Date.now(),
): Promise<{ ok: true; id: number } | { ok: false; error: FileObjectionError; minutes?: number }> {
  const round = Number.isSafeInteger(roundId) ? await EvaluationRound.findByPk(roundId) : null;
  if (!round || (round.state !== "announcing" && round.state !== "final")) return { ok: false, error: "notFound" };
  if (!announcingOpen(round, today)) return { ok: false, error: "closed" };
  const verdict = await takeObjectionTry(ip, now);
  if (!verdict.ok) return { ok: false, error: "limited", minutes: verdict.minutes };
  if (input.applicationId) {
    const target = await RoundApplication.findByPk(input.applicationId, { attributes: ["id", "roundId", "stage"] });
    if (!target || target.roundId !== round.id || target.stage !== "decided") return { ok: false, error: "application" };
  }
  return inTransaction(async (transaction) => {
    const objection = await RoundObjection.create(
      {
        roundId: round.id,
        applicationId: input.applicationId ?? null,
        objector: input.objector,
        contact: input.contact,
        text: input.text,
      },
      { transaction },
    );
    await audit(
      {
        actorUserId: null,
        action: "round.objection",
        targetType: "round_objection",
        targetId: objection.id,
        orgUnitId: round.orgUnitId,
        after: { roundId: round.id, applicationId: objection.applicationId },
        ip,
      },
      transaction,
    );
    return { ok: true as const, id: objection.id };
  });
}

/** A round's objections for its admins, the open ones first. */
export async function objectionsOf(round: EvaluationRound) {
  const rows = await RoundObjection.findAll({
    where: { roundId: round.id },
    include: [
      {
        model: RoundApplication,
        as: "application",
        attributes: ["id", "level", "outcome", "awardedLevel", "levelBefore", "stage"],
        include: [{ model: Mediator, as: "mediator", attributes: ["name"] }],
      },
    ],
    order: [
      ["state", "DESC"],
      ["id", "ASC"],
    ],
  });
  const { scheme } = await schemeAt(round.orgPath);
  const names = new Map(scheme.levels.map((l) => [l.key, l.name]));
  const answerers = await User.findAll({
    where: { id: rows.map((r) => r.answeredBy).filter((v): v is number => v !== null) },
    attributes: ["id", "displayName", "username"],
  });
  const by = new Map(answerers.map((u) => [u.id, u.displayName || u.username]));
  return {
    levels: scheme.levels.map((l) => ({ key: l.key, name: l.name })),
    rows: rows
      .sort((a, b) => (a.state === b.state ? a.id - b.id : a.state === "open" ? -1 : 1))
      .map((o) => {
        const app = o.get("application") as (RoundApplication & { mediator?: Mediator }) | null;
        return {
          id: o.id,
          objector: o.objector,
          contact: o.contact,
          text: o.text,
          state: o.state,
          answer: o.answer,
          answeredBy: o.answeredBy ? (by.get(o.answeredBy) ?? null) : null,
          createdAt: o.createdAt.toISOString(),
          application: app
            ? {
                id: app.id,
                name: (app.get("mediator") as Mediator | null)?.name ?? "",
                levelBefore: app.levelBefore,
                result: publicResult(app, names, scheme.ungradedName),
              }
            : null,
        };
      }),
  };
}

export type AnswerError = DecisionError | "answered" | "noApplication";

/**
 * Answers an objection (its text required), and when asked decides its application again
 * (decideApplication, the same checks) — both in one transaction, so a refused decision leaves the
 * objection open.
 */
export async function answerObjection(
  actor: Actor,
  objectionId: number,
  input: AnswerInput,
): Promise<{ ok: true } | { ok: false; error: AnswerError }> {
  return inTransaction(async (transaction) => {
    const objection = Number.isSafeInteger(objectionId)
      ? await RoundObjection.findByPk(objectionId, { transaction, lock: transaction.LOCK.UPDATE })
      : null;
    if (!objection) return { ok: false as const, error: "notFound" as const };
    const round = (await EvaluationRound.findByPk(objection.roundId, { transaction }))!;
    if (!withinScopes(actor.scopes, round.orgPath)) return { ok: false as const, error: "scope" as const };
    if (round.state === "final") return { ok: false as const, error: "roundState" as const };
    if (objection.state !== "open") return { ok: false as const, error: "answered" as const };
    if (input.redecide) {
      if (!objection.applicationId) return { ok: false as const, error: "noApplication" as const };
      if (!input.outcome) return { ok: false as const, error: "level" as const };
      const decided = await decideApplication(
        actor,
        objection.applicationId,
        { outcome: input.outcome, level: input.level, reason: input.reason ?? "" },
        transaction,
      );
      if (!decided.ok) return decided;
    }
    await objection.update({ state: "answered", answer: input.answer, answeredBy: actor.id, answeredAt: new Date() }, { transaction });
    await audit(
      {
        actorUserId: actor.id,
        action: "round.objection_answer",
        targetType: "round_objection",
        targetId: objection.id,
        orgUnitId: round.orgUnitId,
        after: { state: "answered", redecided: input.redecide },
        reason: input.answer,
        ip: actor.ip ?? null,
      },
      transaction,
    );
    return { ok: true as const };
  });
}
