import {
  EXPERT_MOVES,
  EXPERT_STATES,
  MOVE_NAMES,
  canMoveExpert,
  expertSchema,
  moveSchema,
  movesFrom,
  noticeEnds,
  termEnds,
} from "~/lib/experts";

describe("expert admission state machine", () => {
  it("goes proposed → vetted → notice → listed, and only so", () => {
    expect(movesFrom("proposed")).toEqual(["vet", "reject"]);
    expect(movesFrom("vetted")).toEqual(["publish"]);
    expect(movesFrom("notice")).toEqual(["list", "remove"]);
    expect(movesFrom("listed")).toEqual(["endTerm", "remove"]);
    for (const end of ["rejected", "ended", "removed"] as const) expect(movesFrom(end)).toEqual([]);
  });

  it("never skips the vetting or the notice", () => {
    expect(canMoveExpert("list", "proposed")).toBe(false);
    expect(canMoveExpert("list", "vetted")).toBe(false);
    expect(canMoveExpert("publish", "proposed")).toBe(false);
    // Every state a move reaches is a known state, and listed is reached only from notice.
    for (const move of MOVE_NAMES) expect(EXPERT_STATES).toContain(EXPERT_MOVES[move].to);
    expect(MOVE_NAMES.filter((m) => EXPERT_MOVES[m].to === "listed").flatMap((m) => EXPERT_MOVES[m].from)).toEqual(["notice"]);
  });

  it("dates a notice and a term", () => {
    expect(noticeEnds("2026-12-01", 7)).toBe("2026-12-07");
    expect(termEnds("2026-03-01", 5)).toBe("2031-02-28");
    expect(termEnds("2024-02-29", 5)).toBe("2029-02-28");
  });

  it("needs a reason to reject or remove, a start to publish", () => {
    expect(moveSchema.safeParse({ intent: "reject" }).success).toBe(false);
    expect(moveSchema.safeParse({ intent: "reject", reason: "材料不全" }).success).toBe(true);
    expect(moveSchema.safeParse({ intent: "publish" }).success).toBe(false);
    expect(moveSchema.safeParse({ intent: "publish", noticeFrom: "2026-12-01", noticeDays: "7" }).success).toBe(true);
    expect(moveSchema.safeParse({ intent: "skip" }).success).toBe(false);
  });

  it("asks for a contact, checks phone and e-mail", () => {
    const base = { poolId: "1", name: "林某", field: "law", organisation: "某律所", termFrom: "2026-01-01", availability: "available" };
    expect(expertSchema.safeParse(base).success).toBe(false);
    expect(expertSchema.safeParse({ ...base, phone: "12345" }).success).toBe(false);
    expect(expertSchema.safeParse({ ...base, email: "nope" }).success).toBe(false);
    expect(expertSchema.safeParse({ ...base, phone: "13905801000" }).success).toBe(true);
    expect(expertSchema.safeParse({ ...base, phone: "13905801000", field: "astrology" }).success).toBe(false);
  });
});
