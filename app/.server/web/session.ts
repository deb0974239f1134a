import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import { QueryTypes } from "sequelize";
import type { Role } from "~/lib/roles";
import { getSequelize, isDeadlock } from "../db/connection";
import { parseDbDate } from "../db/dates";
import { Session } from "../db/models";
import type { CurrentUser, Grant } from "../auth/users";

export type { CurrentUser, Grant };

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

/** Opens a session for the user; returns the Set-Cookie header value. */
export async function createSession(userId: number, request: Request): Promise<string> {
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

/** Calls with the same request share its user. */
const perRequest = new WeakMap<Request, Promise<CurrentUser | null>>();
/**
 * Lookups in flight, by Cookie header. Remix hands each loader of a page its own copy of the request,
 * so the root and route loaders (started together) meet here and share one query. An entry lives
 * only until its query settles: the next request reads the session afresh, so a sign-out or a
 * disabled account takes effect at once.
 */
const inFlight = new Map<string, Promise<CurrentUser | null>>();

function sharedLookUp(request: Request): Promise<CurrentUser | null> {
  const cookie = request.headers.get("Cookie");
  if (!cookie) return lookUpUser(request);
  let lookup = inFlight.get(cookie);
  if (!lookup) {
    const started = lookUpUser(request);
    lookup = started;
    inFlight.set(cookie, started);
    const forget = () => {
      if (inFlight.get(cookie) === started) inFlight.delete(cookie);
    };
    started.then(forget, forget);
  }
  return lookup;
}

/** The signed-in user with their grants, or null. Expired sessions and disabled users count as signed out. */
export function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  let user = perRequest.get(request);
  if (!user) {
    user = sharedLookUp(request);
    perRequest.set(request, user);
  }
  return user;
}

type SessionRow = {
  session_id: string;
  expires_at: Date | string;
  last_seen_at: Date | string;
  user_id: number;
  username: string;
  display_name: string;
  status: string;
  must_change_password: number | boolean;
  role: Role | null;
  org_unit_id: number | null;
  org_path: string | null;
  org_name: string | null;
};

/** Every page asks this: one raw query for the session, its user and their grants. */
const SESSION_SQL = `
  SELECT s.id AS session_id, s.expires_at, s.last_seen_at,
         u.id AS user_id, u.username, u.display_name, u.status, u.must_change_password,
         g.role, g.org_unit_id, o.path AS org_path, o.name AS org_name
    FROM sessions s
    JOIN users u ON u.id = s.user_id
    LEFT JOIN role_grants g ON g.user_id = u.id
    LEFT JOIN org_units o ON o.id = g.org_unit_id
   WHERE s.id = :id`;

const toTime = (value: Date | string) => parseDbDate(value).getTime();

/**
 * Two requests of one browser touching its session row at the same moment through two Galera nodes:
 * one loses certification (a deadlock error on its autocommit statement) — the other has written
 * the same thing, so the loser goes on instead of answering 500.
 */
async function sameRowAtOnce(write: Promise<unknown>) {
  try {
    await write;
  } catch (error) {
    if (!isDeadlock(error)) throw error;
  }
}

async function lookUpUser(request: Request): Promise<CurrentUser | null> {
  const token = await tokenOf(request);
  if (!token) return null;
  const sequelize = getSequelize();
  const rows = (await sequelize.query(SESSION_SQL, { replacements: { id: digest(token) }, type: QueryTypes.SELECT })) as SessionRow[];
  if (rows.length === 0) return null;
  const first = rows[0];
  const now = Date.now();
  const lastSeen = toTime(first.last_seen_at);
  if (toTime(first.expires_at) <= now || lastSeen + IDLE_MS() <= now) {
    await sameRowAtOnce(Session.destroy({ where: { id: first.session_id } }));
    return null;
  }
  if (first.status !== "active") return null;
  if (now - lastSeen > TOUCH_MS) {
    await sameRowAtOnce(Session.update({ lastSeenAt: new Date(now) }, { where: { id: first.session_id } }));
  }
  return {
    id: Number(first.user_id),
    username: first.username,
    displayName: first.display_name,
    mustChangePassword: Boolean(Number(first.must_change_password)),
    sessionId: first.session_id,
    grants: rows
      .filter((r) => r.role !== null)
      .map((r) => ({ role: r.role!, orgUnitId: Number(r.org_unit_id), orgPath: r.org_path!, orgName: r.org_name! })),
  };
}

/** Ends this browser's session; returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request): Promise<string> {
  const token = await tokenOf(request);
  if (token) {
    await Session.destroy({ where: { id: digest(token) } });
  }
  return sessionCookie.serialize("", { maxAge: 0 });
}

/** The client address as Express saw it (X-Forwarded-For is honoured only with TRUST_PROXY). */
export function clientIp(request: Request): string {
  return request.headers.get("x-academy-client-ip") ?? "unknown";
}
