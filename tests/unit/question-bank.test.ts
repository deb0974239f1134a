import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BankError, loadQuestions, loadQuizzes } from "../../scripts/lib/content/questions";
import { loadLawTable } from "../../scripts/lib/content/law-table";
import { DISPUTE_CATEGORIES } from "~/lib/categories";

const root = path.resolve(__dirname, "../..");
const table = loadLawTable(path.join(root, "content"));
const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function fixture(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-bank-"));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const GOOD = `- id: t-001
  type: single
  category: labour
  difficulty: 1
  stem: 劳动争议调解组织自收到调解申请之日起多少日内未达成调解协议的，当事人可以依法申请仲裁？
  options:
    - { id: a, text: 十日 }
    - { id: b, text: 十五日 }
  answer: [b]
  explanation: 《劳动争议调解仲裁法》第十四条第三款规定为十五日。
  law:
    - { law: 劳动争议调解仲裁法, article: 14 }
`;

describe("question bank validation", () => {
  it("loads the real banks: at least 300 questions over every dispute category, ids unique", () => {
    const questions = loadQuestions(path.join(root, "content"), table);
    expect(questions.length).toBeGreaterThanOrEqual(300);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    for (const category of DISPUTE_CATEGORIES) expect(questions.some((q) => q.category === category)).toBe(true);
    for (const type of ["single", "multiple", "true_false", "short"])
      expect(questions.filter((q) => q.type === type).length).toBeGreaterThan(10);
  });

  it("derives each version from the content: same text, same version; an edit, a new one", () => {
    const a = loadQuestions(fixture({ "questions/t.yaml": GOOD }), table)[0];
    const b = loadQuestions(fixture({ "questions/t.yaml": GOOD }), table)[0];
    const edited = loadQuestions(fixture({ "questions/t.yaml": GOOD.replace("第三款规定为十五日", "第三款规定：十五日") }), table)[0];
    expect(a.version).toMatch(/^[0-9a-f]{16}$/);
    expect(b.version).toBe(a.version);
    expect(edited.version).not.toBe(a.version);
  });

  it.each([
    ["an unknown type", GOOD.replace("type: single", "type: essay"), /t\.yaml: question 1 \(t-001\): field "type"/],
    ["an answer that is not an option", GOOD.replace("answer: [b]", "answer: [c]"), /field "answer": answer names an option/],
    ["two answers to a single choice", GOOD.replace("answer: [b]", "answer: [a, b]"), /exactly one answer/],
    ["a difficulty out of range", GOOD.replace("difficulty: 1", "difficulty: 4"), /field "difficulty"/],
    ["an article missing from the law table", GOOD.replace("article: 14 }", "article: 99 }"), /cites 劳动争议调解仲裁法 article 99/],
    ["a law we do not know", GOOD.replace("law: 劳动争议调解仲裁法,", "law: 不存在法,"), /cites 不存在法/],
    ["a true/false question with options", GOOD.replace("type: single", "type: true_false"), /field "options"/],
  ])("fails the build on %s, naming file and field", (_name, text, message) => {
    expect(() => loadQuestions(fixture({ "questions/t.yaml": text }), table)).toThrow(message);
  });

  it("refuses a duplicate id across banks", () => {
    expect(() => loadQuestions(fixture({ "questions/a.yaml": GOOD, "questions/b.yaml": GOOD }), table)).toThrow(/id also used in/);
  });
});

describe("quiz definitions", () => {
  const questions = loadQuestions(fixture({ "questions/t.yaml": GOOD }), table);
  it("refuses a draw the bank cannot satisfy, and a course that does not exist", () => {
    expect(() =>
      loadQuizzes(fixture({ "quizzes/q.yaml": "title: 测验\ndraw:\n  - { category: labour, count: 2 }\npassMark: 60\n" }), questions, []),
    ).toThrow(/q\.yaml: field "draw.0": asks for 2 questions but only 1/);
    expect(() =>
      loadQuizzes(fixture({ "quizzes/q.yaml": "title: 测验\ncourse: nope\ndraw:\n  - { count: 1 }\npassMark: 60\n" }), questions, []),
    ).toThrow(/no course "nope"/);
    expect(() =>
      loadQuizzes(
        fixture({ "quizzes/q.yaml": "title: 测验\ndraw:\n  - { count: 1 }\npassMark: 60\nreview: after_close\n" }),
        questions,
        [],
      ),
    ).toThrow(BankError);
  });

  it("loads every real quiz, one per course", () => {
    const real = loadQuestions(path.join(root, "content"), table);
    const courses = fs.readdirSync(path.join(root, "content/courses"));
    const quizzes = loadQuizzes(path.join(root, "content"), real, courses);
    expect(
      quizzes
        .filter((q) => q.course)
        .map((q) => q.course)
        .sort(),
    ).toEqual([...courses].sort());
    expect(quizzes.some((q) => !q.course)).toBe(true);
  });
});
