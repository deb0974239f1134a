import crypto from "node:crypto";
import { Op, type Transaction } from "sequelize";
import { todayInChina } from "~/lib/dates";
import {
  EDITABLE_STATUSES,
  NAME_HOLDING_STATUSES,
  ROOM_IMAGES,
  roomNameKey,
  type Eligibility,
  type RoomImageKind,
  type RoomInput,
} from "~/lib/rooms";
import { withinScopes } from "../access";
import { AttachmentLimitError, withAttachments } from "../attachments";
import { audit } from "../audit";
import { now } from "../clock";
import { inTransaction } from "../db/connection";
import { Attachment, MediationRoom, MediationRoomMediator, Mediator, OrgUnit } from "../db/models";
import type { RoomImages } from "../db/models/MediationRoom";
import { pathIds, type OrgScope } from "../org";
import { removeUpload, UploadStorageError, type Upload } from "../uploads";
import { eligibilityOf } from "./eligibility";
import { processImage, type ImageError } from "./images";
import { moveRoom, type RoomMover } from "./moves";
import { policyAt } from "./policy";
import { rosterEntryOfAccount } from "../roster/account-entry";

/**
 * Applying for a room (申请命名): a mediator for their own room (they are its lead mediator), or
 * an admin over a committee for a team room of that committee. The form's facts, the mediators
 * (all on the room's committee, active), the photo and the logo (checked and re-encoded,
 * images.ts). Saved as a draft, or submitted: submitting needs both images and the lead
 * mediator meeting the eligibility rules in force (policy.ts), checked before anything is written;
 * the check is kept with the room as submitted. A name is held once per county (rejected and
 * withdrawn rooms free theirs), counted under the county's row lock.
 */
export type RoomField = keyof RoomInput | "photo" | "logo" | "form";
export type RoomErrors = Partial<Record<RoomField, string[]>>;
export type SaveResult = { ok: true; room: MediationRoom } | { ok: false; errors: RoomErrors; eligibility?: Eligibility[] };
export type Applicant = RoomMover & { scopes: OrgScope[] };
export type RoomFiles = Partial<Record<RoomImageKind, Upload | null>>;

const SLUG_CHARS = "abcdefghjkmnpqrstuvwxyz23456789";
/** A stable public address: 8 characters (no 0/o/1/l/i), random; never reused. */
export const newSlug = () => Array.from(crypto.randomBytes(8), (b) => SLUG_CHARS[b % SLUG_CHARS.length]).join("");

/** The county a committee sits under (its nearest county ancestor; else its parent). */
export async function countyOf(committee: OrgUnit, transaction?: Transaction): Promise<OrgUnit | null> {
  const ancestors = await OrgUnit.findAll({ where: { id: { [Op.in]: pathIds(committee.path) } }, transaction });
  return ancestors.find((a) => a.kind === "county") ?? ancestors.find((a) => a.id === committee.parentId) ?? null;
}

/** Another room of the county holding this name (any status that keeps a name), or null. */
async function nameTaken(countyId: number, name: string, exceptId: number | null, transaction: Transaction) {
  return MediationRoom.findOne({
    where: {
      countyId,
      nameKey: roomNameKey(name),
      status: { [Op.in]: [...NAME_HOLDING_STATUSES] },
      ...(exceptId ? { id: { [Op.ne]: exceptId } } : {}),
    },
    attributes: ["id"],
    transaction,
  });
}

const imageErrorKey = (error: ImageError) => `rooms.error.image.${error}`;

/**
 * Checks who may apply for this committee with these mediators: an admin over the committee, or
 * the mediator themself (their own committee, and they are among the mediators, first).
 */
async function checkApplicant(actor: Applicant, input: RoomInput, transaction: Transaction) {
  const errors: RoomErrors = {};
  const committee = await OrgUnit.findByPk(input.committeeId, { transaction });
  if (!committee || committee.kind !== "committee") return { errors: { committeeId: ["rooms.error.committee"] } };
  const admin = withinScopes(actor.scopes, committee.path);
  const own = await rosterEntryOfAccount(actor.id);
  if (!admin) {
    if (!own || own.orgUnitId !== committee.id) return { errors: { committeeId: ["rooms.error.committee"] } };
    if (input.mediatorIds[0] !== own.id) errors.mediatorIds = ["rooms.error.ownFirst"];
  }
  const ids = [...new Set(input.mediatorIds)];
  const people = await Mediator.findAll({ where: { id: { [Op.in]: ids } }, attributes: ["id", "orgUnitId", "status"], transaction });
  if (ids.length !== input.mediatorIds.length || people.length !== ids.length) errors.mediatorIds = ["rooms.error.mediators"];
  else if (people.some((p) => p.orgUnitId !== committee.id || p.status !== "active")) errors.mediatorIds = ["rooms.error.mediators"];
  if (input.kind === "personal" && ids.length > 3) errors.mediatorIds = ["rooms.error.personalSize"];
  return { committee, errors };
}

