import { parseAnswer } from "~/.server/quizzes/attempts";
import { percentOf, scoreAnswer } from "~/.server/quizzes/scoring";
import type { Question } from "~/lib/quiz";

const q = (type: Question["type"], answer: string[], options = ["a", "b", "c", "d"]): Question => ({
  id: `t-${type}`,
  version: "v",
  bank: "t",
  type,
  category: "other",
  difficulty: 1,
  stem: "题干",
  options: type === "single" || type === "multiple" ? options.map((id) => ({ id, text: `选项${id}` })) : [],
  answer,
  reference: type === "short" ? "参考答案" : null,
  explanation: "解析",
  law: [],
});

describe("scoring per type", () => {
  it("single choice and true/false are all or nothing", () => {
    expect(scoreAnswer(q("single", ["c"]), ["c"], 1, "partial")).toBe(1);
    expect(scoreAnswer(q("single", ["c"]), ["b"], 1, "partial")).toBe(0);
    expect(scoreAnswer(q("single", ["c"]), null, 1, "partial")).toBe(0);
    expect(scoreAnswer(q("true_false", ["false"]), ["false"], 1, "all_or_nothing")).toBe(1);
    expect(scoreAnswer(q("true_false", ["false"]), ["true"], 1, "all_or_nothing")).toBe(0);
  });

  it("multiple choice: all or nothing", () => {
    const m = q("multiple", ["a", "b", "c"]);
    expect(scoreAnswer(m, ["a", "b", "c"], 2, "all_or_nothing")).toBe(2);
    expect(scoreAnswer(m, ["a", "b"], 2, "all_or_nothing")).toBe(0);
    expect(scoreAnswer(m, ["a", "b", "c", "d"], 2, "all_or_nothing")).toBe(0);
  });

  it("multiple choice: partial credit for a correct subset, nothing with any wrong option", () => {
    const m = q("multiple", ["a", "b", "c"]);
    expect(scoreAnswer(m, ["a", "b", "c"], 2, "partial")).toBe(2);
    expect(scoreAnswer(m, ["a", "b"], 2, "partial")).toBe(1.33);
    expect(scoreAnswer(m, ["c"], 3, "partial")).toBe(1);
    expect(scoreAnswer(m, ["a", "d"], 2, "partial")).toBe(0);
    expect(scoreAnswer(m, [], 2, "partial")).toBe(0);
  });

  it("short answers wait for a trainer unless left empty", () => {
    expect(scoreAnswer(q("short", []), ["调解员应当……"], 5, "partial")).toBeNull();
    expect(scoreAnswer(q("short", []), null, 5, "partial")).toBe(0);
    expect(scoreAnswer(q("short", []), ["   "], 5, "partial")).toBe(0);
  });

  it("percent of the maximum", () => {
    expect(percentOf(8.5, 12)).toBe(70.83);
    expect(percentOf(0, 0)).toBe(0);
  });
});

describe("reading answers from the form", () => {
  const order = ["c", "a", "d", "b"];
  it("maps display tokens to option ids", () => {
    expect(parseAnswer(q("single", ["a"]), order, ["1"])).toEqual({ ok: true, answer: ["a"] });
    expect(parseAnswer(q("multiple", ["a", "b"]), order, ["3", "0"])).toEqual({ ok: true, answer: ["b", "c"] });
    expect(parseAnswer(q("true_false", ["true"]), ["true", "false"], ["false"])).toEqual({ ok: true, answer: ["false"] });
    expect(parseAnswer(q("short", []), [], ["  我的分析  "])).toEqual({ ok: true, answer: ["我的分析"] });
  });

  it("an empty field clears the answer", () => {
    expect(parseAnswer(q("single", ["a"]), order, [])).toEqual({ ok: true, answer: null });
    expect(parseAnswer(q("short", []), [], [""])).toEqual({ ok: true, answer: null });
  });

  it("refuses tampered tokens", () => {
    expect(parseAnswer(q("single", ["a"]), order, ["4"]).ok).toBe(false);
    expect(parseAnswer(q("single", ["a"]), order, ["a"]).ok).toBe(false);
    expect(parseAnswer(q("single", ["a"]), order, ["0", "1"]).ok).toBe(false);
    expect(parseAnswer(q("multiple", ["a", "b"]), order, ["1", "1"]).ok).toBe(false);
    expect(parseAnswer(q("true_false", ["true"]), ["true", "false"], ["yes"]).ok).toBe(false);
    expect(parseAnswer(q("short", []), [], ["字".repeat(5001)]).ok).toBe(false);
  });
});
