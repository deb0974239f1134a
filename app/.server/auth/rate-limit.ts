import { QueryTypes, type Transaction } from "sequelize";
import { getDatabaseConfig, getSequelize, inTransaction } from "../db/connection";

/**
 * Rate limits, kept in the database so they hold across server processes. Every try is counted
 * before it is judged: one statement raises the bucket's counter (an upsert) and the count it
 * returns decides whether this try may go on, so 40 parallel tries for one username let at most
 * LIMITS.user through (on MariaDB the upsert holds the row lock until the transaction commits; on
 * SQLite writers run one at a time). A successful sign-in clears its username's counter and gives
 * its address's try back, so only failures add up.
 *
 * Windows are fixed: a bucket's first try opens a WINDOW_MS window; when it has passed, the next
 * try starts a new one.
 */
export const WINDOW_MS = 15 * 60 * 1000;
/**
 * Per username, and per client address. A village office or a training room shares one address
 * behind its router, so the address limit is far higher than the username limit: it only stops
 * one machine trying many usernames.
 */
export const LIMITS = { user: 5, ip: 200 } as const;
/** Wrong check-in codes per mediator and event. */
export const CHECKIN_LIMIT = 5;

export type LimitKind = keyof typeof LIMITS;
export type TryVerdict = { ok: true } | { ok: false; limit: LimitKind; minutes: number };

const bucketFor = (kind: string, key: string) => `${kind}:${key}`.slice(0, 190);

type Hit = { hits: number; windowStart: number };

/** Raises the bucket's counter by one (a new window when the old one has passed) and reads it back. */
async function hit(bucket: string, now: number, transaction: Transaction): Promise<Hit> {
  const sequelize = getSequelize();
  const replacements = { bucket, now, expired: now - WINDOW_MS };
  const upsert =
    getDatabaseConfig().dialect === "sqlite"
      ? `INSERT INTO rate_limits (bucket, hits, window_start) VALUES (:bucket, 1, :now)
         ON CONFLICT(bucket) DO UPDATE SET
           hits = CASE WHEN window_start <= :expired THEN 1 ELSE hits + 1 END,
           window_start = CASE WHEN window_start <= :expired THEN excluded.window_start ELSE window_start END`
      : // MySQL assigns left to right: the second IF still sees the old window_start.
        `INSERT INTO rate_limits (bucket, hits, window_start) VALUES (:bucket, 1, :now)
         ON DUPLICATE KEY UPDATE
           hits = IF(window_start <= :expired, 1, hits + 1),
           window_start = IF(window_start <= :expired, VALUES(window_start), window_start)`;
  await sequelize.query(upsert, { replacements, transaction });
  const [row] = await sequelize.query<{ hits: number | string; window_start: number | string }>(
    "SELECT hits, window_start FROM rate_limits WHERE bucket = :bucket",
    { replacements, transaction, type: QueryTypes.SELECT },
  );
  return { hits: Number(row.hits), windowStart: Number(row.window_start) };
}

async function giveBack(bucket: string, transaction?: Transaction) {
  await getSequelize().query("UPDATE rate_limits SET hits = hits - 1 WHERE bucket = :bucket AND hits > 0", {
    replacements: { bucket },
    transaction,
  });
}

const minutesLeft = (h: Hit, now: number) => Math.max(1, Math.ceil((h.windowStart + WINDOW_MS - now) / 60_000));

async function trimNowAndThen(now: number) {
  // Old rows only slow the table down; drop them now and then.
  if (Math.random() < 0.02) {
    await getSequelize().query("DELETE FROM rate_limits WHERE window_start < :old", { replacements: { old: now - 24 * 3600_000 } });
  }
}

/**
 * "May I try, and count this try", in one step: a sign-in for `username` from `ip`. The username
 * is counted first; a try refused there does not count against the address.
 */
export async function takeLoginTry(username: string, ip: string, now = Date.now()): Promise<TryVerdict> {
  const verdict = await inTransaction(async (transaction): Promise<TryVerdict> => {
    const user = await hit(bucketFor("user", username), now, transaction);
    if (user.hits > LIMITS.user) return { ok: false, limit: "user", minutes: minutesLeft(user, now) };
    const address = await hit(bucketFor("ip", ip), now, transaction);
    if (address.hits > LIMITS.ip) {
      await giveBack(bucketFor("user", username), transaction);
      return { ok: false, limit: "ip", minutes: minutesLeft(address, now) };
    }
    return { ok: true };
  });
  await trimNowAndThen(now);
  return verdict;
}

/** The try succeeded: the username starts afresh and the address gets its try back. */
export async function loginSucceeded(username: string, ip: string) {
  await inTransaction(async (transaction) => {
    await getSequelize().query("DELETE FROM rate_limits WHERE bucket = :bucket", {
      replacements: { bucket: bucketFor("user", username) },
      transaction,
    });
    await giveBack(bucketFor("ip", ip), transaction);
  });
}

/**
 * One check-in code try by `userId` at `eventId`, counted before the code is compared, in the
 * check-in's own transaction (a wrong code commits the count, and nothing else).
 */
export async function takeCheckinTry(eventId: number, userId: number, now: number, transaction: Transaction): Promise<TryVerdict> {
  const counted = await hit(bucketFor("checkin", `${eventId}:${userId}`), now, transaction);
  return counted.hits > CHECKIN_LIMIT ? { ok: false, limit: "user", minutes: minutesLeft(counted, now) } : { ok: true };
}

export async function checkinSucceeded(eventId: number, userId: number, transaction: Transaction) {
  await getSequelize().query("DELETE FROM rate_limits WHERE bucket = :bucket", {
    replacements: { bucket: bucketFor("checkin", `${eventId}:${userId}`) },
    transaction,
  });
}

/** Objections (异议) filed on a public announcement page, per client address and window. */
export const OBJECTION_LIMIT = 5;

/** One public objection from `ip`, counted before it is judged (a filled honeypot is refused earlier and not counted). */
export async function takeObjectionTry(ip: string, now = Date.now()): Promise<TryVerdict> {
  const verdict = await inTransaction(async (transaction): Promise<TryVerdict> => {
    const counted = await hit(bucketFor("objection", ip), now, transaction);
    return counted.hits > OBJECTION_LIMIT ? { ok: false, limit: "ip", minutes: minutesLeft(counted, now) } : { ok: true };
  });
  await trimNowAndThen(now);
  return verdict;
}
