/** Today's date in China (the portal's users), as YYYY-MM-DD, whatever the server's time zone. */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export const currentYearInChina = (now = new Date()) => Number(todayInChina(now).slice(0, 4));
