import type { Transaction } from "sequelize";
import { addDays, todayInChina } from "~/lib/dates";
import { CertificateError, issueCertificate, markDowngraded } from "../certificates/certificates";
import { Certificate, EvaluationRound, Mediator, RoundApplication, RoundObjection } from "../db/models";
import { setLevel } from "../levels/history";
import { schemeAt } from "../levels/scheme";
import { notify } from "../notifications";
import { advanceRound, type AdvanceError, type Actor } from "./rounds";

/**
 * Finalising a round (结果确定): once the announcement period is over and every objection is
 * answered, in the one transaction that makes the round final — every award sets the level (from
 * today, source "round") and issues its certificate (the previous one superseded); a downgrade to a
 * lower level does the same with the previous certificate marked downgraded; a downgrade to none
 * closes the level and marks the current certificate downgraded; "not awarded" changes nothing.
 * The applicant is told the result. Any failure undoes all of it.
 */

/** A step of finalising that cannot be done: everything is rolled back. */
export class FinaliseError extends Error {
  constructor(
    readonly code: "level" | "certificate" | "mediator",
    readonly applicationId: number,
  ) {
    super(`round not finalised: ${code} (application ${applicationId})`);
    this.name = "FinaliseError";
  }
}

/** The last day of a certificate issued on `day` for `years` years: the day before the anniversary. */
export function validUntilOf(day: string, years: number) {
  const [y, m, d] = day.split("-").map(Number);
  const anniversary = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February + n years lands on 1 March; the day before is then 28 February.
  if (anniversary.getUTCMonth() !== m - 1) anniversary.setUTCDate(1);
  return addDays(anniversary.toISOString().slice(0, 10), -1);
}

/** What finalising will do, for the confirm step, and what stands in its way. */
export async function finalisePreview(round: EvaluationRound, today = todayInChina()) {
  const decided = await RoundApplication.findAll({
    where: { roundId: round.id, stage: "decided" },
    attributes: ["outcome", "awardedLevel"],
  });
  return {
    awarded: decided.filter((a) => a.outcome === "awarded").length,
    downgradedTo: decided.filter((a) => a.outcome === "downgraded" && a.awardedLevel).length,
    downgradedNone: decided.filter((a) => a.outcome === "downgraded" && !a.awardedLevel).length,
    notAwarded: decided.filter((a) => a.outcome === "notAwarded").length,
    openObjections: await RoundObjection.count({ where: { roundId: round.id, state: "open" } }),
    announcementRunning: round.state === "announcing" && !!round.objectionsUntil && today <= round.objectionsUntil,
    state: round.state,
  };
}

export type FinaliseResult = { ok: true; round: EvaluationRound } | { ok: false; error: AdvanceError | "certificate" };

/** Makes the round final and carries out its decisions (see above), all in one transaction. */
export async function finaliseRound(actor: Actor, roundId: number, today = todayInChina()): Promise<FinaliseResult> {
  const onFinal = async (round: EvaluationRound, transaction: Transaction) => {
    const { scheme } = await schemeAt(round.orgPath);
    const nameOf = (applicationId: number, key: string) => {
      const level = scheme.levels.find((l) => l.key === key);
      if (!level) throw new FinaliseError("level", applicationId);
      return level.name;
    };
    const decided = await RoundApplication.findAll({
      where: { roundId: round.id, stage: "decided" },
      order: [["id", "ASC"]],
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    const validUntil = validUntilOf(today, round.validityYears);
    for (const a of decided) {
      const note = round.title;
      const issue = async (level: string, previous: "superseded" | "downgraded") => {
        const set = await setLevel(actor.id, a.mediatorId, { level, from: today, source: "round", note }, transaction);
        if (!set.ok) throw new FinaliseError("mediator", a.id);
        const certificate = await issueCertificate(
          actor,
          {
            mediatorId: a.mediatorId,
            level,
            levelName: nameOf(a.id, level),
            issuerOrgUnitId: round.orgUnitId,
            issuedOn: today,
            validUntil,
            roundId: round.id,
          },
          transaction,
          { previous },
        );
        await a.update({ certificateId: certificate.id }, { transaction });
      };
      if (a.outcome === "awarded" && a.awardedLevel) await issue(a.awardedLevel, "superseded");
      else if (a.outcome === "downgraded" && a.awardedLevel) await issue(a.awardedLevel, "downgraded");
      else if (a.outcome === "downgraded") {
        const set = await setLevel(actor.id, a.mediatorId, { level: null, from: today, source: "round", note }, transaction);
        if (!set.ok) throw new FinaliseError("mediator", a.id);
        const current = await Certificate.findAll({ where: { mediatorId: a.mediatorId, status: "valid" }, transaction });
        for (const c of current) {
          const marked = await markDowngraded(actor, c.id, { reason: note, on: today }, transaction);
          if (!marked.ok) throw new FinaliseError("certificate", a.id);
        }
      } else if (a.outcome !== "notAwarded") throw new FinaliseError("level", a.id);
      const userId = a.userId ?? (await Mediator.findByPk(a.mediatorId, { attributes: ["userId"], transaction }))?.userId ?? null;
      if (userId) {
        const result =
          a.outcome === "notAwarded"
            ? a.levelBefore
              ? nameOf(a.id, a.levelBefore)
              : scheme.ungradedName
            : a.awardedLevel
              ? nameOf(a.id, a.awardedLevel)
              : scheme.ungradedName;
        await notify(
          userId,
          `roundResult.${a.outcome === "notAwarded" ? (a.levelBefore ? "kept" : "ungraded") : a.awardedLevel ? "level" : "ungraded"}`,
          { title: round.title, level: result },
          { type: "round_announcement", id: round.id },
          transaction,
        );
      }
    }
  };
  try {
    return await advanceRound(actor, roundId, "final", today, onFinal);
  } catch (e) {
    if (e instanceof FinaliseError || e instanceof CertificateError) return { ok: false, error: "certificate" };
    throw e;
  }
}
