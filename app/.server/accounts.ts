import { Op, type Transaction } from "sequelize";
import type { Role } from "~/lib/roles";
import { audit } from "./audit";
import { generateOneTimePassword, hashPassword } from "./auth/password";
import { destroyAllSessions } from "./auth/users";
import { getSequelize, inTransaction } from "./db/connection";
import { Mediator, OrgUnit, RoleGrant, User } from "./db/models";
import { withinScopes } from "./access";
import type { OrgScope } from "./org";

/**
 * Accounts as bureau admins manage them. An admin sees an account when one of its grants lies in
 * their subtree, and may change it only when all of them do (so a county cannot touch a city
 * admin), and never their own account here.
 */
export type AccountActor = { id: number; scopes: OrgScope[]; isSysadmin: boolean; ip: string };

export const normaliseUsername = (username: string) => username.trim().toLowerCase();

export async function usernameTaken(username: string, transaction?: Transaction) {
  return (await User.count({ where: { username: normaliseUsername(username) }, transaction })) > 0;
}

export async function orgInScopes(scopes: OrgScope[], orgUnitId: number) {
  const unit = await OrgUnit.findByPk(orgUnitId, { attributes: ["id", "path", "kind"] });
  return unit && withinScopes(scopes, unit.path) ? unit : null;
}

export function canGrant(actor: AccountActor, role: Role) {
  return role !== "sysadmin" || actor.isSysadmin;
}

export type NewAccount = { username: string; displayName: string; phone?: string | null; role: Role; orgUnitId: number };
export type AccountError = "usernameTaken" | "outOfScope" | "roleNotAllowed";

/** Creates an account with one grant and a one-time password that must be changed at first login. */
export async function createAccount(
  actor: AccountActor,
  input: NewAccount,
  transaction?: Transaction,
): Promise<{ ok: true; user: User; password: string } | { ok: false; error: AccountError }> {
  if (!canGrant(actor, input.role)) return { ok: false, error: "roleNotAllowed" };
  if (!(await orgInScopes(actor.scopes, input.orgUnitId))) return { ok: false, error: "outOfScope" };
  if (await usernameTaken(input.username, transaction)) return { ok: false, error: "usernameTaken" };
  const password = generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  const run = async (t: Transaction) => {
    const user = await User.create(
      {
        username: normaliseUsername(input.username),
        displayName: input.displayName,
        phone: input.phone ?? null,
        passwordHash,
        mustChangePassword: true,
        passwordChangedAt: null,
      },
      { transaction: t },
    );
    await RoleGrant.create({ userId: user.id, role: input.role, orgUnitId: input.orgUnitId }, { transaction: t });
    await audit(
      {
        actorUserId: actor.id,
        action: "user.created",
        targetType: "user",
        targetId: user.id,
        orgUnitId: input.orgUnitId,
        after: { username: user.username, displayName: user.displayName, grant: `${input.role}@${input.orgUnitId}` },
        ip: actor.ip,
      },
      t,
    );
    return user;
  };
  const user = await inTransaction(run, transaction);
  return { ok: true, user, password };
}

/** Opens an account for a roster entry: the phone number as username when free, a mediator grant on their committee. */
export async function createAccountForMediator(actor: AccountActor, mediator: Mediator) {
  if (mediator.userId) return { ok: false as const, error: "hasAccount" as const };
  return inTransaction(async (transaction) => {
    // Read again under a lock: two requests at once must not both find the entry without an account.
    const fresh = await Mediator.findByPk(mediator.id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!fresh || fresh.userId) return { ok: false as const, error: "hasAccount" as const };
    const candidates = [mediator.phone, `m${mediator.id}`].filter((u): u is string => Boolean(u));
    let username = candidates[candidates.length - 1];
    for (const candidate of candidates) {
      if (!(await usernameTaken(candidate, transaction))) {
        username = candidate;
        break;
      }
    }
    const created = await createAccount(
      actor,
      { username, displayName: mediator.name, phone: mediator.phone, role: "mediator", orgUnitId: mediator.orgUnitId },
      transaction,
    );
    if (!created.ok) return created;
    await fresh.update({ userId: created.user.id }, { transaction });
    mediator.userId = created.user.id;
    return { ok: true as const, userId: created.user.id, username: created.user.username, password: created.password };
  });
}

const PAGE = 50;

