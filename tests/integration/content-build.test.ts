import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getMDXComponent } from "mdx-bundler/client";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { createInstance } from "i18next";
import i18n from "~/i18n";
import type { ContentBundle } from "~/lib/course";
import { mdxComponents } from "~/components/mdx";

const root = path.resolve(__dirname, "../..");
const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function build(contentDir: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-build-"));
  made.push(dir);
  const out = path.join(dir, "courses.json");
  const result = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/build-content.ts", "--content", contentDir, "--out", out], {
    cwd: root,
    encoding: "utf8",
  });
  return { status: result.status, stderr: result.stderr, out };
}

/** A throw-away content folder with one course; `lesson` and `course` override the good files. */
function fixture(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-fixture-"));
  made.push(dir);
  const all: Record<string, string> = {
    "courses/demo/course.mdx":
      "---\ntitle: 测试课程\nsummary: 用于测试。\ncategory: other\nkind: annual\nhours: 2\norder: 1\n---\n\n课程简介。\n",
    "courses/demo/01-first.mdx": "---\ntitle: 第一课\nminutes: 90\n---\n\n## 小标题\n\n<CaseFacts>\n\n张某与李某……\n\n</CaseFacts>\n",
    "law/articles.json": JSON.stringify({
      人民调解法: { title: "中华人民共和国人民调解法", articles: { "33": "第三十三条 经人民调解委员会调解达成调解协议后……" } },
    }),
    ...files,
  };
  for (const [name, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe("the content build", () => {
  it("fails on bad frontmatter, naming the file and the field", () => {
    const dir = fixture({
      "courses/demo/course.mdx": "---\ntitle: 测试课程\nsummary: 用于测试。\ncategory: other\nkind: weekly\nhours: 2\norder: 1\n---\n",
    });
    const result = build(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(path.join(dir, "courses/demo/course.mdx"));
    expect(result.stderr).toContain('frontmatter field "kind"');
    expect(fs.existsSync(result.out)).toBe(false);
  });

  it("fails on MDX that does not compile, naming the file", () => {
    const dir = fixture({ "courses/demo/01-first.mdx": "---\ntitle: 第一课\nminutes: 10\n---\n\n<CaseFacts>\n\n没有闭合的标签\n" });
    const result = build(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(path.join(dir, "courses/demo/01-first.mdx"));
  });

  it("fails on a citation missing from the law table", () => {
    const dir = fixture({
      "courses/demo/01-first.mdx":
        '---\ntitle: 第一课\nminutes: 10\n---\n\n<LegalBasis>\n\n<LawRef law="人民调解法" article="99" />\n\n</LegalBasis>\n',
    });
    const result = build(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('<LawRef law="人民调解法" article="99" /> is not in content/law/articles.json');
  });

  it("fails on a lesson that uses a component the lessons do not have, naming the file", () => {
    const dir = fixture({ "courses/demo/01-first.mdx": "---\ntitle: 第一课\nminutes: 10\n---\n\n<Quiz>\n\n张某与李某……\n\n</Quiz>\n" });
    const result = build(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${path.join(dir, "courses/demo/01-first.mdx")}: does not render`);
    expect(result.stderr).toContain("Quiz");
    expect(fs.existsSync(result.out)).toBe(false);
  });

  it("writes each lesson's and introduction's HTML in both languages next to the compiled code", () => {
    const result = build(fixture({}));
    expect(result.status).toBe(0);
    const course = (JSON.parse(fs.readFileSync(result.out, "utf8")) as ContentBundle).courses[0];
    const lesson = course.lessons[0];
    expect(lesson.code.length).toBeGreaterThan(0);
    expect(Object.keys(lesson.html).sort()).toEqual(["en", "zh-CN"]);
    expect(lesson.html["zh-CN"]).toContain('<h2 id="s1">小标题</h2>');
    expect(lesson.html["zh-CN"]).toContain('<h2 id="s2-title" class="mb-2 text-lg font-semibold text-brand-800">案情</h2>');
    expect(lesson.html["zh-CN"]).toContain("<p>张某与李某……</p>");
    expect(lesson.html.en).toContain(">The case</h2>");
    expect(lesson.html.en).toContain("<p>张某与李某……</p>");
    expect(course.introHtml).toEqual({ "zh-CN": "<p>课程简介。</p>", en: "<p>课程简介。</p>" });
  });

  it("fails on a lesson file named outside the NN-slug pattern and on a missing field", () => {
    expect(build(fixture({ "courses/demo/first.mdx": "---\ntitle: x\nminutes: 1\n---\n" })).stderr).toContain("NN-<slug>.mdx");
    expect(build(fixture({ "courses/demo/02-second.mdx": "---\ntitle: 第二课\n---\n" })).stderr).toContain('frontmatter field "minutes"');
  });
});

describe("credit hours in the content build (1 学时 = 45 minutes)", () => {
  const course = (hours: number) =>
    `---\ntitle: 测试课程\nsummary: 用于测试。\ncategory: other\nkind: annual\nhours: ${hours}\norder: 1\n---\n\n课程简介。\n`;
  const lesson = (minutes: number) => `---\ntitle: 第一课\nminutes: ${minutes}\n---\n\n## 小标题\n\n正文。\n`;

  it("fails a course that claims more hours than its lessons support, naming the file and both figures", () => {
    const dir = fixture({ "courses/demo/course.mdx": course(3), "courses/demo/01-first.mdx": lesson(100) });
    const result = build(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(path.join(dir, "courses/demo/course.mdx"));
    expect(result.stderr).toContain("claims 3 学时 but its study time supports 2");
    expect(fs.existsSync(result.out)).toBe(false);
  });

  it("refuses a content quiz named like a scheduled exam (exam-<number>)", () => {
    const bank =
      "- id: demo-001\n  type: true_false\n  category: other\n  difficulty: 1\n  stem: 第1题。\n  answer: true\n  explanation: 解析。\n";
    const dir = fixture({
      "quizzes/exam-7.yaml": "title: 测验\ndraw:\n  - { bank: demo, count: 1 }\npassMark: 70\n",
      "questions/demo.yaml": bank,
    });
    const result = build(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("quiz ids exam-<number> belong to the exams bureaus schedule");
  });

  it("builds a course whose hours its lessons and quiz minutes cover", () => {
    // 100 lesson minutes + 10 drawn questions × 2 minutes = 120 minutes → 2.67, floored to 2.5 学时.
    const quiz = "title: 测验\ncourse: demo\ndraw:\n  - { bank: demo, count: 10 }\npassMark: 70\n";
    const bank = Array.from(
      { length: 10 },
      (_, i) =>
        `- id: demo-${String(i + 1).padStart(3, "0")}\n  type: true_false\n  category: other\n  difficulty: 1\n  stem: 第${i + 1}题。\n  answer: true\n  explanation: 解析。\n`,
    ).join("");
    const dir = fixture({
      "courses/demo/course.mdx": course(2.5),
      "courses/demo/01-first.mdx": lesson(100),
      "quizzes/course-demo.yaml": quiz,
      "questions/demo.yaml": bank,
    });
    const result = build(dir);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const bundle: ContentBundle = JSON.parse(fs.readFileSync(result.out, "utf8"));
    expect(bundle.courses[0].hours).toBe(2.5);
  });
});

describe("the real courses", () => {
  const bundle: ContentBundle = JSON.parse(fs.readFileSync(process.env.CONTENT_BUNDLE!, "utf8"));

  it("are at least 8 courses of 3–6 lessons, pre-service ones among them", () => {
    expect(bundle.courses.length).toBeGreaterThanOrEqual(8);
    for (const course of bundle.courses) {
      expect(course.lessons.length).toBeGreaterThanOrEqual(3);
      expect(course.lessons.length).toBeLessThanOrEqual(6);
    }
    expect(bundle.courses.filter((c) => c.kind === "pre_service").length).toBeGreaterThanOrEqual(1);
  });

  it("every lesson comes rendered in both languages with the case-study components, as they render its code, with the cited articles' text", async () => {
    const instances = await Promise.all(
      (["zh-CN", "en"] as const).map(async (lng) => {
        const instance = createInstance();
        await instance.use(initReactI18next).init({ ...i18n, lng });
        return [lng, instance] as const;
      }),
    );
    const citations = { "zh-CN": 0, en: 0 };
    for (const course of bundle.courses) {
      const pages = [{ code: course.intro, html: course.introHtml }, ...course.lessons];
      for (const { code, html } of pages) {
        const Component = getMDXComponent(code);
        for (const [lng, instance] of instances) {
          const expected = renderToStaticMarkup(
            createElement(I18nextProvider, { i18n: instance }, createElement(Component, { components: mdxComponents as never })),
          );
          expect(html[lng]).toBe(expected);
          expect(html[lng].length).toBeGreaterThan(100);
          citations[lng] += (html[lng].match(/<figure/g) ?? []).length;
        }
      }
      for (const lesson of course.lessons) {
        expect(lesson.toc.length).toBeGreaterThan(0);
        expect(lesson.html["zh-CN"]).not.toBe(lesson.html.en);
      }
    }
    expect(citations["zh-CN"]).toBeGreaterThan(100);
    expect(citations.en).toBe(citations["zh-CN"]);
  });
});
