import { Op, type Transaction } from "sequelize";
import type { Role } from "~/lib/roles";
import { Session } from "../db/models";

/** A grant as a signed-in user carries it: a role bound to one org node (and so to its subtree). */
export type Grant = { role: Role; orgUnitId: number; orgPath: string; orgName: string };
export type CurrentUser = {
  id: number;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  grants: Grant[];
  sessionId: string;
};

/** "Sign out everywhere", also used when an account is disabled or its password reset. */
export async function destroyAllSessions(userId: number, options: { except?: string; transaction?: Transaction } = {}) {
  await Session.destroy({
    where: { userId, ...(options.except ? { id: { [Op.ne]: options.except } } : {}) },
    transaction: options.transaction,
  });
}
