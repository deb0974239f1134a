import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import { Op } from "sequelize";
import type { Role } from "~/lib/roles";
import { getSequelize } from "../db/connection";
import { OrgUnit, RoleGrant, Session, User } from "../db/models";

/** Idle and absolute session lifetimes; a village office phone stays signed in for a working week. */
const IDLE_MS = () => Number(process.env.SESSION_IDLE_MINUTES ?? 8 * 60) * 60_000;
const MAX_MS = () => Number(process.env.SESSION_MAX_DAYS ?? 7) * 24 * 3600_000;
/** lastSeenAt is refreshed at most this often, so reading pages does not write on every request. */
const TOUCH_MS = 60_000;

export const sessionCookie = createCookie("academy_session", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "true",
});

const digest = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export type Grant = { role: Role; orgUnitId: number; orgPath: string; orgName: string };
export type CurrentUser = {
  id: number;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  grants: Grant[];
  sessionId: string;
};

/** Opens a session for the user; returns the Set-Cookie header value. */
export async function createSession(userId: number, request: Request): Promise<string> {
  getSequelize();
  const token = crypto.randomBytes(32).toString("base64url");
  const now = new Date();
  await Session.create({
    id: digest(token),
    userId,
    expiresAt: new Date(now.getTime() + MAX_MS()),
    lastSeenAt: now,
    ip: clientIp(request),
    userAgent: request.headers.get("user-agent")?.slice(0, 255) ?? null,
  });
  return sessionCookie.serialize(token, { maxAge: Math.floor(MAX_MS() / 1000) });
}

async function tokenOf(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 20 ? value : null;
}

/** The signed-in user with their grants, or null. Expired sessions and disabled users count as signed out. */
export async function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  const token = await tokenOf(request);
  if (!token) return null;
  getSequelize();
  const session = await Session.findByPk(digest(token));
  if (!session) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + IDLE_MS() <= now) {
    await session.destroy();
    return null;
  }
  const user = await User.findByPk(session.userId);
  if (!user || user.status !== "active") return null;
  if (now - session.lastSeenAt.getTime() > TOUCH_MS) {
    await Session.update({ lastSeenAt: new Date(now) }, { where: { id: session.id } });
  }
  const grants = await RoleGrant.findAll({
    where: { userId: user.id },
    include: [{ model: OrgUnit, as: "orgUnit", attributes: ["path", "name"] }],
  });
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    mustChangePassword: user.mustChangePassword,
    sessionId: session.id,
    grants: grants.map((g) => {
      const org = g.get("orgUnit") as OrgUnit;
      return { role: g.role, orgUnitId: g.orgUnitId, orgPath: org.path, orgName: org.name };
    }),
  };
}

/** Ends this browser's session; returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request): Promise<string> {
  const token = await tokenOf(request);
  if (token) {
    getSequelize();
    await Session.destroy({ where: { id: digest(token) } });
  }
  return sessionCookie.serialize("", { maxAge: 0 });
}

/** "Sign out everywhere", also used when an account is disabled or its password reset. */
export async function destroyAllSessions(userId: number, options: { except?: string; transaction?: import("sequelize").Transaction } = {}) {
  getSequelize();
  await Session.destroy({
    where: { userId, ...(options.except ? { id: { [Op.ne]: options.except } } : {}) },
    transaction: options.transaction,
  });
}

/** The client address as Express saw it (X-Forwarded-For is honoured only with TRUST_PROXY). */
export function clientIp(request: Request): string {
  return request.headers.get("x-academy-client-ip") ?? "unknown";
}
