import { creditHoursProblem, supportedHours } from "../../scripts/lib/content/hours";

describe("credit hours: 1 学时 = 45 minutes of lessons and quiz", () => {
  it("rounds the study time down to the half hour", () => {
    expect(supportedHours([45], 0)).toBe(1);
    expect(supportedHours([20, 20, 20, 20, 20], 10)).toBe(2.5); // 120 min = 2.67 学时
    expect(supportedHours([22], 0)).toBe(0); // 22 min is less than half a 学时
    expect(supportedHours([67], 0)).toBe(1); // 1.5 学时 needs 67.5 minutes
    expect(supportedHours([68], 0)).toBe(1.5);
    expect(supportedHours([], 45)).toBe(2); // 90 quiz minutes
  });

  it("accepts a course within its supported hours and explains one beyond them", () => {
    expect(creditHoursProblem("course.mdx", 2.5, [25, 25, 25, 25], 10)).toBeNull();
    const problem = creditHoursProblem("content/courses/demo/course.mdx", 4, [25, 25, 25, 25], 10);
    expect(problem).toContain("content/courses/demo/course.mdx");
    expect(problem).toContain("claims 4 学时 but its study time supports 2.5");
    expect(problem).toContain("lessons 100 min + quiz 10 questions × 2 min");
  });
});
