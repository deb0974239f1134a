import {
  GUANGDONG_SCHEME,
  NATIONAL_SCHEME,
  checkCriterion,
  checkLevel,
  highestMet,
  levelSchemeSchema,
  periodOfYears,
  sanctionSchema,
  type Criterion,
  type LevelScheme,
  type MediatorFacts,
  type Period,
} from "~/lib/levels";

/** Each criterion on both sides of its threshold, computed by the pure function from plain facts. */
const period: Period = { from: "2024-01-01", to: "2026-06-30" };
const base = (over: Partial<MediatorFacts> = {}): MediatorFacts => ({
  mediatorId: 1,
  appointedOn: "2020-03-01",
  education: "college",
  caseYears: [],
  trainingYears: [],
  bestScores: {},
  fileReview: null,
  levels: [],
  sanctions: [],
  ...over,
});
const cases = (handled: number, successful: number, oral: number, confirmed = 0) => [{ year: 2025, handled, successful, oral, confirmed }];
const status = (criterion: Criterion, facts: MediatorFacts, scheme: LevelScheme = NATIONAL_SCHEME) =>
  checkCriterion(criterion, facts, period, scheme).status;

describe("each criterion on both sides of its threshold", () => {
  it("years of service: the anniversary counts", () => {
    const c: Criterion = { kind: "serviceYears", threshold: 2 };
    expect(status(c, base({ appointedOn: "2024-06-30" }))).toBe("met");
    expect(status(c, base({ appointedOn: "2024-07-01" }))).toBe("notMet");
    expect(status(c, base({ appointedOn: null }))).toBe("notMet");
  });
  it("disputes handled in the period (years outside it do not count)", () => {
    const c: Criterion = { kind: "disputes", threshold: 50 };
    expect(status(c, base({ caseYears: cases(50, 45, 5) }))).toBe("met");
    expect(status(c, base({ caseYears: cases(49, 45, 5) }))).toBe("notMet");
    expect(status(c, base({ caseYears: [{ year: 2023, handled: 80, successful: 80, oral: 0, confirmed: 0 }] }))).toBe("notMet");
  });
  it("success rate ≥ 85 %", () => {
    const c: Criterion = { kind: "successRate", threshold: 85 };
    expect(status(c, base({ caseYears: cases(100, 85, 10) }))).toBe("met");
    expect(status(c, base({ caseYears: cases(100, 84, 10) }))).toBe("notMet");
    expect(status(c, base())).toBe("noData");
  });
  it("oral agreements ≤ 30 % of the successful files", () => {
    const c: Criterion = { kind: "oralShare", threshold: 30 };
    expect(status(c, base({ caseYears: cases(60, 50, 15) }))).toBe("met");
    expect(status(c, base({ caseYears: cases(60, 50, 16) }))).toBe("notMet");
  });
  it("judicially confirmed count", () => {
    const c: Criterion = { kind: "confirmed", threshold: 10 };
    expect(status(c, base({ caseYears: cases(60, 50, 5, 10) }))).toBe("met");
    expect(status(c, base({ caseYears: cases(60, 50, 5, 9) }))).toBe("notMet");
  });
  it("training hours and practical trainings in the period", () => {
    const years = [
      { year: 2024, hours: 12, practical: 1, compliant: true },
      { year: 2025, hours: 11.5, practical: 1, compliant: true },
      { year: 2022, hours: 40, practical: 5, compliant: true },
    ];
    expect(status({ kind: "trainingHours", threshold: 23.5 }, base({ trainingYears: years }))).toBe("met");
    expect(status({ kind: "trainingHours", threshold: 23.6 }, base({ trainingYears: years }))).toBe("notMet");
    expect(status({ kind: "practical", threshold: 2 }, base({ trainingYears: years }))).toBe("met");
    expect(status({ kind: "practical", threshold: 3 }, base({ trainingYears: years }))).toBe("notMet");
  });
  it("required training done: every year of the period meets the policy", () => {
    const c: Criterion = { kind: "trainingDone", threshold: null };
    const year = (y: number, compliant: boolean) => ({ year: y, hours: 0, practical: 0, compliant });
    expect(status(c, base({ trainingYears: [year(2024, true), year(2025, true), year(2026, true)] }))).toBe("met");
    expect(status(c, base({ trainingYears: [year(2024, true), year(2025, false), year(2026, true)] }))).toBe("notMet");
    expect(status(c, base({ trainingYears: [year(2024, true), year(2025, true)] }))).toBe("notMet");
  });
  it("exam score: best percent of the configured quiz; no quiz or no attempt is no data", () => {
    const c: Criterion = { kind: "examScore", threshold: 60, quizId: "grade-exam" };
    expect(status(c, base({ bestScores: { "grade-exam": 60 } }))).toBe("met");
    expect(status(c, base({ bestScores: { "grade-exam": 59.5 } }))).toBe("notMet");
    expect(status(c, base({ bestScores: { other: 90 } }))).toBe("noData");
    expect(status({ ...c, quizId: null }, base({ bestScores: { "grade-exam": 90 } }))).toBe("noData");
  });
  it("file review mean score; no review data is no data", () => {
    const c: Criterion = { kind: "fileReview", threshold: 85 };
    expect(status(c, base({ fileReview: 85 }))).toBe("met");
    expect(status(c, base({ fileReview: 84.9 }))).toBe("notMet");
    expect(status(c, base({ fileReview: null }))).toBe("noData");
  });
  it("current level held ≥ N years (a higher level also counts; an ended one does not)", () => {
    const c: Criterion = { kind: "levelHeld", threshold: 2, level: "level4" };
    expect(status(c, base({ levels: [{ level: "level4", from: "2024-06-30", until: null }] }))).toBe("met");
    expect(status(c, base({ levels: [{ level: "level4", from: "2024-07-01", until: null }] }))).toBe("notMet");
    expect(status(c, base({ levels: [{ level: "level3", from: "2020-01-01", until: null }] }))).toBe("met");
    expect(status(c, base({ levels: [{ level: "level4", from: "2020-01-01", until: "2025-01-01" }] }))).toBe("notMet");
    expect(status(c, base())).toBe("notMet");
  });
  it("no disciplinary record in the period", () => {
    const c: Criterion = { kind: "noSanction", threshold: 0 };
    expect(status(c, base({ sanctions: [{ on: "2023-12-31" }] }))).toBe("met");
    expect(status(c, base({ sanctions: [{ on: "2024-01-01" }] }))).toBe("notMet");
  });
  it("entered criteria need evidence, whatever the roster says", () => {
    for (const kind of ["education", "honours", "noCriminal", "noFavouritism"] as const)
      expect(status({ kind, threshold: kind === "honours" ? 1 : null, education: "college" }, base())).toBe("evidence");
  });
});

