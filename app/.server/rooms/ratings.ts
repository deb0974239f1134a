import { Op, QueryTypes, type Transaction } from "sequelize";
import { todayInChina } from "~/lib/dates";
import { proposeSheet, ratingWindow, ratingYearOn, type RatingInput, type SheetEvidence, type StarSheet } from "~/lib/rooms";
import { audit } from "../audit";
import { now } from "../clock";
import { getSequelize, inTransaction } from "../db/connection";
import { MediationRoom, MediationRoomMediator, Mediator, MediatorLevel, RoomRating } from "../db/models";
import { publicPagesChangeOnCommit } from "../public-pages";
import { levelsAt } from "./eligibility";
import { countyPathOf, moverKinds, type RoomMover } from "./moves";
import { policyAt } from "./policy";

/**
 * The yearly star rating (评星定级). The system proposes a sheet from the year's evidence
 * (lib/rooms.ts proposeSheet): the room's mediators' files in the register's rollups (handled,
 * successful, followed up), the mean 卷宗评查 score of their files closed in the year that a review
 * scored, their levels now, and the trainings the room hosted — training events organised at the
 * room's committee, or naming one of its mediators as a trainer, held in the year. The bureau
 * (an admin on the room's county or above) confirms the proposed stars or gives others with a
 * reason, inside the node's rating window; once a year per room, changed again only with a reason.
 */
const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");

export async function sheetEvidence(room: MediationRoom, year: number, transaction?: Transaction): Promise<SheetEvidence> {
  const links = await MediationRoomMediator.findAll({ where: { roomId: room.id }, transaction });
  const ids = links.map((l) => l.mediatorId);
  const sequelize = getSequelize();
  const none = ids.length === 0;
  const [counts] = none
    ? [{ handled: 0, successful: 0, followed_up: 0 }]
    : ((await sequelize.query(
        `SELECT COALESCE(SUM(handled), 0) AS handled, COALESCE(SUM(successful), 0) AS successful, COALESCE(SUM(followed_up), 0) AS followed_up
           FROM mediator_case_years WHERE year = ? AND mediator_id IN (${marks(ids.length)})`,
        { replacements: [year, ...ids], type: QueryTypes.SELECT, transaction },
      )) as { handled: number; successful: number; followed_up: number }[]);
  const [review] = none
    ? [{ mean: null }]
    : ((await sequelize.query(
        `SELECT AVG(i.score) AS mean FROM case_review_items i JOIN case_files f ON f.id = i.case_file_id
          WHERE i.primary_mediator_id IN (${marks(ids.length)}) AND i.score IS NOT NULL AND f.closed_on >= ? AND f.closed_on <= ?`,
        { replacements: [...ids, `${year}-01-01`, `${year}-12-31`], type: QueryTypes.SELECT, transaction },
      )) as { mean: number | string | null }[]);
  const people = none ? [] : await Mediator.findAll({ where: { id: ids }, attributes: ["id", "userId"], transaction });
  const userIds = people.map((p) => p.userId).filter((u): u is number => u !== null);
  const [trainings] = (await sequelize.query(
    `SELECT COUNT(DISTINCT e.id) AS n FROM training_events e
      WHERE e.status <> 'cancelled' AND e.starts_at >= ? AND e.starts_at < ?
        AND (e.org_unit_id = ?${userIds.length ? ` OR e.id IN (SELECT t.event_id FROM event_trainers t WHERE t.user_id IN (${marks(userIds.length)}))` : ""})`,
    {
      replacements: [new Date(`${year}-01-01T00:00:00+08:00`), new Date(`${year + 1}-01-01T00:00:00+08:00`), room.committeeId, ...userIds],
      type: QueryTypes.SELECT,
      transaction,
    },
  )) as { n: number }[];
  const levels = await levelsAt(room.orgPath);
  const held = none
    ? []
    : await MediatorLevel.findAll({
        where: { mediatorId: ids, until: { [Op.is]: null } },
        attributes: ["mediatorId", "level"],
        transaction,
      });
  const rankOf = (id: number) => {
    const level = held.find((h) => h.mediatorId === id)?.level;
    const rank = level ? levels.findIndex((l) => l.key === level) : -1;
    return rank >= 0 ? rank : null;
  };
  return {
    mediators: ids.length,
    handled: Number(counts.handled),
    successful: Number(counts.successful),
    followedUp: Number(counts.followed_up),
    fileReviewMean: review.mean === null || review.mean === undefined ? null : Math.round(Number(review.mean) * 10) / 10,
    levelRanks: ids.map(rankOf),
    levelCount: levels.length,
    trainings: Number(trainings.n),
  };
}

