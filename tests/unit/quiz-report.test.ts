import { analyse, groupSize, type ReportAttempt, type ReportItem } from "~/.server/quizzes/report";

/**
 * A hand-computed fixture. Five graded attempts by four users (user 4 twice), one pending, one in
 * progress (neither counts in averages). Attempt percents: 90, 80, 60, 40, 20.
 * groupSize(n) = max(1, round(0.27 n)): 5 → 1, 4 → 1.
 *
 * q1 (1 point) in all five: shares 1, 1, 1, 0, 0 ranked by percent → P = 3/5 = 0.6;
 *    upper (90 %) 1, lower (20 %) 0 → D = 1.
 * q2 (2 points) in attempts 1, 2, 4, 5 (ranked 90, 80, 40, 20): scores 1, 2, 2, 0 → shares .5, 1, 1, 0
 *    → P = 2.5/4 = 0.625 → 0.63 (two decimals); upper .5, lower 0 → D = 0.5.
 * q3 in attempt 3 only → P = 1, D = null (fewer than two attempts).
 * Average percent (90+80+60+40+20)/5 = 58. Participants with a closed attempt: users 1–5 → 5.
 * Pass mark 60: passed attempts 1 (u1), 2 (u2), 3 (u3); user 4 never passed; user 5 pending only
 * → pass rate 3 of 4 users with a graded attempt = 0.75.
 */
const attempts: ReportAttempt[] = [
  { id: 1, userId: 1, state: "graded", percent: 90, passed: true },
  { id: 2, userId: 2, state: "graded", percent: 80, passed: true },
  { id: 3, userId: 3, state: "graded", percent: 60, passed: true },
  { id: 4, userId: 4, state: "graded", percent: 40, passed: false },
  { id: 5, userId: 4, state: "graded", percent: 20, passed: false },
  { id: 6, userId: 5, state: "pending", percent: null, passed: null },
  { id: 7, userId: 6, state: "in_progress", percent: null, passed: null },
];
const items: ReportItem[] = [
  ...[1, 2, 3, 4, 5].map((attemptId, i) => ({ attemptId, questionId: "q1", points: 1, score: [1, 1, 1, 0, 0][i] })),
  { attemptId: 1, questionId: "q2", points: 2, score: 1 },
  { attemptId: 2, questionId: "q2", points: 2, score: 2 },
  { attemptId: 4, questionId: "q2", points: 2, score: 2 },
  { attemptId: 5, questionId: "q2", points: 2, score: 0 },
  { attemptId: 3, questionId: "q3", points: 1, score: 1 },
  { attemptId: 6, questionId: "q1", points: 1, score: 1 },
  { attemptId: 7, questionId: "q1", points: 1, score: null },
];

describe("quiz report math", () => {
  it("matches the hand-computed fixture", () => {
    const stats = analyse(attempts, items);
    expect(stats).toMatchObject({ attempts: 6, participants: 5, graded: 5, average: 58, passRate: 0.75 });
    expect(stats.items).toEqual([
      { questionId: "q1", n: 5, difficulty: 0.6, discrimination: 1 },
      { questionId: "q2", n: 4, difficulty: 0.63, discrimination: 0.5 },
      { questionId: "q3", n: 1, difficulty: 1, discrimination: null },
    ]);
  });

  it("uses 27 % groups of at least one", () => {
    expect([1, 4, 5, 10, 100].map(groupSize)).toEqual([1, 1, 1, 3, 27]);
  });

  it("shows nothing rather than failing when there is no graded attempt", () => {
    expect(analyse([], [])).toEqual({ attempts: 0, participants: 0, graded: 0, average: null, passRate: null, items: [] });
  });
});
