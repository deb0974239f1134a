import type { Transaction } from "sequelize";
import type { DecisionInput } from "~/lib/round-panel";
import type { Outcome, SubmittedFigures } from "~/lib/rounds";
import { withinScopes } from "../access";
import { EvaluationRound, Mediator, OrgUnit, RoundApplication, RoundScore } from "../db/models";
import { schemeAt } from "../levels/scheme";
import { moveApplication, type MoveError } from "./moves";
import { pageOf } from "./pages";
import type { Actor } from "./rounds";

/**
 * The bureau's decisions on a round's applications (评审结果): awarded (a level within the round's
 * range, not above the one applied for), not awarded (the applicant keeps what they held, or stays
 * 未定级), downgraded (a level below the one held, or none). Every decision carries a reason and is
 * a moveApplication "decide"; before the announcement a decision can be reopened.
 */

export type DecisionError = MoveError | "scope" | "level" | "downgrade" | "reason";

/** How many applications one page of the decisions list shows. */
export const DECISIONS_PAGE_SIZE = 50;
import { DECISION_VIEWS, type DecisionView } from "~/lib/rounds";
export { DECISION_VIEWS, type DecisionView };

/** Reads the list's query string leniently (a bad page or view falls back to the first / all). */
export function decisionQuery(params: URLSearchParams): { page: number; show: DecisionView } {
  const page = params.get("page");
  const show = params.get("show") as DecisionView;
  return { page: page && /^\d{1,9}$/.test(page) ? Number(page) : 1, show: DECISION_VIEWS.includes(show) ? show : "all" };
}

/** Whether an application is on the decisions list of a round (at the panel or decided). */
export async function onDecisionList(round: EvaluationRound, applicationId: number): Promise<boolean> {
  if (!Number.isSafeInteger(applicationId) || applicationId <= 0) return false;
  return (await RoundApplication.count({ where: { id: applicationId, roundId: round.id, stage: ["panel", "decided"] } })) > 0;
}

/**
 * One page (DECISIONS_PAGE_SIZE, by committee and id) of the applications at the panel or decided — or only
 * those waiting for a decision, or only the decided ones — with their figures, combined score and
 * sheet count, and how many there are at each of the two stages.
 */
export async function decisionList(round: EvaluationRound, query: { page?: number; show?: DecisionView } = {}) {
  const show = query.show ?? "all";
  const stage = show === "all" ? ["panel", "decided"] : [show];
  const counted = (await RoundApplication.count({
    where: { roundId: round.id, stage: ["panel", "decided"] },
    group: ["stage"],
  })) as unknown as { stage: string; count: number | string }[];
  const counts = { panel: 0, decided: 0 };
  for (const c of counted) counts[c.stage as "panel" | "decided"] = Number(c.count);
  const total = show === "all" ? counts.panel + counts.decided : counts[show];
  const pages = Math.max(1, Math.ceil(total / DECISIONS_PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, query.page ?? 1));
  const apps = total
    ? await pageOf(
        { roundId: round.id, stage },
        (page - 1) * DECISIONS_PAGE_SIZE,
        DECISIONS_PAGE_SIZE,
        Object.keys(RoundApplication.getAttributes()),
        [
          { model: Mediator, as: "mediator", attributes: ["id", "name"] },
          { model: OrgUnit, as: "committee", attributes: ["name"] },
        ],
      )
    : [];
  const sheets = new Map<number, number>();
  if (apps.length)
    for (const s of await RoundScore.findAll({ where: { applicationId: apps.map((a) => a.id) }, attributes: ["applicationId"] }))
      sheets.set(s.applicationId, (sheets.get(s.applicationId) ?? 0) + 1);
  const { scheme } = await schemeAt(round.orgPath);
  const nameOf = (key: string | null) => (key ? (scheme.levels.find((l) => l.key === key)?.name ?? key) : null);
  return {
    levels: scheme.levels.map((l) => ({ key: l.key, name: l.name })),
    ungradedName: scheme.ungradedName,
    show,
    page,
    pages,
    total,
    counts,
    rows: apps.map((a) => {
      const figures = a.figures as SubmittedFigures | null;
      const criteria = figures?.criteria ?? [];
      return {
        id: a.id,
        name: (a.get("mediator") as Mediator).name,
        committee: (a.get("committee") as OrgUnit | null)?.name ?? "",
        level: a.level,
        levelName: nameOf(a.level)!,
        levelBefore: a.levelBefore,
        levelBeforeName: nameOf(a.levelBefore),
        stage: a.stage,
        met: criteria.filter((c) => c.status === "met").length,
        unmet: criteria.filter((c) => c.status === "notMet" || c.status === "noData").length,
        meetsAutomatic: figures?.meetsAutomatic ?? null,
        score: a.score === null ? null : Number(a.score),
        sheets: sheets.get(a.id) ?? 0,
        outcome: a.outcome,
        awardedLevel: a.awardedLevel,
        awardedLevelName: nameOf(a.awardedLevel),
        reason: a.decisionReason,
      };
    }),
  };
}

