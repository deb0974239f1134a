/** Today's date in China (the portal's users), as YYYY-MM-DD, whatever the server's time zone. */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export const currentYearInChina = (now = new Date()) => Number(todayInChina(now).slice(0, 4));

/** The day `days` after a YYYY-MM-DD day (calendar arithmetic, no time zone involved). */
export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A DATEONLY value as the database driver returns it (string or UTC-midnight Date) as YYYY-MM-DD. */
export const dayOf = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v ? String(v).slice(0, 10) : null);
