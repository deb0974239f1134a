/** The time zone of the portal's users unless APP_TIME_ZONE names another. */
export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

const checked = new Map<string, string>();
/**
 * The users' time zone: APP_TIME_ZONE (an IANA name such as Asia/Urumqi) where the process has an
 * environment — the server — else, and for a name Intl does not know, Asia/Shanghai. Every date a
 * user sees (file names, report dates, ledger days) is a day in this zone, never the server's own.
 */
export function appTimeZone(): string {
  const wanted = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.APP_TIME_ZONE?.trim();
  if (!wanted) return DEFAULT_TIME_ZONE;
  let zone = checked.get(wanted);
  if (!zone) {
    try {
      zone = new Intl.DateTimeFormat("en-CA", { timeZone: wanted }).resolvedOptions().timeZone;
    } catch {
      zone = DEFAULT_TIME_ZONE;
    }
    checked.set(wanted, zone);
  }
  return zone;
}

/** The day (YYYY-MM-DD) an instant falls on for the portal's users (appTimeZone), whatever the server's time zone. */
const formats = new Map<string, Intl.DateTimeFormat>();
/**
 * An Intl.DateTimeFormat for `locale` and `options`, made once and kept (building one costs far
 * more than formatting with it; a page formats dozens of dates).
 */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

export function todayInChina(now = new Date()): string {
  return dateFormat("en-CA", { timeZone: appTimeZone(), year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export const currentYearInChina = (now = new Date()) => Number(todayInChina(now).slice(0, 4));

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
/** How far `zone`'s wall clock is ahead of UTC at `instant`, in ms (+8 h for Asia/Shanghai). */
export function zoneOffsetMs(instant: number, zone = appTimeZone()): number {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    offsetFormats.set(zone, format);
  }
  const part: Record<string, number> = {};
  for (const p of format.formatToParts(new Date(instant))) part[p.type] = Number(p.value);
  const wall = Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * A wall-clock time in the users' zone ("2026-11-23T09:30" as typed in a datetime-local field, or
 * a day "2026-11-23" for its midnight) → the instant it names. Any IANA zone, daylight saving included.
 */
export function zonedToInstant(local: string, zone = appTimeZone()): Date {
  const [day, time = "00:00"] = local.split("T");
  const [y, m, d] = day.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const guess = wall - zoneOffsetMs(wall, zone);
  return new Date(wall - zoneOffsetMs(guess, zone));
}

/** An instant as the users' wall clock, "YYYY-MM-DDTHH:MM" (a datetime-local value). */
export function instantToZoned(at: Date | string | number, zone = appTimeZone()): string {
  const instant = new Date(at).getTime();
  return new Date(instant + zoneOffsetMs(instant, zone)).toISOString().slice(0, 16);
}

/** The day `days` after a YYYY-MM-DD day (calendar arithmetic, no time zone involved). */
export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A DATEONLY value as the database driver returns it (string or UTC-midnight Date) as YYYY-MM-DD; null for none or an invalid Date. */
export const dayOf = (v: unknown) =>
  v instanceof Date ? (Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10)) : v ? String(v).slice(0, 10) : null;

/*
 * The one strict reader of typed dates (every date and datetime field of the app goes through
 * these, via the Zod helpers `isoDate` and `localDateTime` in app/lib/validation.ts): a value is a
 * real calendar day or moment, written exactly so, or it is refused — 2026-02-30 is not 2 March,
 * 2026-13-45T99:99 is nothing.
 */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_MOMENT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** A YYYY-MM-DD day that exists in the calendar (year 1000–9999). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = DAY.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A wall-clock moment as a datetime-local field sends it ("2026-11-23T09:30", seconds allowed and
 * dropped), normalised to YYYY-MM-DDTHH:MM; null when the day or the time does not exist.
 */
export function parseLocalDateTime(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const m = LOCAL_MOMENT.exec(value.trim());
  if (!m || !isIsoDate(m[1])) return null;
  const [hours, minutes, seconds] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  return `${m[1]}T${m[2]}:${m[3]}`;
}

/*
 * Reading stored values tolerantly: a row written before the strict parser (or by hand) may hold a
 * date that is no date. Pages show "—" for it instead of failing for everyone who lists it.
 */

/** The value as a Date when it is a real moment (a Date, an ISO string or a timestamp), else null. */
export function validDate(value: unknown): Date | null {
  const date = value instanceof Date ? value : typeof value === "string" || typeof value === "number" ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/** `date.toISOString()`, or null for an invalid or missing date (toISOString would throw). */
export const isoOrNull = (value: unknown): string | null => validDate(value)?.toISOString() ?? null;

/** What a page shows for a stored date that is no date. */
export const NO_DATE = "—";

/** `format.format(value)`, or `fallback` for an invalid or missing date (Intl would throw a RangeError). */
export function formatDate(format: Intl.DateTimeFormat, value: unknown, fallback = NO_DATE): string {
  const date = validDate(value);
  return date ? format.format(date) : fallback;
}

/** The China wall-clock day (YYYY-MM-DD) of a moment; null for an invalid date. */
export function chinaDayOf(value: unknown): string | null {
  const date = validDate(value);
  return date ? todayInChina(date) : null;
}

/** The years a year selector offers: this year (in the users' time zone) and the `count - 1` before it, newest first; never a year to come. */
export const recentYears = (count: number, now = new Date()) => {
  const thisYear = currentYearInChina(now);
  return Array.from({ length: count }, (_, i) => thisYear - i);
};
