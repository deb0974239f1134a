import type { Transaction } from "sequelize";
import { todayInChina } from "~/lib/dates";
import type { Role } from "~/lib/roles";
import { PUBLIC_STATUSES, ROOM_MOVES, canMoveRoom, type RoomActorKind, type RoomMove, type RoomStatus } from "~/lib/rooms";
import { audit } from "../audit";
import { now } from "../clock";
import { inTransaction } from "../db/connection";
import { MediationRoom, OrgUnit } from "../db/models";
import { publicPagesChangeOnCommit } from "../public-pages";

/**
 * The one way a room changes status: the move must start from the room's status (ROOM_MOVES in
 * app/lib/rooms.ts) and be made by whom the move names — the applicant (or an admin over the
 * room), the committee (an admin on the room's committee or the node right above it, its 司法所),
 * or the bureau (an admin on the room's county or above). Checked with the room's row locked;
 * one audit row records before and after, with the reason. A change a public page shows tells
 * the public page cache (publicPagesChanged) once it commits.
 */
export type RoomMover = { id: number; grants: readonly { role: Role; orgUnitId: number; orgPath: string }[]; ip?: string | null };
export type MoveError = "notFound" | "status" | "notAllowed";

const ADMIN_ROLES: readonly Role[] = ["bureau_admin", "sysadmin"];
const parentPath = (path: string) => path.replace(/\d+\/$/, "");

/** Which kinds of mover this user is for this room (county: the room's county node path). */
export function moverKinds(user: RoomMover, room: Pick<MediationRoom, "appliedBy" | "committeeId" | "orgPath">, countyPath: string) {
  const grants = user.grants.filter((g) => ADMIN_ROLES.includes(g.role));
  const kinds = new Set<RoomActorKind>();
  if (room.appliedBy === user.id || grants.some((g) => room.orgPath.startsWith(g.orgPath))) kinds.add("applicant");
  if (grants.some((g) => g.orgUnitId === room.committeeId || g.orgPath === parentPath(room.orgPath))) kinds.add("committee");
  if (grants.some((g) => countyPath.startsWith(g.orgPath))) kinds.add("bureau");
  return kinds;
}

/** The moves this user may make on the room now. */
export function movesFor(user: RoomMover, room: MediationRoom, countyPath: string): RoomMove[] {
  const kinds = moverKinds(user, room, countyPath);
  return (Object.keys(ROOM_MOVES) as RoomMove[]).filter(
    (m) => m !== "submit" && canMoveRoom(m, room.status) && kinds.has(ROOM_MOVES[m].by),
  );
}

export const countyPathOf = async (room: Pick<MediationRoom, "countyId">, transaction?: Transaction) =>
  (await OrgUnit.findByPk(room.countyId, { attributes: ["path"], transaction }))?.path ?? "/";

export type MoveFields = Partial<Pick<MediationRoom, "statusReason" | "namedOn" | "docNo" | "plaque" | "eligibility" | "submittedAt">>;

export async function moveRoom(
  actor: RoomMover,
  roomId: number,
  move: RoomMove,
  fields: MoveFields = {},
  within?: Transaction | null,
): Promise<{ ok: true; room: MediationRoom } | { ok: false; error: MoveError }> {
  return inTransaction(async (transaction) => {
    const room = Number.isSafeInteger(roomId) ? await MediationRoom.findByPk(roomId, { transaction, lock: transaction.LOCK.UPDATE }) : null;
    if (!room) return { ok: false as const, error: "notFound" as const };
    if (!canMoveRoom(move, room.status)) return { ok: false as const, error: "status" as const };
    if (!moverKinds(actor, room, await countyPathOf(room, transaction)).has(ROOM_MOVES[move].by)) {
      return { ok: false as const, error: "notAllowed" as const };
    }
    const before: { status: RoomStatus; statusOn: string | null } = { status: room.status, statusOn: room.statusOn };
    const to = ROOM_MOVES[move].to;
    const today = todayInChina(now());
    await room.update(
      {
        ...fields,
        status: to,
        statusReason: fields.statusReason ?? (move === "submit" || move === "consent" ? null : room.statusReason),
        statusOn: move === "name" ? (fields.namedOn ?? today) : today,
      },
      { transaction },
    );
    await audit(
      {
        actorUserId: actor.id,
        action: `room.${move}`,
        targetType: "mediation_room",
        targetId: room.id,
        orgUnitId: room.committeeId,
        before,
        after: { status: room.status, statusOn: room.statusOn, docNo: room.docNo, namedOn: room.namedOn },
        reason: fields.statusReason ?? null,
        ip: actor.ip ?? null,
      },
      transaction,
    );
    if (PUBLIC_STATUSES.includes(to) || PUBLIC_STATUSES.includes(before.status)) await publicPagesChangeOnCommit(transaction, "/rooms");
    return { ok: true as const, room };
  }, within);
}
