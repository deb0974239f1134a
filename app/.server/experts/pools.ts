import { Op, type Transaction } from "sequelize";
import {
  TERM_YEARS,
  canMoveExpert,
  noticeEnds,
  termEnds,
  type Availability,
  type ExpertField,
  type ExpertInput,
  type ExpertState,
  type MoveInput,
  type PoolInput,
} from "~/lib/experts";
import { todayInChina } from "~/lib/dates";
import { withinScopes } from "../access";
import { audit } from "../audit";
import { now } from "../clock";
import { inTransaction } from "../db/connection";
import { Expert, ExpertPool, Mediator, OrgUnit, User } from "../db/models";
import { orgPathInScopes, type OrgScope } from "../org";
import { publicPagesChangeOnCommit } from "../public-pages";
import { normaliseUsername } from "../accounts";

/**
 * Expert pools and admission (调解专家库): the bureau side. A pool sits at a city or county node;
 * its experts carry the pool's org path, so "the admins of the pool's node and above" is one range
 * on experts.org_path. Admission is one state machine (app/lib/experts.ts); `moveExpert` is the only
 * code that changes an expert's state, under the row lock, with its audit row. Writes that change
 * the public list (/experts) drop its cached pages.
 */
export type ExpertActor = { id: number; scopes: OrgScope[] };

const today = () => todayInChina(now());

/** The pools of the admin's subtree (city and county pools inside their scopes), with the node's name. */
export async function poolsInScopes(scopes: OrgScope[]) {
  if (scopes.length === 0) return [];
  const pools = await ExpertPool.findAll({
    where: orgPathInScopes(scopes),
    include: ["orgUnit"],
    order: [
      ["orgPath", "ASC"],
      ["id", "ASC"],
    ],
  });
  return pools.map((p) => ({
    id: p.id,
    name: p.name,
    termYears: p.termYears,
    orgUnitId: p.orgUnitId,
    orgPath: p.orgPath,
    node: (p.get("orgUnit") as OrgUnit | undefined)?.name ?? "",
  }));
}

/** City and county nodes of the admin's subtree (where a pool may be set up). */
export async function poolNodes(scopes: OrgScope[]) {
  if (scopes.length === 0) return [];
  const units = await OrgUnit.findAll({
    where: { kind: ["city", "county"], [Op.or]: scopes.map((s) => s.where) },
    order: [["path", "ASC"]],
    attributes: ["id", "name", "kind", "path"],
  });
  return units.map((u) => ({ id: u.id, name: u.name, kind: u.kind }));
}

export type PoolError = "node" | "duplicate";

export async function createPool(
  actor: ExpertActor,
  input: PoolInput,
): Promise<{ ok: true; pool: ExpertPool } | { ok: false; error: PoolError }> {
  const unit = await OrgUnit.findByPk(input.orgUnitId);
  if (!unit || !["city", "county"].includes(unit.kind) || !withinScopes(actor.scopes, unit.path)) return { ok: false, error: "node" };
  return inTransaction(async (transaction) => {
    const taken = await ExpertPool.count({ where: { orgUnitId: unit.id, name: input.name }, transaction });
    if (taken > 0) return { ok: false as const, error: "duplicate" as const };
    const pool = await ExpertPool.create(
      { orgUnitId: unit.id, orgPath: unit.path, name: input.name, termYears: input.termYears ?? TERM_YEARS, createdBy: actor.id },
      { transaction },
    );
    await audit(
      {
        actorUserId: actor.id,
        action: "expert_pool.create",
        targetType: "expert_pool",
        targetId: pool.id,
        orgUnitId: unit.id,
        after: { name: pool.name, termYears: pool.termYears },
      },
      transaction,
    );
    return { ok: true as const, pool };
  });
}

export type ExpertFilter = { poolId?: number; field?: ExpertField; state?: ExpertState; org?: number; q?: string };