/** Checks a decision against the round and the application; the level it records (null: none). */
export async function checkDecision(
  round: EvaluationRound,
  application: RoundApplication,
  input: { outcome: Outcome; level?: string | null; reason: string },
): Promise<{ ok: true; awardedLevel: string | null } | { ok: false; error: "level" | "downgrade" | "reason" }> {
  if (!input.reason?.trim()) return { ok: false, error: "reason" };
  const { scheme } = await schemeAt(round.orgPath);
  const rank = (key: string | null | undefined) => (key ? scheme.levels.findIndex((l) => l.key === key) : -1);
  const level = input.level?.trim() || null;
  if (input.outcome === "awarded") {
    // Within the round's range, and not above the level applied for (the scheme lists the highest first).
    if (!level || !round.levels.includes(level) || rank(level) < rank(application.level)) return { ok: false, error: "level" };
    return { ok: true, awardedLevel: level };
  }
  if (input.outcome === "notAwarded") {
    if (level) return { ok: false, error: "level" };
    return { ok: true, awardedLevel: null };
  }
  // Downgraded: below the level held before, or none; only a mediator who held one can be downgraded.
  if (!application.levelBefore || rank(application.levelBefore) < 0) return { ok: false, error: "downgrade" };
  if (level && (rank(level) < 0 || rank(level) <= rank(application.levelBefore))) return { ok: false, error: "downgrade" };
  return { ok: true, awardedLevel: level };
}

/** Decides (or decides again, until the round is final) one application of a round in the admin's scopes. */
export async function decideApplication(
  actor: Actor,
  applicationId: number,
  input: DecisionInput,
  within?: Transaction | null,
): Promise<{ ok: true; application: RoundApplication } | { ok: false; error: DecisionError }> {
  const application = Number.isSafeInteger(applicationId)
    ? await RoundApplication.findByPk(applicationId, { transaction: within ?? undefined })
    : null;
  if (!application) return { ok: false, error: "notFound" };
  const round = (await EvaluationRound.findByPk(application.roundId, { transaction: within ?? undefined }))!;
  if (!withinScopes(actor.scopes, round.orgPath)) return { ok: false, error: "scope" };
  const checked = await checkDecision(round, application, input);
  if (!checked.ok) return checked;
  return moveApplication(
    actor.id,
    application.id,
    "decide",
    {
      outcome: input.outcome,
      awardedLevel: checked.awardedLevel,
      decisionReason: input.reason.trim(),
      decidedBy: actor.id,
      decidedAt: new Date(),
    },
    within,
  );
}

/** Takes a decision back to the panel (only before the announcement: the move allows it while reviewing). */
export async function reopenApplication(
  actor: Actor,
  applicationId: number,
): Promise<{ ok: true; application: RoundApplication } | { ok: false; error: DecisionError }> {
  const application = Number.isSafeInteger(applicationId) ? await RoundApplication.findByPk(applicationId) : null;
  if (!application) return { ok: false, error: "notFound" };
  const round = (await EvaluationRound.findByPk(application.roundId))!;
  if (!withinScopes(actor.scopes, round.orgPath)) return { ok: false, error: "scope" };
  return moveApplication(actor.id, application.id, "reopen", {
    outcome: null,
    awardedLevel: null,
    decisionReason: null,
    decidedBy: null,
    decidedAt: null,
  });
}
