/**
 * A DATETIME from a raw query: MySQL/MariaDB give Date objects; SQLite gives Sequelize's
 * "YYYY-MM-DD HH:MM:SS.SSS +00:00" text.
 */
export function parseDbDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  const iso = value.trim().replace(" ", "T").replace(" ", "");
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
}