/** The bureau's list: experts of pools in scope, by pool, field, state, region (an org node: its pools and those above it are not "in" it) and name. */
export async function listExperts(scopes: OrgScope[], filter: ExpertFilter, page = 1, pageSize = 50) {
  if (scopes.length === 0) return { rows: [], total: 0, page: 1, pages: 1 };
  const where: Record<string | symbol, unknown> = { ...orgPathInScopes(scopes) };
  const and: unknown[] = [];
  if (filter.poolId) where.poolId = filter.poolId;
  if (filter.field) where.field = filter.field;
  if (filter.state) where.state = filter.state;
  if (filter.q) and.push({ [Op.or]: [{ name: { [Op.like]: `%${filter.q}%` } }, { organisation: { [Op.like]: `%${filter.q}%` } }] });
  if (filter.org) {
    const unit = await OrgUnit.findByPk(filter.org, { attributes: ["id", "path"] });
    if (!unit || !withinScopes(scopes, unit.path)) return null;
    and.push({ orgPath: { [Op.gte]: unit.path, [Op.lt]: `${unit.path.slice(0, -1)}0` } });
  }
  if (and.length) where[Op.and] = and;
  const { rows, count } = await Expert.findAndCountAll({
    where,
    include: ["pool"],
    order: [
      ["poolId", "ASC"],
      ["field", "ASC"],
      ["id", "ASC"],
    ],
    limit: pageSize,
    offset: (Math.max(page, 1) - 1) * pageSize,
  });
  return {
    rows: rows.map((e) => ({
      id: e.id,
      name: e.name,
      field: e.field,
      title: e.title,
      organisation: e.organisation,
      pool: (e.get("pool") as ExpertPool | undefined)?.name ?? "",
      state: e.state,
      availability: e.availability,
      termUntil: e.termUntil,
      noticeUntil: e.noticeUntil,
    })),
    total: count,
    page: Math.max(page, 1),
    pages: Math.max(1, Math.ceil(count / pageSize)),
  };
}

/** Roster entries of the admin's subtree matching a name (to invite as an expert), at most 20. */
export async function searchRoster(scopes: OrgScope[], q: string) {
  if (scopes.length === 0 || !q) return [];
  const found = await Mediator.findAll({
    where: { ...orgPathInScopes(scopes), status: "active", name: { [Op.like]: `%${q}%` } },
    include: ["committee"],
    order: [["id", "ASC"]],
    limit: 20,
  });
  return found.map((m) => ({ id: m.id, name: m.name, committee: (m.get("committee") as OrgUnit | undefined)?.name ?? "" }));
}

/** A roster entry to invite (inside the admin's subtree), as the new-expert form's defaults. */
export async function invitee(scopes: OrgScope[], mediatorId: number) {
  const mediator = await Mediator.findByPk(mediatorId, { include: ["committee"] });
  if (!mediator || !withinScopes(scopes, mediator.orgPath)) return null;
  return {
    id: mediator.id,
    name: mediator.name,
    phone: mediator.phone ?? "",
    organisation: (mediator.get("committee") as OrgUnit | undefined)?.name ?? "",
  };
}

export type ExpertError = "pool" | "mediator" | "username" | "duplicate";

/** Adds an expert to a pool (proposed): directly, or invited from the roster (linked to the entry and its account). */
export async function proposeExpert(
  actor: ExpertActor,
  input: ExpertInput,
  within?: Transaction,
): Promise<{ ok: true; expert: Expert } | { ok: false; error: ExpertError }> {
  return inTransaction(async (transaction) => {
    const pool = await ExpertPool.findByPk(input.poolId, { transaction });
    if (!pool || !withinScopes(actor.scopes, pool.orgPath)) return { ok: false as const, error: "pool" as const };
    let mediator: Mediator | null = null;
    if (input.mediatorId) {
      mediator = await Mediator.findByPk(input.mediatorId, { transaction });
      if (!mediator || !withinScopes(actor.scopes, mediator.orgPath)) return { ok: false as const, error: "mediator" as const };
    }
    let userId = mediator?.userId ?? null;
    if (input.username) {
      const user = await User.findOne({ where: { username: normaliseUsername(input.username) }, transaction });
      if (!user || user.status !== "active") return { ok: false as const, error: "username" as const };
      userId = user.id;
    }
    const duplicate = await Expert.count({
      where: { poolId: pool.id, name: input.name, organisation: input.organisation, state: ["proposed", "vetted", "notice", "listed"] },
      transaction,
    });
    if (duplicate > 0) return { ok: false as const, error: "duplicate" as const };
    const expert = await Expert.create(
      {
        poolId: pool.id,
        orgPath: pool.orgPath,
        name: input.name,
        field: input.field,
        title: input.title || null,
        organisation: input.organisation,
        termFrom: input.termFrom,
        termUntil: termEnds(input.termFrom, pool.termYears),
        phone: input.phone || null,
        email: input.email || null,
        availability: input.availability,
        mediatorId: mediator?.id ?? null,
        userId,
        createdBy: actor.id,
      },
      { transaction },
    );
    await audit(
      {
        actorUserId: actor.id,
        action: mediator ? "expert.invite" : "expert.propose",
        targetType: "expert",
        targetId: expert.id,
        orgUnitId: pool.orgUnitId,
        after: { name: expert.name, field: expert.field, pool: pool.name, state: expert.state, mediatorId: expert.mediatorId, userId },
      },
      transaction,
    );
    return { ok: true as const, expert };
  }, within);
}

