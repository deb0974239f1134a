import type { Transaction } from "sequelize";
import type { MediatorInput } from "~/lib/mediator";
import { audit, diff } from "../audit";
import { inTransaction } from "../db/connection";
import { Mediator, MediatorSpecialty } from "../db/models";
import type { OrgScope } from "../org";
import { hmac } from "../secret";
import { committeeInScopes } from "./scope";
import { addMediator, changeMediator } from "./entries";

export type Actor = { id: number; scopes: OrgScope[]; ip: string };
export type FieldErrors = Partial<Record<keyof MediatorInput | "form", string[]>>;
export type MutationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export const idCardHash = (idCard: string) => hmac(`id-card:${idCard.trim().toUpperCase()}`);

/** Audit-friendly view of a profile: never the ID number, only its last four. */
function snapshot(m: Mediator, specialties: string[]) {
  return {
    name: m.name,
    gender: m.gender,
    birthYear: m.birthYear,
    phone: m.phone,
    idCardLast4: m.idCardLast4,
    education: m.education,
    orgUnitId: m.orgUnitId,
    employment: m.employment,
    appointedOn: m.appointedOn,
    isExpert: m.isExpert,
    specialties: [...specialties].sort(),
  };
}

async function idCardTaken(hash: string, exceptId: number | null, transaction?: Transaction) {
  const other = await Mediator.findOne({ where: { idCardHash: hash }, attributes: ["id"], transaction });
  return Boolean(other && other.id !== exceptId);
}

function attributesOf(input: MediatorInput) {
  return {
    name: input.name,
    gender: input.gender,
    birthYear: input.birthYear,
    phone: input.phone,
    education: input.education ?? null,
    orgUnitId: input.orgUnitId,
    employment: input.employment,
    appointedOn: input.appointedOn,
    isExpert: input.isExpert,
    ...(input.idCard ? { idCardHash: idCardHash(input.idCard), idCardLast4: input.idCard.slice(-4) } : {}),
  };
}

/** Adds a mediator to the roster, in one transaction with their specialties and the audit row. */
export async function createMediator(actor: Actor, input: MediatorInput, transaction?: Transaction): Promise<MutationResult<Mediator>> {
  const committee = await committeeInScopes(actor.scopes, input.orgUnitId);
  if (!committee) return { ok: false, errors: { orgUnitId: ["validation.unknownCommittee"] } };
  const attrs = attributesOf(input);
  if (attrs.idCardHash && (await idCardTaken(attrs.idCardHash, null, transaction))) {
    return { ok: false, errors: { idCard: ["validation.idCardTaken"] } };
  }
  const run = async (t: Transaction) => {
    const mediator = await addMediator(attrs, t);
    await MediatorSpecialty.bulkCreate(
      input.specialties.map((category) => ({ mediatorId: mediator.id, category })),
      { transaction: t },
    );
    await audit(
      {
        actorUserId: actor.id,
        action: "mediator.created",
        targetType: "mediator",
        targetId: mediator.id,
        orgUnitId: mediator.orgUnitId,
        after: snapshot(mediator, input.specialties),
        ip: actor.ip,
      },
      t,
    );
    return mediator;
  };
  const mediator = await inTransaction(run, transaction);
  return { ok: true, value: mediator };
}

/** Edits a profile inside the admin's scopes; both the old and the new committee must be theirs. */
export async function updateMediator(actor: Actor, mediator: Mediator, input: MediatorInput): Promise<MutationResult<Mediator>> {
  const committee = await committeeInScopes(actor.scopes, input.orgUnitId);
  if (!committee) return { ok: false, errors: { orgUnitId: ["validation.unknownCommittee"] } };
  const attrs = attributesOf(input);
  if (attrs.idCardHash && (await idCardTaken(attrs.idCardHash, mediator.id))) {
    return { ok: false, errors: { idCard: ["validation.idCardTaken"] } };
  }
  const oldSpecialties = ((mediator.get("specialties") as MediatorSpecialty[] | undefined) ?? []).map((s) => s.category);
  const before = snapshot(mediator, oldSpecialties);
  await inTransaction(async (transaction) => {
    await changeMediator(mediator, attrs, transaction);
    await MediatorSpecialty.destroy({ where: { mediatorId: mediator.id }, transaction });
    await MediatorSpecialty.bulkCreate(
      input.specialties.map((category) => ({ mediatorId: mediator.id, category })),
      { transaction },
    );
    const change = diff(before, snapshot(mediator, input.specialties));
    if (change.changed) {
      await audit(
        {
          actorUserId: actor.id,
          action: "mediator.updated",
          targetType: "mediator",
          targetId: mediator.id,
          orgUnitId: mediator.orgUnitId,
          before: change.before,
          after: change.after,
          ip: actor.ip,
        },
        transaction,
      );
    }
  });
  return { ok: true, value: mediator };
}

/** Suspends (停职), dismisses (解聘) or reinstates (在岗) a mediator, with date and reason. */
export async function changeMediatorStatus(
  actor: Actor,
  mediator: Mediator,
  change: { status: Mediator["status"]; date: string; reason: string },
) {
  const before = { status: mediator.status, statusChangedOn: mediator.statusChangedOn };
  await inTransaction(async (transaction) => {
    await changeMediator(mediator, { status: change.status, statusChangedOn: change.date, statusReason: change.reason }, transaction);
    await audit(
      {
        actorUserId: actor.id,
        action: "mediator.status_changed",
        targetType: "mediator",
        targetId: mediator.id,
        orgUnitId: mediator.orgUnitId,
        before,
        after: { status: change.status, statusChangedOn: change.date },
        reason: change.reason,
        ip: actor.ip,
      },
      transaction,
    );
  });
}