describe("levels", () => {
  const meets4 = base({
    appointedOn: "2021-03-01",
    caseYears: [
      { year: 2024, handled: 20, successful: 17, oral: 4, confirmed: 1 },
      { year: 2025, handled: 24, successful: 21, oral: 5, confirmed: 2 },
      { year: 2026, handled: 20, successful: 18, oral: 5, confirmed: 1 },
    ],
    trainingYears: [2024, 2025, 2026].map((year) => ({ year, hours: 12, practical: 1, compliant: true })),
  });
  it("Guangdong's rule: the demo mediator's figures meet 四级 and miss 三级", () => {
    const checks = GUANGDONG_SCHEME.levels.map((l) => checkLevel(GUANGDONG_SCHEME, l.key, meets4, period));
    expect(highestMet(checks)).toBe("level4");
    const l3 = checks.find((c) => c.level === "level3")!;
    expect(
      l3.criteria
        .filter((r) => r.status === "notMet")
        .map((r) => r.kind)
        .sort(),
    ).toEqual(["disputes", "levelHeld", "oralShare", "successRate"]);
    // The common criteria come first: good standing, training, and the two declarations.
    expect(checks[3].criteria.slice(0, 4).map((r) => [r.kind, r.status])).toEqual([
      ["noSanction", "met"],
      ["trainingDone", "met"],
      ["noCriminal", "evidence"],
      ["noFavouritism", "evidence"],
    ]);
  });
  it("a sanction in the period leaves the mediator 未定级", () => {
    const checks = GUANGDONG_SCHEME.levels.map((l) =>
      checkLevel(GUANGDONG_SCHEME, l.key, { ...meets4, sanctions: [{ on: "2025-05-01" }] }, period),
    );
    expect(highestMet(checks)).toBeNull();
  });
  it("the presets pass the scheme form's own validation, unchanged", () => {
    for (const scheme of [NATIONAL_SCHEME, GUANGDONG_SCHEME]) expect(levelSchemeSchema.parse(scheme)).toEqual(scheme);
  });
  it("the scheme form refuses a level held that is not in the scheme, a duplicate key, a rate over 100", () => {
    const bad = structuredClone(NATIONAL_SCHEME);
    bad.levels[1].key = "level1";
    bad.levels[0].criteria.push({ kind: "successRate", threshold: 120 });
    bad.levels[2].criteria.push({ kind: "levelHeld", threshold: 1, level: "level9" });
    const result = levelSchemeSchema.safeParse(bad);
    expect(result.success).toBe(false);
    const paths = result.success ? [] : result.error.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(
      expect.arrayContaining([
        "levels.1.key",
        `levels.0.criteria.${bad.levels[0].criteria.length - 1}.threshold`,
        `levels.2.criteria.${bad.levels[2].criteria.length - 1}.level`,
      ]),
    );
  });
  it("a sanction needs a date not in the future, a reason and a document number", () => {
    const result = sanctionSchema.safeParse({ on: "2999-01-01", reason: "", documentNo: "" });
    expect(result.success ? [] : result.error.issues.map((i) => `${i.path[0]}:${i.message}`).sort()).toEqual([
      "documentNo:validation.required",
      "on:validation.dateFuture",
      "reason:validation.required",
    ]);
  });
  it("the default period: the last three calendar years, up to today", () => {
    expect(periodOfYears("2026-12-02")).toEqual({ from: "2024-01-01", to: "2026-12-02" });
    expect(periodOfYears("2026-12-02", 2020, 2022)).toEqual({ from: "2020-01-01", to: "2022-12-31" });
  });
});

