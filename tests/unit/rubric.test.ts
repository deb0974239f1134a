import { maxPointsOf, rubricInputSchema, scoreOf, withIds } from "~/lib/rubric";

const rubric = withIds({
  title: "协议书",
  description: "",
  criteria: [
    {
      name: "内容明确",
      description: "",
      levels: [
        { name: "优秀", points: 30, description: "" },
        { name: "合格", points: 18, description: "" },
        { name: "不合格", points: 0, description: "" },
      ],
    },
    {
      name: "格式",
      description: "",
      levels: [
        { name: "规范", points: 10, description: "" },
        { name: "不规范", points: 2.5, description: "" },
      ],
    },
  ],
});

describe("rubric math", () => {
  it("gives criteria and levels ids and a maximum from the best level of each criterion", () => {
    expect(rubric.criteria.map((c) => c.id)).toEqual(["c1", "c2"]);
    expect(rubric.criteria[1].levels.map((l) => l.id)).toEqual(["c2l1", "c2l2"]);
    expect(rubric.maxPoints).toBe(40);
    expect(
      maxPointsOf([
        {
          levels: [
            { id: "a", name: "", points: 3, description: "" },
            { id: "b", name: "", points: 7.5, description: "" },
          ],
        },
      ]),
    ).toBe(7.5);
  });

  it("adds the picked levels; incomplete until every criterion has one", () => {
    expect(scoreOf(rubric, { c1: { levelId: "c1l2", comment: "" }, c2: { levelId: "c2l2", comment: "" } })).toEqual({
      score: 20.5,
      complete: true,
    });
    expect(scoreOf(rubric, { c1: { levelId: "c1l1", comment: "" } })).toEqual({ score: 30, complete: false });
    expect(scoreOf(rubric, {})).toEqual({ score: 0, complete: false });
  });

  it("refuses levels and criteria the rubric does not have", () => {
    expect(scoreOf(rubric, { c1: { levelId: "c2l1", comment: "" } })).toBeNull();
    expect(scoreOf(rubric, { c9: { levelId: "c1l1", comment: "" } })).toBeNull();
  });

  it("validates the editor's input", () => {
    const ok = rubricInputSchema.safeParse({
      title: "量表",
      criteria: [
        {
          name: "沟通",
          levels: [
            { name: "好", points: "5" },
            { name: "差", points: "0" },
          ],
        },
      ],
    });
    expect(ok.success).toBe(true);
    const bad = rubricInputSchema.safeParse({ title: "", criteria: [{ name: "沟通", levels: [{ name: "好", points: "101" }] }] });
    expect(bad.success).toBe(false);
    const messages = bad.success ? [] : bad.error.issues.map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining(["validation.required", "rubric.pointsRange", "rubric.levelsCount"]));
  });
});