/** Accounts with at least one grant inside the scopes. */
export async function listAccounts(scopes: OrgScope[], options: { q?: string; page: number }) {
  const q = options.q?.replace(/[\\%_]/g, "").trim();
  const where = {
    id: {
      [Op.in]: getSequelize().literal(
        `(SELECT g.user_id FROM role_grants g JOIN org_units o ON o.id = g.org_unit_id WHERE ${scopes
          .map((s) => {
            const from = getSequelize().escape(s.path);
            const to = getSequelize().escape(`${s.path.slice(0, -1)}0`);
            return `(o.path >= ${from} AND o.path < ${to})`;
          })
          .join(" OR ")})`,
      ),
    },
    ...(q ? { [Op.or]: [{ username: { [Op.like]: `%${q}%` } }, { displayName: { [Op.like]: `%${q}%` } }] } : {}),
  };
  const { count, rows } = await User.findAndCountAll({
    where,
    order: [["username", "ASC"]],
    limit: PAGE,
    offset: (options.page - 1) * PAGE,
    include: [{ model: RoleGrant, as: "grants", include: [{ model: OrgUnit, as: "orgUnit", attributes: ["name"] }] }],
    distinct: true,
  });
  return { total: count, pageCount: Math.max(1, Math.ceil(count / PAGE)), rows };
}

/** An account by the id in a URL, with its grants and the nodes they sit on; null for an unknown id. */
export async function findAccount(id: string | number | undefined) {
  const userId = Number(id);
  if (!Number.isSafeInteger(userId) || userId <= 0) return null;
  const user = await User.findByPk(userId, {
    include: [{ model: RoleGrant, as: "grants", include: [{ model: OrgUnit, as: "orgUnit", attributes: ["id", "name", "path"] }] }],
  });
  if (!user) return null;
  const grants = user.get("grants") as (RoleGrant & { orgUnit?: OrgUnit })[];
  return { user, grants, orgPaths: grants.map((g) => (g.get("orgUnit") as OrgUnit).path) };
}

/** An admin may change an account only when all its grants lie in their subtree, and never their own. */
export function manageableBy(actor: AccountActor, account: { user: User; grants: RoleGrant[]; orgPaths: readonly string[] }) {
  return (
    account.user.id !== actor.id &&
    account.orgPaths.every((path) => withinScopes(actor.scopes, path)) &&
    (actor.isSysadmin || !account.grants.some((g) => g.role === "sysadmin"))
  );
}

async function recordAccountChange(
  actor: AccountActor,
  user: User,
  action: string,
  transaction: Transaction,
  extra: { before?: Record<string, unknown>; after?: Record<string, unknown>; reason?: string | null; orgUnitId?: number } = {},
) {
  const grant = await RoleGrant.findOne({ where: { userId: user.id }, order: [["id", "ASC"]], transaction });
  await audit(
    {
      actorUserId: actor.id,
      action,
      targetType: "user",
      targetId: user.id,
      orgUnitId: extra.orgUnitId ?? grant?.orgUnitId ?? null,
      before: extra.before,
      after: extra.after,
      reason: extra.reason,
      ip: actor.ip,
    },
    transaction,
  );
}

/** Disabling ends every session of the account at once. */
export async function setAccountStatus(actor: AccountActor, user: User, status: "active" | "disabled", reason: string) {
  await inTransaction(async (transaction) => {
    const before = { status: user.status };
    await user.update({ status }, { transaction });
    if (status === "disabled") await destroyAllSessions(user.id, { transaction });
    await recordAccountChange(actor, user, status === "disabled" ? "user.disabled" : "user.enabled", transaction, {
      before,
      after: { status },
      reason,
    });
  });
}

/** A new one-time password, to be changed at next login; the old sessions end. */
export async function resetPassword(actor: AccountActor, user: User) {
  const password = generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  await inTransaction(async (transaction) => {
    await user.update({ passwordHash, mustChangePassword: true }, { transaction });
    await destroyAllSessions(user.id, { transaction });
    await recordAccountChange(actor, user, "user.password_reset", transaction);
  });
  return password;
}

export async function signOutEverywhere(actor: AccountActor, user: User) {
  await inTransaction(async (transaction) => {
    await destroyAllSessions(user.id, { transaction });
    await recordAccountChange(actor, user, "user.signed_out_everywhere", transaction);
  });
}

export async function addGrant(actor: AccountActor, user: User, role: Role, orgUnitId: number) {
  if (!canGrant(actor, role)) return { ok: false as const, error: "roleNotAllowed" as const };
  if (!(await orgInScopes(actor.scopes, orgUnitId))) return { ok: false as const, error: "outOfScope" as const };
  const exists = await RoleGrant.count({ where: { userId: user.id, role, orgUnitId } });
  if (exists) return { ok: true as const };
  await inTransaction(async (transaction) => {
    await RoleGrant.create({ userId: user.id, role, orgUnitId }, { transaction });
    await recordAccountChange(actor, user, "grant.added", transaction, { after: { role, orgUnitId }, orgUnitId });
  });
  return { ok: true as const };
}

export async function removeGrant(actor: AccountActor, user: User, grantId: number) {
  const grant = await RoleGrant.findOne({ where: { id: grantId, userId: user.id } });
  if (!grant) return false;
  await inTransaction(async (transaction) => {
    await grant.destroy({ transaction });
    await recordAccountChange(actor, user, "grant.removed", transaction, {
      before: { role: grant.role, orgUnitId: grant.orgUnitId },
      orgUnitId: grant.orgUnitId,
    });
  });
  return true;
}