describe("the scheme page's form", () => {
  /** The fields the page posts, flattened as Conform names them (levels[0].criteria[1].threshold). */
  function post(scheme: LevelScheme, honorary: string): FormData {
    const form = new FormData();
    const criterion = (prefix: string, c: Criterion) => {
      form.append(`${prefix}.kind`, c.kind);
      form.append(`${prefix}.threshold`, c.threshold === null ? "" : String(c.threshold));
      for (const key of ["quizId", "level", "education", "evidence"] as const)
        if (c[key] != null) form.append(`${prefix}.${key}`, String(c[key]));
    };
    form.append("ungradedName", scheme.ungradedName);
    form.append("honorary", honorary);
    scheme.common.forEach((c, j) => criterion(`common[${j}]`, c));
    scheme.levels.forEach((l, i) => {
      form.append(`levels[${i}].key`, l.key);
      form.append(`levels[${i}].name`, l.name);
      form.append(`levels[${i}].evaluatedBy`, l.evaluatedBy);
      form.append(`levels[${i}].recommendedBy`, l.recommendedBy ?? "");
      l.criteria.forEach((c, j) => criterion(`levels[${i}].criteria[${j}]`, c));
    });
    return form;
  }
  it("reads back Guangdong's rule as posted, titles split on Chinese or ASCII commas", async () => {
    const { parseWithZod } = await import("@conform-to/zod");
    const submission = parseWithZod(post(GUANGDONG_SCHEME, "金牌调解员，首席调解员, 五星调解员"), { schema: levelSchemeSchema });
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value.levels).toEqual(GUANGDONG_SCHEME.levels);
    expect(submission.value.common).toEqual(GUANGDONG_SCHEME.common);
    expect(submission.value.honorary).toEqual(["金牌调解员", "首席调解员", "五星调解员"]);
  });
  it("puts an empty threshold's error on its own field", async () => {
    const { parseWithZod } = await import("@conform-to/zod");
    const bad = structuredClone(NATIONAL_SCHEME);
    bad.levels[3].criteria[1].threshold = null;
    const submission = parseWithZod(post(bad, ""), { schema: levelSchemeSchema });
    expect(submission.status).toBe("error");
    expect(submission.status === "error" ? submission.error : null).toEqual({ "levels[3].criteria[1].threshold": ["validation.required"] });
  });
});
