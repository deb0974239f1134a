import { Op, type Transaction } from "sequelize";
import { audit } from "../audit";
import { inTransaction } from "../db/connection";
import { Mediator, MediatorLevel } from "../db/models";
import type { LevelSource } from "../db/models/GradeLevel";
import { schemeAt } from "./scheme";
import { publicPagesChangeOnCommit } from "../public-pages";

/**
 * The history of a mediator's levels (mediator_levels): at most one open row (until null) at a
 * time. Setting a level closes the open row on the new row's first day and keeps the roster's
 * current-level field (mediators.grade_level) equal to the open row's level.
 */
export async function levelHistory(mediatorId: number, orgPath: string) {
  const rows = await MediatorLevel.findAll({
    where: { mediatorId },
    order: [
      ["from", "DESC"],
      ["id", "DESC"],
    ],
  });
  const { scheme } = await schemeAt(orgPath);
  return rows.map((r) => ({
    id: r.id,
    level: r.level,
    name: scheme.levels.find((l) => l.key === r.level)?.name ?? r.level,
    from: String(r.from).slice(0, 10),
    until: r.until ? String(r.until).slice(0, 10) : null,
    source: r.source,
    note: r.note,
  }));
}
export type LevelHistoryRow = Awaited<ReturnType<typeof levelHistory>>[number];

export type NewLevel = { level: string | null; from: string; source: LevelSource; note?: string | null };

/** Records a new level (null: 未定级, the open row is only closed); audited; in the caller's transaction if given. */
export async function setLevel(actorId: number | null, mediatorId: number, change: NewLevel, within?: Transaction | null) {
  return inTransaction(async (transaction) => {
    await publicPagesChangeOnCommit(transaction, "/verify", "/rooms");
    const mediator = await Mediator.findByPk(mediatorId, {
      transaction,
      lock: transaction.LOCK.UPDATE,
      attributes: ["id", "orgUnitId", "gradeLevel"],
    });
    if (!mediator) return { ok: false as const, error: "notFound" as const };
    const open = await MediatorLevel.findAll({
      where: { mediatorId, until: { [Op.is]: null } },
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    for (const row of open) await row.update({ until: change.from }, { transaction });
    if (change.level)
      await MediatorLevel.create(
        {
          mediatorId,
          level: change.level,
          from: change.from,
          until: null,
          source: change.source,
          note: change.note ?? null,
          createdBy: actorId,
        },
        { transaction },
      );
    await Mediator.update({ gradeLevel: change.level }, { where: { id: mediatorId }, transaction });
    await audit(
      {
        actorUserId: actorId,
        action: "mediator.level_set",
        targetType: "mediator",
        targetId: mediatorId,
        orgUnitId: mediator.orgUnitId,
        before: { level: mediator.gradeLevel },
        after: { level: change.level, from: change.from, source: change.source },
        reason: change.note ?? null,
      },
      transaction,
    );
    return { ok: true as const };
  }, within);
}
