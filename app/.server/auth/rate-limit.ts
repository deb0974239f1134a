import { Op } from "sequelize";
import { LoginFailure } from "../db/models";

/**
 * Login throttling, kept in the database so it holds across server processes: at most
 * LIMITS.user failures per username and LIMITS.ip per client address within WINDOW_MS.
 */
export const WINDOW_MS = 15 * 60 * 1000;
export const LIMITS = { user: 5, ip: 30 } as const;

const bucketFor = (kind: "user" | "ip", key: string) => `${kind}:${key.slice(0, 150)}`;

/** Minutes until the caller may try again, or 0 when they may try now. */
export async function loginBlockedFor(username: string, ip: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS);
  let waitMs = 0;
  for (const [kind, key] of [["user", username], ["ip", ip]] as const) {
    const failures = await LoginFailure.findAll({
      where: { bucket: bucketFor(kind, key), at: { [Op.gt]: since } },
      order: [["at", "DESC"]],
      limit: LIMITS[kind],
      attributes: ["at"],
    });
    if (failures.length >= LIMITS[kind]) {
      const oldestCounted = failures[failures.length - 1].at.getTime();
      waitMs = Math.max(waitMs, oldestCounted + WINDOW_MS - now.getTime());
    }
  }
  return waitMs > 0 ? Math.ceil(waitMs / 60_000) : 0;
}

export async function recordLoginFailure(username: string, ip: string, now = new Date()) {
  await LoginFailure.bulkCreate([
    { bucket: bucketFor("user", username), at: now },
    { bucket: bucketFor("ip", ip), at: now },
  ]);
  // Old rows only slow the index down; trim them now and then.
  if (Math.random() < 0.05) {
    await LoginFailure.destroy({ where: { at: { [Op.lt]: new Date(now.getTime() - 24 * 3600_000) } } });
  }
}

export async function clearLoginFailures(username: string) {
  await LoginFailure.destroy({ where: { bucket: bucketFor("user", username) } });
}
