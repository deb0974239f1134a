import { inTransaction } from "../db/connection";
import { RoleGrant, User } from "../db/models";
import { audit } from "../audit";
import { hashPassword, verifyPassword } from "./password";
import { destroyAllSessions } from "./users";

/** The org unit an account's audit events belong to: where its first grant sits. */
export async function homeOrgOf(userId: number): Promise<number | null> {
  const grant = await RoleGrant.findOne({ where: { userId }, order: [["id", "ASC"]] });
  return grant?.orgUnitId ?? null;
}

export type ChangePasswordResult = { ok: true } | { ok: false; error: "wrongCurrent" | "same" };

/** The user changes their own password; other sessions end, this one stays. */
export async function changeOwnPassword(input: {
  userId: number;
  sessionId: string;
  current: string;
  next: string;
  ip: string;
}): Promise<ChangePasswordResult> {
  const user = await User.findByPk(input.userId);
  if (!user || !(await verifyPassword(input.current, user.passwordHash))) return { ok: false, error: "wrongCurrent" };
  if (input.current === input.next) return { ok: false, error: "same" };
  const passwordHash = await hashPassword(input.next);
  const orgUnitId = await homeOrgOf(user.id);
  await inTransaction(async (transaction) => {
    await user.update({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date() }, { transaction });
    await destroyAllSessions(user.id, { except: input.sessionId, transaction });
    await audit(
      { actorUserId: user.id, action: "user.password_changed", targetType: "user", targetId: user.id, orgUnitId, ip: input.ip },
      transaction,
    );
  });
  return { ok: true };
}
