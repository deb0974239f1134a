/**
 * Whether an error means "the database cannot be reached right now" (server down, restarting,
 * out of connections, SQLite file locked or unreadable) rather than a fault in a query: the first
 * is answered with a 503 "try again shortly", the second stays a 500. Sequelize wraps the driver's
 * error; its own class names, the driver's code and its cause chain are all looked at.
 */
const OUTAGE_NAMES = new Set([
  "SequelizeConnectionError",
  "SequelizeConnectionRefusedError",
  "SequelizeConnectionTimedOutError",
  "SequelizeHostNotFoundError",
  "SequelizeHostNotReachableError",
  "SequelizeInvalidConnectionError",
  "SequelizeConnectionAcquireTimeoutError",
  "SequelizeAccessDeniedError",
]);

const OUTAGE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EPIPE",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "ER_CON_COUNT_ERROR",
  "ER_SERVER_SHUTDOWN",
  "ER_LOCK_WAIT_TIMEOUT",
  "ER_ACCESS_DENIED_ERROR",
  "ER_BAD_DB_ERROR",
  "SQLITE_BUSY",
  "SQLITE_CANTOPEN",
  "SQLITE_IOERR",
  "SQLITE_FULL",
  "SQLITE_READONLY",
]);

export function isDatabaseOutage(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current = error as { name?: unknown; code?: unknown; parent?: unknown; original?: unknown; cause?: unknown } | null | undefined;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    if (typeof current.name === "string" && OUTAGE_NAMES.has(current.name)) return true;
    if (typeof current.code === "string" && OUTAGE_CODES.has(current.code)) return true;
    current = (current.parent ?? current.original ?? current.cause) as typeof current;
  }
  return false;
}

/** Seconds a browser or a client should wait before asking again during an outage. */
export const RETRY_AFTER_SECONDS = 30;
