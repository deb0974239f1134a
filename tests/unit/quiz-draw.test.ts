import { DrawError, drawQuestions, optionOrder } from "~/.server/quizzes/draw";
import type { Question } from "~/lib/quiz";

/** A seeded generator, so a draw can be repeated. */
function seeded(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const bank: Question[] = [];
for (const [category, n] of [
  ["labour", 6],
  ["traffic", 5],
] as const) {
  for (let i = 0; i < n; i++) {
    bank.push({
      id: `${category}-${i}`,
      version: "v",
      bank: category,
      type: i % 2 ? "true_false" : "single",
      category,
      difficulty: ((i % 3) + 1) as 1 | 2 | 3,
      stem: "题干",
      options: i % 2 ? [] : ["a", "b", "c", "d"].map((id) => ({ id, text: id })),
      answer: i % 2 ? ["true"] : ["a"],
      reference: null,
      explanation: "解析",
      law: [],
    });
  }
}

describe("draw rules", () => {
  it("draws N per rule, never the same question twice, each matching its rule", () => {
    const quiz = {
      shuffleQuestions: false,
      draw: [
        { category: "labour" as const, type: "single" as const, count: 3 },
        { category: "labour" as const, count: 2 },
        { category: "traffic" as const, difficulty: 1 as const, count: 2 },
      ],
    };
    for (let seed = 1; seed < 50; seed++) {
      const drawn = drawQuestions(quiz, bank, seeded(seed));
      expect(drawn).toHaveLength(7);
      expect(new Set(drawn.map((q) => q.id)).size).toBe(7);
      expect(drawn.slice(0, 3).every((q) => q.category === "labour" && q.type === "single")).toBe(true);
      expect(drawn.slice(3, 5).every((q) => q.category === "labour")).toBe(true);
      expect(drawn.slice(5).every((q) => q.category === "traffic" && q.difficulty === 1)).toBe(true);
    }
  });

  it("varies between draws and can shuffle the order", () => {
    const quiz = { shuffleQuestions: true, draw: [{ count: 5 }] };
    const seen = new Set(
      Array.from({ length: 20 }, (_, i) =>
        drawQuestions(quiz, bank, seeded(i + 1))
          .map((q) => q.id)
          .join(),
      ),
    );
    expect(seen.size).toBeGreaterThan(10);
  });

  it("fails when a rule cannot be met", () => {
    expect(() => drawQuestions({ shuffleQuestions: false, draw: [{ category: "traffic", count: 6 }] }, bank)).toThrow(DrawError);
    // The second rule finds only what the first left.
    expect(() =>
      drawQuestions(
        {
          shuffleQuestions: false,
          draw: [
            { category: "traffic", count: 4 },
            { category: "traffic", count: 2 },
          ],
        },
        bank,
      ),
    ).toThrow(DrawError);
  });

  it("shuffles choice options but keeps true/false in order", () => {
    const orders = new Set(Array.from({ length: 30 }, (_, i) => optionOrder(bank[0], true, seeded(i + 7)).join("")));
    expect(orders.size).toBeGreaterThan(5);
    for (const o of orders) expect([...o].sort().join("")).toBe("abcd");
    expect(optionOrder(bank[0], false)).toEqual(["a", "b", "c", "d"]);
    expect(optionOrder(bank[1], true)).toEqual(["true", "false"]);
  });
});