/**
 * Creates (roomId null) or saves a room. Images are checked and resized before the transaction;
 * a new image replaces the stored sizes of its kind. Refused: a committee or mediators outside
 * the applicant's reach, a duplicate name in the county, an image that is not one (or too large
 * in pixels, or too small), a room no longer editable, and — on submit — missing images or an
 * unmet eligibility rule (returned with the check).
 */
export async function saveRoom(actor: Applicant, roomId: number | null, input: RoomInput, files: RoomFiles = {}): Promise<SaveResult> {
  const errors: RoomErrors = {};
  const processed: Partial<Record<RoomImageKind, Upload[]>> = {};
  for (const kind of Object.keys(ROOM_IMAGES) as RoomImageKind[]) {
    const file = files[kind];
    if (!file) continue;
    const result = await processImage(kind, file.bytes);
    if (result.ok) processed[kind] = result.variants;
    else errors[kind] = [imageErrorKey(result.error)];
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const today = todayInChina(now());
  try {
    return await withAttachments(async (attach) =>
      inTransaction(async (transaction): Promise<SaveResult> => {
        const checked = await checkApplicant(actor, input, transaction);
        if (!checked.committee || Object.keys(checked.errors).length) return { ok: false, errors: checked.errors };
        const committee = checked.committee;
        const county = await countyOf(committee, transaction);
        if (!county) return { ok: false, errors: { committeeId: ["rooms.error.committee"] } };
        // Names within a county are counted one request after the other.
        await OrgUnit.findByPk(county.id, { attributes: ["id"], transaction, lock: transaction.LOCK.UPDATE });
        let room = roomId ? await MediationRoom.findByPk(roomId, { transaction, lock: transaction.LOCK.UPDATE }) : null;
        if (roomId && !room) return { ok: false, errors: { form: ["rooms.error.notFound"] } };
        if (room && !EDITABLE_STATUSES.includes(room.status)) return { ok: false, errors: { form: ["rooms.error.notEditable"] } };
        if (await nameTaken(county.id, input.name, room?.id ?? null, transaction))
          return { ok: false, errors: { name: ["rooms.error.duplicateName"] } };
        const facts = {
          name: input.name,
          nameKey: roomNameKey(input.name),
          kind: input.kind,
          committeeId: committee.id,
          orgPath: committee.path,
          countyId: county.id,
          specialties: input.specialties,
          address: input.address,
          hours: input.hours,
          phone: input.phone,
          story: input.story,
          motto: input.motto || null,
        };
        const before = room ? { name: room.name, kind: room.kind, status: room.status } : null;
        if (room) await room.update(facts, { transaction });
        else room = await MediationRoom.create({ ...facts, slug: newSlug(), appliedBy: actor.id }, { transaction });
        await MediationRoomMediator.destroy({ where: { roomId: room.id }, transaction });
        await MediationRoomMediator.bulkCreate(
          input.mediatorIds.map((mediatorId, position) => ({ roomId: room!.id, mediatorId, position })),
          { transaction },
        );
        const images: RoomImages = { ...(room.images ?? {}) };
        for (const kind of Object.keys(processed) as RoomImageKind[]) {
          const stale = Object.entries(images).filter(([name]) => name.startsWith(`${kind}-`));
          if (stale.length) {
            const rows = await Attachment.findAll({
              where: { id: stale.map(([, id]) => id), ownerKind: "room", ownerId: room.id },
              transaction,
            });
            await Attachment.destroy({ where: { id: rows.map((r) => r.id) }, transaction });
            transaction.afterCommit(() => rows.forEach((r) => removeUpload(r.storedName)));
            for (const [name] of stale) delete images[name];
          }
          const stored = await attach(transaction, { kind: "room", id: room.id }, processed[kind]!, { max: 10, uploadedBy: actor.id });
          for (const a of stored) images[a.originalName] = a.id;
        }
        await room.update({ images }, { transaction });
        await audit(
          {
            actorUserId: actor.id,
            action: before ? "room.save" : "room.create",
            targetType: "mediation_room",
            targetId: room.id,
            orgUnitId: committee.id,
            before,
            after: { name: room.name, kind: room.kind, status: room.status, images: Object.keys(images) },
            ip: actor.ip ?? null,
          },
          transaction,
        );
        if (input.intent !== "submit") return { ok: true, room };
        const missing: RoomErrors = {};
        for (const kind of Object.keys(ROOM_IMAGES) as RoomImageKind[]) {
          if (!Object.keys(images).some((n) => n.startsWith(`${kind}-`))) missing[kind] = ["rooms.error.image.required"];
        }
        if (Object.keys(missing).length) throw new Refused({ ok: false, errors: missing });
        const { policy } = await policyAt(committee.path, transaction);
        const eligibility = await eligibilityOf(policy, committee.path, input.mediatorIds.slice(0, 1), today, transaction);
        if (!eligibility[0]?.eligible) throw new Refused({ ok: false, errors: { form: ["rooms.error.notEligible"] }, eligibility });
        const moved = await moveRoom(actor, room.id, "submit", { eligibility, submittedAt: now() }, transaction);
        if (!moved.ok) throw new Refused({ ok: false, errors: { form: [`rooms.error.${moved.error}`] } });
        return { ok: true, room: moved.room };
      }),
    );
  } catch (error) {
    if (error instanceof Refused) return error.result;
    if (error instanceof AttachmentLimitError || error instanceof UploadStorageError) return { ok: false, errors: { form: [error.error] } };
    throw error;
  }
}

/** Rolls a submit back whole (nothing of the save stays) and carries the reply out. */
class Refused extends Error {
  constructor(readonly result: SaveResult & { ok: false }) {
    super("refused");
  }
}

/** A room by id with what the access check needs (the applicant, the room's path), or null. */
export async function findRoom(id: unknown) {
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n <= 0) return null;
  const room = await MediationRoom.findByPk(n);
  return room ? { room, ownerId: room.appliedBy, orgPath: room.orgPath } : null;
}

