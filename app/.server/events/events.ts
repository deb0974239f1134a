import { instantToZoned, isoOrNull, todayInChina, validDate } from "~/lib/dates";
import { Op, type Transaction } from "sequelize";
import type { EventInput } from "~/lib/event";
import { chinaLocalToDate, checkinWindow } from "~/lib/event";
import { message } from "~/lib/messages";
import { audit } from "../audit";
import type { CurrentUser } from "../auth/users";
import { can, scopesFor, withinScopes, type Target } from "../access";
import { inTransaction } from "../db/connection";
import { pathRange } from "../org";
import {
  EventRegistration,
  EventTrainer,
  Mediator,
  MediatorSpecialty,
  OrgUnit,
  RoleGrant,
  TrainingEvent,
  TrainingRecord,
  User,
} from "../db/models";
import { recordTraining, setTrainingHours } from "../training/ledger";
import { notify, notifyMany } from "../notifications";
import { isValidCode } from "./checkin-code";
import { checkinSucceeded, takeCheckinTry } from "../auth/rate-limit";
import { rosterEntryOfAccount } from "../roster/account-entry";

/** Organisers: trainers and bureau admins, for their own subtrees. */
export const organiserScopes = (user: CurrentUser) => scopesFor(user, "event:create");

/** Trainer accounts that may teach an event for this audience: trainer grants above or inside it. */
export async function trainerOptions(audiencePath: string) {
  const ancestors = audiencePath.split("/").filter(Boolean).map(Number);
  const inside = await OrgUnit.findAll({
    where: { path: { [Op.gte]: audiencePath, [Op.lt]: `${audiencePath.slice(0, -1)}0` } },
    attributes: ["id"],
    limit: 5000,
  });
  const grants = await RoleGrant.findAll({
    where: { role: "trainer", orgUnitId: { [Op.in]: [...ancestors, ...inside.map((o) => o.id)] } },
    include: [{ model: User, as: "user", attributes: ["id", "displayName", "status"] }],
  });
  const seen = new Map<number, string>();
  for (const g of grants) {
    const u = g.get("user") as User;
    if (u.status === "active") seen.set(u.id, u.displayName);
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}

async function setTrainers(eventId: number, trainerIds: number[], audiencePath: string, transaction: Transaction) {
  const allowed = new Set((await trainerOptions(audiencePath)).map((t) => t.id));
  if (trainerIds.some((id) => !allowed.has(id))) return false;
  await EventTrainer.destroy({ where: { eventId }, transaction });
  if (trainerIds.length)
    await EventTrainer.bulkCreate(
      [...new Set(trainerIds)].map((userId) => ({ eventId, userId })),
      { transaction },
    );
  return true;
}

/** Does the mediator's specialty match the event's, when the event names specialties? */
async function specialtyMatches(event: TrainingEvent, mediatorId: number) {
  const wanted = event.audienceSpecialties;
  if (!wanted || wanted.length === 0) return true;
  return (await MediatorSpecialty.count({ where: { mediatorId, category: { [Op.in]: wanted } } })) > 0;
}

export async function createEvent(user: CurrentUser, input: EventInput, ip: string) {
  const audience = await OrgUnit.findByPk(input.audienceOrgUnitId, { attributes: ["id", "path"] });
  if (!audience || !withinScopes(organiserScopes(user), audience.path)) {
    return { ok: false as const, errors: { audienceOrgUnitId: ["validation.unknownCommittee"] } };
  }
  let event: TrainingEvent;
  try {
    event = await inTransaction(async (transaction) => {
      const created = await TrainingEvent.create(
        {
          orgUnitId: audience.id,
          audienceOrgUnitId: audience.id,
          title: input.title,
          form: input.form,
          kind: input.kind,
          startsAt: chinaLocalToDate(input.startsAt),
          endsAt: chinaLocalToDate(input.endsAt),
          hours: input.hours,
          place: input.place,
          capacity: input.capacity,
          description: input.description ?? null,
          audienceSpecialties: input.specialties,
          createdBy: user.id,
        },
        { transaction },
      );
      if (!(await setTrainers(created.id, input.trainerIds, audience.path, transaction))) throw new TrainerError();
      await audit(
        {
          actorUserId: user.id,
          action: "event.created",
          targetType: "training_event",
          targetId: created.id,
          orgUnitId: audience.id,
          after: { title: input.title, capacity: input.capacity },
          ip,
        },
        transaction,
      );
      return created;
    });
  } catch (error) {
    if (error instanceof TrainerError) return { ok: false as const, errors: { trainerIds: ["validation.choice"] } };
    throw error;
  }
  return { ok: true as const, event };
}

class TrainerError extends Error {}

const ancestorIds = (path: string) => path.split("/").filter(Boolean).map(Number);

/**
 * Events whose audience contains the user's committee or grant node, or that they may organise:
 * those not ended by `from`, soonest first, or with `past`, those ended before it, latest first.
 */
export async function visibleEvents(user: CurrentUser, from: Date, options: { past?: boolean } = {}) {
  const mediator = await rosterEntryOfAccount(user.id);
  const ancestors = [...(mediator?.orgPath ? ancestorIds(mediator.orgPath) : []), ...user.grants.flatMap((g) => ancestorIds(g.orgPath))];
  const scopes = organiserScopes(user);
  const organised = scopes.length
    ? (await OrgUnit.findAll({ where: { [Op.or]: scopes.map((s) => s.where) }, attributes: ["id"], limit: 5000 })).map((o) => o.id)
    : [];
  const ids = [...new Set([...ancestors, ...organised])];
  if (!ids.length) return [];
  const events = await TrainingEvent.findAll({
    where: { audienceOrgUnitId: { [Op.in]: ids }, endsAt: options.past ? { [Op.lt]: from } : { [Op.gte]: from } },
    order: [["startsAt", options.past ? "DESC" : "ASC"]],
    limit: 200,
  });
  const visible = [];
  for (const event of events) if (await canSeeEvent(user, event)) visible.push(event);
  return visible;
}

/**
 * What the access table needs to know of an event for this user: its audience node, its trainers,
 * and whether the user belongs to its audience — a non-mediator grant at or under the audience
 * node, or a roster entry under it with a matching specialty when the event names specialties.
 */
export async function eventFacts(user: CurrentUser, event: TrainingEvent, options = { trainers: true }): Promise<Target | null> {
  const audience = await OrgUnit.findByPk(event.audienceOrgUnitId, { attributes: ["path"] });
  if (!audience) return null;
  const trainers = options.trainers ? await EventTrainer.findAll({ where: { eventId: event.id }, attributes: ["userId"] }) : [];
  let member = user.grants.some((g) => g.role !== "mediator" && g.orgPath.startsWith(audience.path));
  if (!member) {
    const mediator = await rosterEntryOfAccount(user.id);
    member = Boolean(mediator?.orgPath.startsWith(audience.path)) && (await specialtyMatches(event, mediator!.id));
  }
  return { orgPath: audience.path, namedIds: trainers.map((t) => t.userId), audience: member };
}

/** An event by the id in a URL with its access facts for the user; null for an unknown id. */
export async function findEvent(user: CurrentUser, id: string | undefined) {
  const n = Number(id);
  const event = Number.isSafeInteger(n) && n > 0 ? await TrainingEvent.findByPk(n) : null;
  const facts = event && (await eventFacts(user, event));
  return event && facts ? { event, ...facts } : null;
}

/** May this user see (and register for) the event? */
export async function canSeeEvent(user: CurrentUser, event: TrainingEvent) {
  // Seeing an event needs no trainer list: "event:read" names nobody.
  const facts = await eventFacts(user, event, { trainers: false });
  return Boolean(facts && can(user, "event:read", facts));
}

/** Does the user run this event: its creator or one of its teaching trainers? */
export async function runsEvent(event: TrainingEvent, userId: number, transaction?: Transaction) {
  if (event.createdBy === userId) return true;
  return (await EventTrainer.count({ where: { eventId: event.id, userId }, transaction })) > 0;
}

/**
 * May the user take a seat? Not those who run the event (its creator and trainers), nor organisers
 * by role with no roster entry in its audience (bureau staff); a trainer who is also a mediator of
 * the audience may attend a colleague's event.
 */
export async function mayRegister(user: CurrentUser, target: Target & { event: TrainingEvent }) {
  if (await runsEvent(target.event, user.id)) return false;
  if (!can(user, "event:run", target)) return true;
  const mediator = await rosterEntryOfAccount(user.id);
  return Boolean(target.orgPath && mediator?.orgPath.startsWith(target.orgPath));
}

/**
 * Registers the user: confirmed while seats remain, waitlisted after. The event row is locked
 * (SQLite takes the write lock at BEGIN) so concurrent registrations never overbook. Those who run
 * the event (its creator and trainers) do not take a seat at it.
 */
export async function register(userId: number, eventId: number) {
  return inTransaction(async (transaction) => {
    const event = await TrainingEvent.findByPk(eventId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!event || event.status !== "scheduled") return null;
    if (await runsEvent(event, userId, transaction)) return null;
    const existing = await EventRegistration.findOne({ where: { eventId, userId }, transaction });
    if (existing && existing.status !== "cancelled") return existing;
    const confirmed = await EventRegistration.count({ where: { eventId, status: "confirmed" }, transaction });
    const status = confirmed < event.capacity ? "confirmed" : "waitlisted";
    if (existing) return existing.update({ status, registeredAt: new Date() }, { transaction });
    return EventRegistration.create({ eventId, userId, status, registeredAt: new Date() }, { transaction });
  });
}

async function promoteWaitlist(event: TrainingEvent, transaction: Transaction) {
  const confirmed = await EventRegistration.count({ where: { eventId: event.id, status: "confirmed" }, transaction });
  const free = event.capacity - confirmed;
  if (free <= 0) return;
  const next = await EventRegistration.findAll({
    where: { eventId: event.id, status: "waitlisted" },
    order: [
      ["registeredAt", "ASC"],
      ["id", "ASC"],
    ],
    limit: free,
    transaction,
  });
  for (const r of next) {
    await r.update({ status: "confirmed" }, { transaction });
    await notify(r.userId, "registrationConfirmed", { title: event.title }, { type: "event", id: event.id }, transaction);
  }
}

/** Users holding a live registration (confirmed or waitlisted), for a message about the event. */
async function registrantIds(eventId: number, transaction: Transaction) {
  const rows = await EventRegistration.findAll({
    where: { eventId, status: { [Op.in]: ["confirmed", "waitlisted"] } },
    attributes: ["userId"],
    transaction,
  });
  return rows.map((r) => r.userId);
}

/** Cancels a registration; the first on the waitlist takes the seat. */
export async function cancelRegistration(userId: number, eventId: number) {
  return inTransaction(async (transaction) => {
    const event = await TrainingEvent.findByPk(eventId, { transaction, lock: transaction.LOCK.UPDATE });
    const registration = await EventRegistration.findOne({ where: { eventId, userId }, transaction });
    if (!event || !registration || registration.status === "cancelled" || registration.attendedAt) return false;
    await registration.update({ status: "cancelled" }, { transaction });
    await promoteWaitlist(event, transaction);
    return true;
  });
}

/** Records attendance once, and its one ledger row (source "event"). */
export async function markAttended(event: TrainingEvent, registration: EventRegistration, transaction: Transaction) {
  if (!registration.attendedAt) await registration.update({ attendedAt: new Date(), status: "confirmed" }, { transaction });
  await recordTraining(
    {
      source: "event",
      sourceId: registration.id,
      userId: registration.userId,
      occurredOn: todayInChina(event.startsAt),
      hours: event.hours,
      form: event.form as never,
      kind: event.kind,
      title: event.title,
    },
    transaction,
  );
}

export type CheckinResult = { ok: true } | { ok: false; error: "window" | "code" | "rateLimited" | "notRegistered" };

/**
 * A mediator checks in with the code shown at the venue, only during the event (from 30 minutes
 * before). Each try is counted before the code is compared, so parallel guesses share the limit.
 */
export async function checkIn(user: CurrentUser, event: TrainingEvent, code: string, now = Date.now()): Promise<CheckinResult> {
  if (checkinWindow(event, now).state !== "open") return { ok: false, error: "window" };
  // One transaction for the try, the verdict and the attendance: a check-in storm commits once per person.
  return inTransaction(async (transaction): Promise<CheckinResult> => {
    if (!(await takeCheckinTry(event.id, user.id, now, transaction)).ok) return { ok: false, error: "rateLimited" };
    if (!isValidCode(event.id, code, now)) return { ok: false, error: "code" };
    await checkinSucceeded(event.id, user.id, transaction);
    const registration = await EventRegistration.findOne({
      where: { eventId: event.id, userId: user.id },
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    // Walk-ins who were not registered are recorded too: they were there.
    const row =
      registration ??
      (await EventRegistration.create(
        { eventId: event.id, userId: user.id, status: "confirmed", registeredAt: new Date() },
        { transaction },
      ));
    await markAttended(event, row, transaction);
    return { ok: true as const };
  });
}

/** The trainer ticks attendance on the roster. */
export async function tickAttendance(event: TrainingEvent, registrationIds: number[]) {
  await inTransaction(async (transaction) => {
    const rows = await EventRegistration.findAll({
      where: { eventId: event.id, id: { [Op.in]: registrationIds }, status: { [Op.ne]: "cancelled" } },
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    for (const r of rows) await markAttended(event, r, transaction);
  });
}

/** LIKE wildcards have no place in a name; dropping them keeps both dialects alike. */
const stripWildcards = (value: string) => value.replace(/[\\%_]/g, "");

/**
 * Walk-in candidates for the organiser: active mediators with an account on the roster under the
 * event's audience node whose name contains `who` (at most 20), each with whether they are already
 * on the attendance list.
 */
export async function walkinCandidates(event: TrainingEvent, who: string) {
  const q = stripWildcards(who.trim());
  const audience = await OrgUnit.findByPk(event.audienceOrgUnitId, { attributes: ["path"] });
  if (!q || !audience) return [];
  const { from, to } = pathRange(audience.path);
  const rows = await Mediator.findAll({
    where: {
      status: "active",
      userId: { [Op.ne]: null },
      orgPath: { [Op.gte]: from, [Op.lt]: to },
      name: { [Op.like]: `%${q}%` },
    },
    include: [{ model: OrgUnit, as: "committee", attributes: ["name"] }],
    attributes: ["id", "name", "userId"],
    order: [
      ["name", "ASC"],
      ["id", "ASC"],
    ],
    limit: 20,
  });
  const attended = new Set(
    (
      await EventRegistration.findAll({
        where: { eventId: event.id, userId: { [Op.in]: rows.map((r) => r.userId!) }, attendedAt: { [Op.ne]: null } },
        attributes: ["userId"],
      })
    ).map((r) => r.userId),
  );
  return rows.map((m) => ({
    id: m.id,
    name: m.name,
    committee: (m.get("committee") as OrgUnit | null)?.name ?? "",
    attended: attended.has(m.userId!),
  }));
}

export type WalkinResult = { ok: true } | { ok: false; error: "events.walkinUnknown" | "events.walkinTooEarly" | "events.walkinCancelled" };

/**
 * The organiser adds a walk-in: a mediator of the audience's roster (with an account) who came
 * without registering is recorded as attended, with its ledger row, from the opening of check-in
 * on; already on the list, they are just marked attended. Audited.
 */
export async function addWalkin(
  user: CurrentUser,
  event: TrainingEvent,
  mediatorId: number,
  ip: string,
  now = Date.now(),
): Promise<WalkinResult> {
  if (event.status === "cancelled") return { ok: false, error: "events.walkinCancelled" };
  if (checkinWindow(event, now).state === "before") return { ok: false, error: "events.walkinTooEarly" };
  const audience = await OrgUnit.findByPk(event.audienceOrgUnitId, { attributes: ["path"] });
  const mediator = await Mediator.findByPk(mediatorId, { attributes: ["id", "name", "userId", "orgPath", "status"] });
  if (!audience || !mediator || !mediator.userId || mediator.status !== "active" || !mediator.orgPath.startsWith(audience.path)) {
    return { ok: false, error: "events.walkinUnknown" };
  }
  const userId = mediator.userId;
  await inTransaction(async (transaction) => {
    await TrainingEvent.findByPk(event.id, { transaction, lock: transaction.LOCK.UPDATE });
    const existing = await EventRegistration.findOne({ where: { eventId: event.id, userId }, transaction, lock: transaction.LOCK.UPDATE });
    if (existing?.attendedAt) return;
    const row = existing
      ? existing
      : await EventRegistration.create({ eventId: event.id, userId, status: "confirmed", registeredAt: new Date() }, { transaction });
    await markAttended(event, row, transaction);
    await audit(
      {
        actorUserId: user.id,
        action: "event.walkin_added",
        targetType: "event_registration",
        targetId: row.id,
        orgUnitId: event.audienceOrgUnitId,
        after: { mediatorId: mediator.id, name: mediator.name },
        ip,
      },
      transaction,
    );
  });
  return { ok: true };
}

/** The 签到屏's live figures: how many have checked in, of how many confirmed. */
export async function checkinCounts(eventId: number) {
  const [attended, confirmed] = await Promise.all([
    EventRegistration.count({ where: { eventId, attendedAt: { [Op.ne]: null } } }),
    EventRegistration.count({ where: { eventId, status: "confirmed" } }),
  ]);
  return { attended, confirmed };
}

/**
 * The organiser credits fewer (or more) hours than the event's to one attendee, e.g. for a late
 * arrival; the reason goes to the audit log with the old and new hours.
 */
export async function adjustHours(
  user: CurrentUser,
  event: TrainingEvent,
  registrationId: number,
  hours: number,
  reason: string,
  ip: string,
) {
  return inTransaction(async (transaction) => {
    const registration = await EventRegistration.findOne({ where: { id: registrationId, eventId: event.id }, transaction });
    const record = registration
      ? await TrainingRecord.findOne({
          where: { source: "event", sourceId: String(registration.id) },
          transaction,
          lock: transaction.LOCK.UPDATE,
        })
      : null;
    if (!record) return false;
    const before = record.hours;
    await setTrainingHours(record, hours, transaction);
    await audit(
      {
        actorUserId: user.id,
        action: "event.hours_adjusted",
        targetType: "event_registration",
        targetId: registrationId,
        orgUnitId: event.audienceOrgUnitId,
        before: { hours: before },
        after: { hours },
        reason,
        ip,
      },
      transaction,
    );
    return true;
  });
}

/** "2026-11-23T09:30" in China time, for the edit form; "" for a stored value that is no date (the organiser types it again). */
export function toChinaLocal(date: Date): string {
  return validDate(date) ? instantToZoned(date) : "";
}

/**
 * The organiser edits an event. Seats cannot drop below the confirmed registrations; more seats
 * move the waitlist up. The audience must stay inside the organiser's subtree.
 */
export async function updateEvent(user: CurrentUser, event: TrainingEvent, input: EventInput, ip: string) {
  const audience = await OrgUnit.findByPk(input.audienceOrgUnitId, { attributes: ["id", "path"] });
  if (!audience || !withinScopes(organiserScopes(user), audience.path)) {
    return { ok: false as const, errors: { audienceOrgUnitId: ["validation.unknownCommittee"] } };
  }
  try {
    return await updateInTransaction(user, event, input, ip, audience);
  } catch (error) {
    if (error instanceof TrainerError) return { ok: false as const, errors: { trainerIds: ["validation.choice"] } };
    throw error;
  }
}

function updateInTransaction(user: CurrentUser, event: TrainingEvent, input: EventInput, ip: string, audience: OrgUnit) {
  return inTransaction(async (transaction) => {
    const fresh = (await TrainingEvent.findByPk(event.id, { transaction, lock: transaction.LOCK.UPDATE }))!;
    const confirmed = await EventRegistration.count({ where: { eventId: event.id, status: "confirmed" }, transaction });
    if (input.capacity < confirmed) return { ok: false as const, errors: { capacity: [message("events.capacityBelow", { confirmed })] } };
    const before = { title: fresh.title, capacity: fresh.capacity, startsAt: isoOrNull(fresh.startsAt), place: fresh.place };
    const endsBefore = fresh.endsAt.getTime();
    await fresh.update(
      {
        audienceOrgUnitId: audience.id,
        title: input.title,
        form: input.form,
        kind: input.kind,
        startsAt: chinaLocalToDate(input.startsAt),
        endsAt: chinaLocalToDate(input.endsAt),
        hours: input.hours,
        place: input.place,
        capacity: input.capacity,
        description: input.description ?? null,
        audienceSpecialties: input.specialties,
      },
      { transaction },
    );
    if (!(await setTrainers(event.id, input.trainerIds, audience.path, transaction))) {
      throw new TrainerError();
    }
    // Registrants hear of a change to when, where or what — not of more seats or a new description.
    const moved =
      before.title !== fresh.title ||
      before.startsAt !== isoOrNull(fresh.startsAt) ||
      before.place !== fresh.place ||
      endsBefore !== fresh.endsAt.getTime();
    if (moved) {
      const ids = (await registrantIds(event.id, transaction)).filter((id) => id !== user.id);
      await notifyMany(
        ids,
        "eventChanged",
        { title: fresh.title, startsAt: toChinaLocal(fresh.startsAt).replace("T", " "), place: fresh.place },
        { type: "event", id: event.id },
        transaction,
      );
    }
    await promoteWaitlist(fresh, transaction);
    await audit(
      {
        actorUserId: user.id,
        action: "event.updated",
        targetType: "training_event",
        targetId: event.id,
        orgUnitId: audience.id,
        before,
        after: { title: input.title, capacity: input.capacity, startsAt: isoOrNull(fresh.startsAt), place: input.place },
        ip,
      },
      transaction,
    );
    return { ok: true as const };
  });
}

/** Cancels an event with a reason (audited); registrations stay for the record. */
export async function cancelEvent(user: CurrentUser, event: TrainingEvent, reason: string, ip: string) {
  await inTransaction(async (transaction) => {
    // Read again under lock: a second cancel (another tab) changes nothing and tells nobody twice.
    const fresh = await TrainingEvent.findByPk(event.id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!fresh || fresh.status === "cancelled") return;
    await fresh.update({ status: "cancelled" }, { transaction });
    event.status = "cancelled";
    const ids = (await registrantIds(event.id, transaction)).filter((id) => id !== user.id);
    await notifyMany(ids, "eventCancelled", { title: fresh.title, reason }, { type: "event", id: event.id }, transaction);
    await audit(
      {
        actorUserId: user.id,
        action: "event.cancelled",
        targetType: "training_event",
        targetId: event.id,
        orgUnitId: event.audienceOrgUnitId,
        reason,
        ip,
      },
      transaction,
    );
  });
}
