import { isoOrNull } from "~/lib/dates";
import { checkinWindow } from "~/lib/event";
import type { CurrentUser } from "../auth/users";
import { can, type Target } from "../access";
import { attachmentViews } from "../attachments";
import { EventRegistration, EventTrainer, OrgUnit, TrainingEvent, User } from "../db/models";
import { mayRegister, walkinCandidates } from "./events";

/**
 * Everything the event page shows the user: the event with its end and organiser, their own
 * registration, whether check-in is open (and if not, why), and for organisers the attendance
 * list and, when they searched, walk-in candidates from the audience's roster.
 */
export async function eventPage(
  user: CurrentUser,
  target: Target & { event: TrainingEvent },
  options: { who?: string; now?: number } = {},
) {
  const { event } = target;
  const organiser = can(user, "event:run", target);
  const registrations = await EventRegistration.findAll({
    where: { eventId: event.id },
    include: [{ model: User, as: "user", attributes: ["displayName"] }],
    order: [
      ["registeredAt", "ASC"],
      ["id", "ASC"],
    ],
  });
  const mine = registrations.find((r) => r.userId === user.id);
  const materials = await attachmentViews("event", event.id);
  const trainerIds = (await EventTrainer.findAll({ where: { eventId: event.id } })).map((t) => t.userId);
  const trainers = trainerIds.length
    ? (await User.findAll({ where: { id: trainerIds }, attributes: ["displayName"] })).map((u) => u.displayName)
    : [];
  const [creator, host] = await Promise.all([
    event.createdBy ? User.findByPk(event.createdBy, { attributes: ["displayName"] }) : null,
    OrgUnit.findByPk(event.orgUnitId, { attributes: ["name"] }),
  ]);
  const confirmed = registrations.filter((r) => r.status === "confirmed").length;
  return {
    cancelled: event.status === "cancelled",
    materials,
    trainers,
    specialties: event.audienceSpecialties ?? [],
    event: {
      id: event.id,
      title: event.title,
      form: event.form,
      kind: event.kind,
      startsAt: isoOrNull(event.startsAt),
      endsAt: isoOrNull(event.endsAt),
      hours: event.hours,
      place: event.place,
      capacity: event.capacity,
      description: event.description,
    },
    /** Who organises it: the unit that holds it and the person who published it. */
    organisedBy: { unit: host?.name ?? "", person: creator?.displayName ?? "" },
    /** The user runs this event (created it, teaches it, or organises it without being in its audience): no 报名参加. */
    runs: !(await mayRegister(user, target)),
    checkin: checkinWindow(event, options.now),
    confirmed,
    waitlisted: registrations.filter((r) => r.status === "waitlisted").length,
    mine: mine ? { status: mine.status, attended: Boolean(mine.attendedAt) } : null,
    organiser,
    roster: organiser
      ? registrations
          .filter((r) => r.status !== "cancelled")
          .map((r) => ({ id: r.id, name: (r.get("user") as User).displayName, status: r.status, attended: Boolean(r.attendedAt) }))
      : [],
    who: organiser && options.who ? options.who : "",
    candidates: organiser && options.who ? await walkinCandidates(event, options.who) : [],
  };
}

/** What the check-in page needs: the event, whether the user already checked in, and the window. */
export async function attendPage(user: CurrentUser, event: TrainingEvent, now = Date.now()) {
  const registration = await EventRegistration.findOne({ where: { eventId: event.id, userId: user.id }, attributes: ["attendedAt"] });
  return {
    id: event.id,
    title: event.title,
    attended: Boolean(registration?.attendedAt),
    cancelled: event.status === "cancelled",
    checkin: checkinWindow(event, now),
  };
}
