import fs from "node:fs";
import path from "node:path";
import { NO_DATE, dayOf, formatDate, isIsoDate, isoOrNull, parseLocalDateTime } from "~/lib/dates";
import { exerciseSchema } from "~/lib/exercise";
import { isoDate, localDateTime } from "~/lib/validation";

/** Issue 23, finding 3: one strict reader of typed dates; stored values that are no date are shown, never thrown. */
describe("the strict date parser", () => {
  it.each([
    ["2026-02-28", true],
    ["2028-02-29", true],
    ["2026-02-29", false],
    ["2026-02-30", false],
    ["2026-04-31", false],
    ["2026-13-01", false],
    ["2026-00-10", false],
    ["2026-01-00", false],
    ["0999-01-01", false],
    ["2026-1-01", false],
    [" 2026-01-01", false],
    ["2026-01-01T00:00", false],
    ["Invalid date", false],
  ])("isIsoDate(%j) is %s", (value, ok) => {
    expect(isIsoDate(value)).toBe(ok);
  });

  it.each([
    ["2026-11-23T09:30", "2026-11-23T09:30"],
    ["2026-11-23T09:30:59", "2026-11-23T09:30"],
    ["2028-02-29T23:59", "2028-02-29T23:59"],
    ["2026-13-45T99:99", null],
    ["2026-02-30T10:00", null],
    ["2026-11-23T24:00", null],
    ["2026-11-23T10:60", null],
    ["2026-11-23T10:00:60", null],
    ["2026-11-23 10:00", null],
    ["2026-11-23T10:00Z", null],
    ["", null],
  ])("parseLocalDateTime(%j) is %j", (value, parsed) => {
    expect(parseLocalDateTime(value)).toBe(parsed);
  });

  it("the Zod helpers refuse on the field with the message asked for", () => {
    expect(isoDate().safeParse("2026-02-30").error?.issues[0].message).toBe("validation.date");
    expect(localDateTime().safeParse("2026-13-45T99:99").error?.issues[0].message).toBe("validation.date");
    expect(exerciseSchema.shape.dueAt.safeParse("2026-02-30T10:00").error?.issues[0].message).toBe("exercise.dueInvalid");
  });

  it("no schema of the app reads a date another way (a hand-written date regex, z.date, z.coerce.date)", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(entry.name) && !full.endsWith(path.join("lib", "dates.ts"))) {
          const source = fs.readFileSync(full, "utf8");
          if (/\.regex\(\/\^\\d\{4\}-\\d\{2\}/.test(source) || /z\.coerce\.date|z\.date\(/.test(source)) offenders.push(full);
        }
      }
    };
    for (const dir of ["app/lib", "app/routes", "app/.server/web"]) walk(path.resolve(__dirname, "../..", dir));
    expect(offenders).toEqual([]);
  });
});

describe("reading stored dates tolerantly", () => {
  const format = new Intl.DateTimeFormat("zh-CN", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" });
  it("formats a real moment and shows the fallback for one that is none", () => {
    expect(formatDate(format, "2026-12-05T01:00:00.000Z")).toBe(format.format(new Date("2026-12-05T01:00:00.000Z")));
    expect(formatDate(format, new Date("Invalid date"))).toBe(NO_DATE);
    expect(formatDate(format, null, "日期无效")).toBe("日期无效");
    expect(isoOrNull(new Date(Number.NaN))).toBeNull();
    expect(isoOrNull("Invalid date")).toBeNull();
    expect(dayOf(new Date(Number.NaN))).toBeNull();
    expect(dayOf("2026-01-02")).toBe("2026-01-02");
  });
});