/** The room's mediators in order (lead first). */
export async function roomMediators(roomId: number, transaction?: Transaction) {
  const links = await MediationRoomMediator.findAll({ where: { roomId }, order: [["position", "ASC"]], transaction });
  const people = await Mediator.findAll({ where: { id: links.map((l) => l.mediatorId) }, transaction });
  return links.flatMap((l) => people.filter((p) => p.id === l.mediatorId));
}

/** Rooms a user follows: the ones they applied for, and those under their admin scopes; newest first. */
export async function roomsFor(userId: number, scopes: OrgScope[], limit = 200) {
  const inScopes = scopes.map((s) => ({ orgPath: { [Op.startsWith]: s.path } }));
  return MediationRoom.findAll({
    where: { [Op.or]: [{ appliedBy: userId }, ...inScopes] },
    order: [["updatedAt", "DESC"]],
    limit,
  });
}

/** The committees an applicant may apply for: their own (a mediator), or those under their scopes (an admin), at most `limit`. */
export async function committeeChoices(userId: number, scopes: OrgScope[], limit = 300) {
  const own = await rosterEntryOfAccount(userId);
  const where = scopes.length
    ? { kind: "committee", [Op.or]: scopes.map((s) => ({ path: { [Op.startsWith]: s.path } })) }
    : { kind: "committee", id: own?.orgUnitId ?? 0 };
  const committees = await OrgUnit.findAll({ where, order: [["path", "ASC"]], limit, attributes: ["id", "name", "path"] });
  if (own && !committees.some((c) => c.id === own.orgUnitId)) {
    const mine = await OrgUnit.findByPk(own.orgUnitId, { attributes: ["id", "name", "path"] });
    if (mine) committees.unshift(mine);
  }
  return { own, committees };
}

/** The active mediators of a committee (to choose a room's mediators). */
export const committeeMediators = (committeeId: number) =>
  Mediator.findAll({ where: { orgUnitId: committeeId, status: "active" }, attributes: ["id", "name"], order: [["id", "ASC"]], limit: 300 });

/**
 * What the application form offers: the committees the user may apply for, the chosen one's
 * active mediators (a mediator applying: themself first, as lead), the rules in force there and
 * each offered mediator's check against them — unmet rules are shown before submitting.
 */
export async function applyChoices(userId: number, scopes: OrgScope[], asked?: number | null) {
  const { own, committees } = await committeeChoices(userId, scopes);
  const committee =
    committees.find((c) => c.id === asked) ?? (own ? committees.find((c) => c.id === own.orgUnitId) : null) ?? committees[0] ?? null;
  if (!committee) return { own, committees, committee: null, mediators: [], policy: null, eligibility: [] as Eligibility[] };
  const admin = withinScopes(scopes, committee.path);
  const people = admin ? await committeeMediators(committee.id) : own && own.orgUnitId === committee.id ? [own] : [];
  const ordered = own ? [...people.filter((p) => p.id === own.id), ...people.filter((p) => p.id !== own.id)] : people;
  const { policy } = await policyAt(committee.path);
  const eligibility = await eligibilityOf(
    policy,
    committee.path,
    (admin ? ordered : ordered.slice(0, 1)).map((p) => p.id),
  );
  return {
    own,
    committees,
    committee,
    admin,
    mediators: ordered.map((p) => ({ id: p.id, name: p.name })),
    policy,
    eligibility,
  };
}
