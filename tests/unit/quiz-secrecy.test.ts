import { examPools, isGradedExam, secretQuestionIds } from "~/.server/quizzes/secrecy";
import { drawQuestions } from "~/.server/quizzes/draw";
import { getContent } from "~/.server/courses/catalog";
import type { Question, Quiz } from "~/lib/quiz";

const question = (id: string, bank: string, category: Question["category"], type: Question["type"] = "single"): Question => ({
  id,
  version: "v",
  bank,
  type,
  category,
  difficulty: 1,
  stem: "题干",
  options: [],
  answer: ["a"],
  reference: null,
  explanation: "解析",
  law: [],
});
const bank = [
  question("labour-1", "labour", "labour"),
  question("labour-2", "labour", "labour", "true_false"),
  question("basics-1", "basics", "other"),
  question("traffic-1", "traffic", "traffic"),
];
const quiz = (over: Partial<Quiz> & Pick<Quiz, "id" | "draw">): Quiz => ({
  title: "测验",
  description: "",
  passMark: 60,
  attemptsAllowed: 0,
  shuffleQuestions: true,
  shuffleOptions: true,
  multipleScoring: "partial",
  review: "answers",
  points: { single: 1, multiple: 2, true_false: 1, short: 5 },
  opensAt: null,
  closesAt: null,
  questionCount: 1,
  ...over,
});
const annual = quiz({
  id: "annual",
  attemptsAllowed: 2,
  review: "after_close",
  draw: [
    { category: "labour", type: "single", count: 1 },
    { bank: "basics", count: 1 },
  ],
  opensAt: "2026-11-01T00:00:00.000Z",
  closesAt: "2026-12-31T16:00:00.000Z",
});
const practice = quiz({ id: "practice", draw: [{ count: 3 }] });
const courseLabour = quiz({ id: "course-labour", course: "labour", draw: [{ bank: "labour", count: 2 }] });
const secretCourse = quiz({ id: "course-secret", course: "traffic", review: "score_only", draw: [{ bank: "traffic", count: 1 }] });
const pools = examPools([annual, practice, courseLabour, secretCourse], bank);

describe("keys of open exams stay secret", () => {
  it("knows which quizzes are graded exams", () => {
    expect([annual, practice, courseLabour, secretCourse].map(isGradedExam)).toEqual([true, false, true, true]);
    expect(isGradedExam({ ...practice, graded: true })).toBe(true);
    expect(isGradedExam({ ...annual, graded: false })).toBe(false);
  });

  it("another quiz's review keeps back every question the open exam may draw, drawn yet or not", () => {
    const during = new Date("2026-12-02T02:00:00Z");
    expect([...secretQuestionIds("practice", during, pools)].sort()).toEqual(["basics-1", "labour-1", "traffic-1"]);
    expect([...secretQuestionIds("course-labour", during, pools)].sort()).toEqual(["basics-1", "labour-1", "traffic-1"]);
  });

  it("a quiz's own review follows its own policy", () => {
    expect(secretQuestionIds("annual", new Date("2026-12-02T02:00:00Z"), pools).has("labour-1")).toBe(false);
  });

  it("once the exam has closed (or before it opens) its questions are shown again", () => {
    expect([...secretQuestionIds("practice", new Date("2027-01-01T00:00:00Z"), pools)]).toEqual(["traffic-1"]);
    expect([...secretQuestionIds("practice", new Date("2026-10-01T00:00:00Z"), pools)]).toEqual(["traffic-1"]);
  });

  it("an exam that shows its own keys after every attempt protects nothing", () => {
    expect(pools.map((p) => p.quiz.id).sort()).toEqual(["annual", "course-secret"]);
  });
});

describe("in the real content", () => {
  const content = getContent();
  const quizzes = content.quizzes ?? [];
  const questions = content.questions ?? [];
  const real = examPools(quizzes, questions);
  const annualQuiz = quizzes.find((q) => q.id === "annual-knowledge-2026")!;

  it("the annual test is protected during its window", () => {
    expect(real.map((p) => p.quiz.id)).toContain("annual-knowledge-2026");
  });

  it("25 practice attempts during the annual window reveal no key of any annual attempt", () => {
    const during = new Date(new Date(annualQuiz.opensAt!).getTime() + 86_400_000);
    const secret = secretQuestionIds("practice-mixed", during, real);
    const practiceQuiz = quizzes.find((q) => q.id === "practice-mixed")!;
    const revealed = new Set<string>();
    for (let i = 0; i < 25; i++) for (const q of drawQuestions(practiceQuiz, questions)) if (!secret.has(q.id)) revealed.add(q.id);
    for (let i = 0; i < 20; i++) {
      const objective = drawQuestions(annualQuiz, questions).filter((q) => q.type !== "short");
      expect(objective.filter((q) => revealed.has(q.id))).toEqual([]);
    }
    // Course quizzes' reviews keep back the annual test's questions too.
    expect(secretQuestionIds("course-labour", during, real).size).toBe(secret.size);
  });
});
