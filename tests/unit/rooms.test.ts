import {
  DEFAULT_ROOM_POLICY,
  ROOM_MOVES,
  ROOM_STATUSES,
  canMoveRoom,
  checkEligibility,
  proposeSheet,
  ratingWindow,
  ratingYearOn,
  roomNameKey,
  roomSchema,
  starsFor,
  type RoomStatus,
} from "~/lib/rooms";

const LEVELS = ["level1", "level2", "level3", "level4"];

describe("the room state machine", () => {
  it("reaches named only through submit, consent and name; withdrawn is the end", () => {
    const reachable = new Map<RoomStatus, string[]>([["draft", []]]);
    const queue: RoomStatus[] = ["draft"];
    while (queue.length) {
      const at = queue.shift()!;
      for (const [move, m] of Object.entries(ROOM_MOVES)) {
        if (!canMoveRoom(move as keyof typeof ROOM_MOVES, at) || reachable.has(m.to)) continue;
        reachable.set(m.to, [...reachable.get(at)!, move]);
        queue.push(m.to);
      }
    }
    expect(reachable.get("named")).toEqual(["submit", "consent", "name"]);
    expect([...reachable.keys()].sort()).toEqual([...ROOM_STATUSES].sort());
    for (const move of Object.keys(ROOM_MOVES)) {
      expect(canMoveRoom(move as keyof typeof ROOM_MOVES, "withdrawn")).toBe(false);
      expect(canMoveRoom(move as keyof typeof ROOM_MOVES, "rejected")).toBe(false);
    }
    expect(canMoveRoom("name", "submitted")).toBe(false);
    expect(ROOM_MOVES.consent.by).toBe("committee");
    expect(ROOM_MOVES.name.by).toBe("bureau");
  });
});

describe("eligibility (Quanzhou's rule by default)", () => {
  const facts = {
    mediatorId: 1,
    appointedOn: "2019-03-01",
    level: "level3",
    years: [
      { year: 2023, handled: 22, successful: 21 },
      { year: 2024, handled: 20, successful: 19 },
      { year: 2025, handled: 21, successful: 19 },
      { year: 2026, handled: 2, successful: 0 },
    ],
  };
  it("reads the last three full years, the years of service and the level held", () => {
    const check = checkEligibility(DEFAULT_ROOM_POLICY, facts, "2026-12-02", LEVELS);
    expect(check.rules).toEqual([
      { key: "years", required: 5, actual: 7, met: true },
      { key: "disputes", required: 20, actual: 21, met: true },
      { key: "success", required: 90, actual: 93.7, met: true },
      { key: "level", required: "level3", actual: "level3", met: true },
    ]);
    expect(check.eligible).toBe(true);
  });
  it("a level below the rule's, a short service, too few disputes: each unmet", () => {
    const check = checkEligibility(DEFAULT_ROOM_POLICY, { ...facts, level: "level4", appointedOn: "2022-12-03" }, "2026-12-02", LEVELS);
    expect(check.rules.filter((r) => !r.met).map((r) => r.key)).toEqual(["years", "level"]);
    expect(checkEligibility(DEFAULT_ROOM_POLICY, { ...facts, level: "level1" }, "2026-12-02", LEVELS).eligible).toBe(true);
    expect(checkEligibility(DEFAULT_ROOM_POLICY, { ...facts, years: [] }, "2026-12-02", LEVELS).rules.map((r) => r.met)).toEqual([
      true,
      false,
      false,
      true,
    ]);
    expect(checkEligibility({ ...DEFAULT_ROOM_POLICY, minLevel: null }, { ...facts, level: null }, "2026-12-02", LEVELS).eligible).toBe(
      true,
    );
  });
});

describe("the rating window", () => {
  it("rates year Y from 1 December of Y to 31 March of Y+1 by default", () => {
    expect(ratingWindow(DEFAULT_ROOM_POLICY, 2026)).toEqual({ opens: "2026-12-01", closes: "2027-03-31" });
    expect(ratingYearOn(DEFAULT_ROOM_POLICY, "2026-12-02")).toBe(2026);
    expect(ratingYearOn(DEFAULT_ROOM_POLICY, "2027-03-31")).toBe(2026);
    expect(ratingYearOn(DEFAULT_ROOM_POLICY, "2027-04-01")).toBeNull();
    expect(ratingYearOn(DEFAULT_ROOM_POLICY, "2026-11-30")).toBeNull();
  });
  it("a window early in the year rates the year before", () => {
    const policy = { ratingOpens: "01-10", ratingCloses: "02-28" };
    expect(ratingWindow(policy, 2025)).toEqual({ opens: "2026-01-10", closes: "2026-02-28" });
    expect(ratingYearOn(policy, "2026-02-01")).toBe(2025);
  });
});

describe("the proposed score sheet", () => {
  it("matches the fixture", () => {
    const sheet = proposeSheet(2025, {
      mediators: 2,
      handled: 48,
      successful: 46,
      followedUp: 40,
      fileReviewMean: 88,
      levelRanks: [2, null],
      levelCount: 4,
      trainings: 3,
    });
    expect(sheet.lines.map((l) => [l.item, l.points])).toEqual([
      ["cases", 16],
      ["success", 15.83],
      ["fileReview", 17.6],
      ["followUp", 13.04],
      ["levels", 7.5],
      ["trainings", 6],
    ]);
    expect(sheet.score).toBe(75.97);
    expect(sheet.stars).toBe(3);
  });
  it("leaves out items without data and scales to 100", () => {
    const sheet = proposeSheet(2025, {
      mediators: 1,
      handled: 30,
      successful: 30,
      followedUp: 30,
      fileReviewMean: null,
      levelRanks: [0],
      levelCount: 4,
      trainings: 5,
    });
    expect(sheet.lines.find((l) => l.item === "fileReview")!.points).toBeNull();
    expect(sheet.score).toBe(100);
    expect(sheet.stars).toBe(5);
    expect([starsFor(89.99), starsFor(80), starsFor(70), starsFor(60), starsFor(59)]).toEqual([4, 4, 3, 2, 1]);
  });
});

describe("names and forms", () => {
  it("compares names without spaces, punctuation and width", () => {
    expect(roomNameKey("和顺 调解·工作室")).toBe(roomNameKey("和顺调解工作室"));
    expect(roomNameKey("ＡＢ调解室")).toBe(roomNameKey("ab调解室"));
  });
  it("reads the lead first, the members after, without repeats", () => {
    const parsed = roomSchema.parse({
      name: "和顺调解工作室",
      kind: "brand",
      committeeId: "3",
      leadId: "7",
      memberIds: ["8", "7", "8"],
      specialties: ["labour"],
      address: "某路1号",
      hours: "工作日",
      phone: "0999-6123456",
      story: "简介",
    });
    expect(parsed.mediatorIds).toEqual([7, 8]);
    expect(parsed.intent).toBe("save");
  });
});
