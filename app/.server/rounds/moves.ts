import type { Transaction } from "sequelize";
import { APPLICATION_MOVES, MOVE_ROUND_STATES, canMove, type ApplicationMove } from "~/lib/rounds";
import { audit } from "../audit";
import { inTransaction } from "../db/connection";
import { EvaluationRound, RoundApplication } from "../db/models";
import { publicPagesChangeOnCommit } from "../public-pages";

/**
 * The one way an application changes stage: the move must start from the application's stage and
 * be allowed in the round's state (app/lib/rounds.ts), checked with both rows locked; `apply`
 * writes the move's own fields; one audit row records before and after. Callers check who may
 * make the move (access table and scope) before calling.
 */
export type MoveError = "notFound" | "stage" | "roundState";

export async function moveApplication(
  actorId: number | null,
  applicationId: number,
  move: ApplicationMove,
  fields: Partial<
    Pick<
      RoundApplication,
      | "returnedReason"
      | "outcome"
      | "awardedLevel"
      | "decisionReason"
      | "decidedBy"
      | "decidedAt"
      | "submittedAt"
      | "figures"
      | "evidence"
      | "score"
    >
  > = {},
  within?: Transaction | null,
  extra?: (application: RoundApplication, round: EvaluationRound, transaction: Transaction) => Promise<void>,
): Promise<{ ok: true; application: RoundApplication } | { ok: false; error: MoveError }> {
  return inTransaction(async (transaction) => {
    const application = Number.isSafeInteger(applicationId)
      ? await RoundApplication.findByPk(applicationId, { transaction, lock: transaction.LOCK.UPDATE })
      : null;
    if (!application) return { ok: false as const, error: "notFound" as const };
    await publicPagesChangeOnCommit(transaction, `/announcements/${application.roundId}`);
    const round = await EvaluationRound.findByPk(application.roundId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!round) return { ok: false as const, error: "notFound" as const };
    if (!canMove(move, application.stage)) return { ok: false as const, error: "stage" as const };
    if (!MOVE_ROUND_STATES[move].includes(round.state)) return { ok: false as const, error: "roundState" as const };
    const before = { stage: application.stage, outcome: application.outcome, awardedLevel: application.awardedLevel };
    await application.update({ ...fields, stage: APPLICATION_MOVES[move].to }, { transaction });
    // The round's results changed: the report's cached distributions (report.ts) are keyed by this.
    if (before.stage === "decided" || application.stage === "decided") await round.increment("resultsVersion", { transaction });
    if (extra) await extra(application, round, transaction);
    await audit(
      {
        actorUserId: actorId,
        action: `application.${move}`,
        targetType: "round_application",
        targetId: application.id,
        orgUnitId: application.committeeId,
        before,
        after: { stage: application.stage, outcome: application.outcome, awardedLevel: application.awardedLevel },
        reason: fields.returnedReason ?? fields.decisionReason ?? null,
      },
      transaction,
    );
    return { ok: true as const, application };
  }, within);
}
