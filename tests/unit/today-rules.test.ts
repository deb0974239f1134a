import { caseFileSchema } from "~/lib/case-file";
import { sanctionSchema } from "~/lib/levels";
import { pastDate } from "~/lib/validation";

/**
 * "Not in the future" means after the users' today (Asia/Shanghai by default), not UTC's: from
 * 16:00 to 24:00 UTC Beijing is already on the next day, and a file closed this evening in a
 * village office must be accepted then (the register import refused it before).
 */
const EVENING_UTC = new Date("2026-12-02T20:30:00Z"); // 04:30 on 3 December in Beijing

const row = (day: string) => ({
  fileNo: "东调〔2026〕1号",
  orgUnitId: 1,
  primaryMediatorId: 2,
  category: "neighbourhood",
  source: "application",
  receivedOn: day,
  closedOn: day,
  outcome: "failure",
  parties: 2,
  summary: "张某与李某因漏水发生纠纷。",
});

describe("today in the date rules", () => {
  const saved = process.env.APP_TIME_ZONE;
  beforeEach(() => {
    delete process.env.APP_TIME_ZONE;
    jest.useFakeTimers({ now: EVENING_UTC });
  });
  afterEach(() => {
    jest.useRealTimers();
    if (saved === undefined) delete process.env.APP_TIME_ZONE;
    else process.env.APP_TIME_ZONE = saved;
  });

  it("accepts a case file received and closed on the users' today, and refuses their tomorrow", () => {
    const today = caseFileSchema.safeParse(row("2026-12-03"));
    expect(today.success ? [] : today.error.issues.map((i) => i.path.join("."))).toEqual([]);
    const tomorrow = caseFileSchema.safeParse(row("2026-12-04"));
    expect(tomorrow.success).toBe(false);
    expect(tomorrow.success ? [] : tomorrow.error.issues.map((i) => i.path.join("."))).toEqual(["receivedOn", "closedOn"]);
  });

  it("takes a past date or a sanction dated the users' today", () => {
    expect(pastDate.safeParse("2026-12-03").success).toBe(true);
    expect(pastDate.safeParse("2026-12-04").success).toBe(false);
    expect(sanctionSchema.safeParse({ on: "2026-12-03", reason: "违反调解纪律", documentNo: "东司〔2026〕3号" }).success).toBe(true);
  });

  it("follows APP_TIME_ZONE: in UTC the evening is still 2 December", () => {
    process.env.APP_TIME_ZONE = "UTC";
    expect(pastDate.safeParse("2026-12-03").success).toBe(false);
  });
});