/** One expert with everything the bureau sees (contact included), or null outside the scopes. */
export async function expertForAdmin(scopes: OrgScope[], id: number) {
  const expert = await Expert.findByPk(id, { include: ["pool"] });
  if (!expert || !withinScopes(scopes, expert.orgPath)) return null;
  const user = expert.userId ? await User.findByPk(expert.userId, { attributes: ["username"] }) : null;
  return { expert, pool: expert.get("pool") as ExpertPool, username: user?.username ?? null };
}

export type MoveError = "notFound" | "state" | "noticeRunning" | "noticeStart";

/**
 * The one way an expert's admission changes: the move must start from the expert's state
 * (app/lib/experts.ts), checked with the row locked; a notice has its dates (from today or later,
 * default 7 days), listing waits until the notice is over; one audit row records before and after.
 */
export async function moveExpert(
  actor: ExpertActor,
  id: number,
  input: MoveInput,
  options: { transaction?: Transaction; asOf?: string } = {},
): Promise<{ ok: true; expert: Expert } | { ok: false; error: MoveError }> {
  // asOf: the day the move is made on (the demo seed replays a history); otherwise today.
  const day = options.asOf ?? today();
  const result = await inTransaction(async (transaction) => {
    const expert = Number.isSafeInteger(id) && id > 0 ? await Expert.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE }) : null;
    if (!expert || !withinScopes(actor.scopes, expert.orgPath)) return { ok: false as const, error: "notFound" as const };
    const move = input.intent;
    if (!canMoveExpert(move, expert.state)) return { ok: false as const, error: "state" as const };
    const before = { state: expert.state, noticeFrom: expert.noticeFrom, noticeUntil: expert.noticeUntil };
    const fields: Partial<Expert> = { state: EXPERT_TARGET[move] };
    if (move === "publish") {
      const from = input.noticeFrom ?? day;
      if (from < day) return { ok: false as const, error: "noticeStart" as const };
      fields.noticeFrom = from;
      fields.noticeUntil = noticeEnds(from, input.noticeDays ?? 7);
    }
    if (move === "list") {
      if (!expert.noticeUntil || expert.noticeUntil >= day) return { ok: false as const, error: "noticeRunning" as const };
      fields.listedOn = day;
    }
    if (move === "endTerm" || move === "remove") fields.endedOn = day;
    if (move === "reject" || move === "remove") fields.stateReason = input.reason ?? null;
    await expert.update(fields, { transaction });
    const pool = await ExpertPool.findByPk(expert.poolId, { transaction });
    await audit(
      {
        actorUserId: actor.id,
        action: `expert.${move}`,
        targetType: "expert",
        targetId: expert.id,
        orgUnitId: pool?.orgUnitId ?? null,
        before,
        after: { state: expert.state, noticeFrom: expert.noticeFrom, noticeUntil: expert.noticeUntil },
        reason: input.reason ?? null,
      },
      transaction,
    );
    if (["publish", "list", "endTerm", "remove"].includes(input.intent)) await publicPagesChangeOnCommit(transaction, "/experts");
    return { ok: true as const, expert };
  }, options.transaction);
  return result;
}

const EXPERT_TARGET: Record<MoveInput["intent"], ExpertState> = {
  vet: "vetted",
  reject: "rejected",
  publish: "notice",
  list: "listed",
  endTerm: "ended",
  remove: "removed",
};

/** Changes an expert's availability (shown to mediators choosing whom to ask) and the linked account. */
export async function updateExpert(
  actor: ExpertActor,
  id: number,
  input: { availability: Availability; username?: string },
): Promise<{ ok: true } | { ok: false; error: "notFound" | "username" }> {
  return inTransaction(async (transaction) => {
    const expert = await Expert.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!expert || !withinScopes(actor.scopes, expert.orgPath)) return { ok: false as const, error: "notFound" as const };
    let userId = expert.userId;
    if (input.username !== undefined) {
      if (input.username === "") userId = null;
      else {
        const user = await User.findOne({ where: { username: normaliseUsername(input.username) }, transaction });
        if (!user || user.status !== "active") return { ok: false as const, error: "username" as const };
        userId = user.id;
      }
    }
    const before = { availability: expert.availability, userId: expert.userId };
    await expert.update({ availability: input.availability, userId }, { transaction });
    const pool = await ExpertPool.findByPk(expert.poolId, { transaction });
    await audit(
      {
        actorUserId: actor.id,
        action: "expert.update",
        targetType: "expert",
        targetId: expert.id,
        orgUnitId: pool?.orgUnitId ?? null,
        before,
        after: { availability: expert.availability, userId: expert.userId },
      },
      transaction,
    );
    return { ok: true as const };
  });
}
