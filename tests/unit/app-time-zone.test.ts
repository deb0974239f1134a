import { appTimeZone, instantToZoned, todayInChina, zonedToInstant, zoneOffsetMs } from "~/lib/dates";
import { chinaLocalToDate } from "~/lib/event";
import { parseChinaLocal, toChinaLocal } from "~/lib/exam";
import { exportName } from "~/.server/web/roster-export";
import { yearsOfService } from "~/lib/mediator";

/** 07:45 in Beijing on 2 December is still 1 December in UTC: what the users see is their own day. */
const MORNING_IN_BEIJING = new Date("2026-12-01T23:45:00Z");

describe("the users' time zone", () => {
  const saved = process.env.APP_TIME_ZONE;
  afterEach(() => {
    if (saved === undefined) delete process.env.APP_TIME_ZONE;
    else process.env.APP_TIME_ZONE = saved;
  });

  it("dates file names and days in Asia/Shanghai by default, whatever the server's zone", () => {
    delete process.env.APP_TIME_ZONE;
    expect(appTimeZone()).toBe("Asia/Shanghai");
    expect(exportName("xlsx", MORNING_IN_BEIJING)).toBe("人民调解员花名册_2026-12-02.xlsx");
    expect(exportName("csv", MORNING_IN_BEIJING)).toBe("人民调解员花名册_2026-12-02.csv");
    expect(todayInChina(MORNING_IN_BEIJING)).toBe("2026-12-02");
    // Appointed on 2 December 2016: ten years on the morning of 2 December in Beijing.
    expect(yearsOfService("2016-12-02", MORNING_IN_BEIJING)).toBe(10);
  });

  it("follows APP_TIME_ZONE, and falls back to Asia/Shanghai for a name Intl does not know", () => {
    process.env.APP_TIME_ZONE = "UTC";
    expect(exportName("xlsx", MORNING_IN_BEIJING)).toBe("人民调解员花名册_2026-12-01.xlsx");
    process.env.APP_TIME_ZONE = "Asia/Tokyo";
    expect(todayInChina(new Date("2026-12-01T15:30:00Z"))).toBe("2026-12-02");
    process.env.APP_TIME_ZONE = "Mars/Olympus";
    expect(appTimeZone()).toBe("Asia/Shanghai");
    expect(todayInChina(MORNING_IN_BEIJING)).toBe("2026-12-02");
  });

  it("turns typed wall-clock times into instants and back in the users' zone (events, exams, due dates, day bounds)", () => {
    delete process.env.APP_TIME_ZONE;
    expect(zonedToInstant("2026-12-05T09:30").toISOString()).toBe("2026-12-05T01:30:00.000Z");
    expect(zonedToInstant("2027-01-01").toISOString()).toBe("2026-12-31T16:00:00.000Z");
    expect(instantToZoned("2026-12-05T01:30:00Z")).toBe("2026-12-05T09:30");
    expect(chinaLocalToDate("2026-11-23T09:30").toISOString()).toBe("2026-11-23T01:30:00.000Z");
    expect(parseChinaLocal("2026-12-05T09:30")?.toISOString()).toBe("2026-12-05T01:30:00.000Z");
    expect(toChinaLocal(new Date("2026-12-05T01:30:00Z"))).toBe("2026-12-05T09:30");
    process.env.APP_TIME_ZONE = "Asia/Urumqi";
    expect(zonedToInstant("2026-12-05T09:30").toISOString()).toBe("2026-12-05T03:30:00.000Z");
    expect(parseChinaLocal("2026-12-05T09:30")?.toISOString()).toBe("2026-12-05T03:30:00.000Z");
    expect(toChinaLocal(new Date("2026-12-05T03:30:00Z"))).toBe("2026-12-05T09:30");
    // A zone with daylight saving: either side of the change in New York (8 March 2026).
    process.env.APP_TIME_ZONE = "America/New_York";
    expect(zonedToInstant("2026-03-07T12:00").toISOString()).toBe("2026-03-07T17:00:00.000Z");
    expect(zonedToInstant("2026-03-09T12:00").toISOString()).toBe("2026-03-09T16:00:00.000Z");
    expect(instantToZoned("2026-03-09T16:00:00Z")).toBe("2026-03-09T12:00");
    expect(zoneOffsetMs(Date.parse("2026-07-01T00:00:00Z"))).toBe(-4 * 3600_000);
  });
});