/** The sheet the system proposes for a room and year. */
export const proposeRating = async (room: MediationRoom, year: number, transaction?: Transaction): Promise<StarSheet> =>
  proposeSheet(year, await sheetEvidence(room, year, transaction));

/** The year a room may be rated today (null: outside the window), and the window of that or the next year. */
export async function ratingWindowFor(room: Pick<MediationRoom, "orgPath">, today = todayInChina(now())) {
  const { policy } = await policyAt(room.orgPath);
  const year = ratingYearOn(policy, today);
  const next = ratingWindow(policy, Number(today.slice(0, 4)));
  return { year, window: year === null ? next : ratingWindow(policy, year) };
}

export type RateError = "notFound" | "notAllowed" | "status" | "window" | "year" | "reason";

/** The bureau rates a named room for the open year. */
export async function rateRoom(
  actor: RoomMover,
  roomId: number,
  input: RatingInput,
  today = todayInChina(now()),
): Promise<{ ok: true; rating: RoomRating } | { ok: false; error: RateError }> {
  return inTransaction(async (transaction) => {
    const room = Number.isSafeInteger(roomId) ? await MediationRoom.findByPk(roomId, { transaction, lock: transaction.LOCK.UPDATE }) : null;
    if (!room) return { ok: false as const, error: "notFound" as const };
    if (!moverKinds(actor, room, await countyPathOf(room, transaction)).has("bureau"))
      return { ok: false as const, error: "notAllowed" as const };
    if (room.status !== "named") return { ok: false as const, error: "status" as const };
    const { policy } = await policyAt(room.orgPath, transaction);
    const open = ratingYearOn(policy, today);
    if (open === null) return { ok: false as const, error: "window" as const };
    if (input.year !== open) return { ok: false as const, error: "year" as const };
    const sheet = await proposeRating(room, open, transaction);
    const existing = await RoomRating.findOne({ where: { roomId: room.id, year: open }, transaction, lock: transaction.LOCK.UPDATE });
    const reason = input.reason?.trim() || null;
    if ((input.stars !== sheet.stars || existing) && !reason) return { ok: false as const, error: "reason" as const };
    const before = existing ? { stars: existing.stars, reason: existing.reason } : null;
    const fields = { proposed: sheet, proposedStars: sheet.stars, stars: input.stars, reason, confirmedBy: actor.id };
    const rating = existing
      ? await existing.update(fields, { transaction })
      : await RoomRating.create({ roomId: room.id, year: open, ...fields }, { transaction });
    if (room.starsYear === null || room.starsYear <= open) await room.update({ stars: input.stars, starsYear: open }, { transaction });
    await audit(
      {
        actorUserId: actor.id,
        action: "room.rate",
        targetType: "mediation_room",
        targetId: room.id,
        orgUnitId: room.committeeId,
        before,
        after: { year: open, stars: input.stars, proposed: sheet.stars, score: sheet.score },
        reason,
        ip: actor.ip ?? null,
      },
      transaction,
    );
    await publicPagesChangeOnCommit(transaction, "/rooms");
    return { ok: true as const, rating };
  });
}

/** A room's ratings, newest first. */
export const ratingsOf = (roomId: number) => RoomRating.findAll({ where: { roomId }, order: [["year", "DESC"]] });
