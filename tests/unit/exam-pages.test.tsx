import { Outlet, RemixServer } from "@remix-run/react";
import { createStaticHandler } from "@remix-run/router";
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { renderToString } from "react-dom/server";
import zh from "~/locales/zh-CN/common.json";
import type { ExamFormValue } from "~/lib/exam";

/** The exam scheduling pages render on the server, without JavaScript, from their loaders' data. */
jest.mock("~/.server/web/guards", () => ({}));
jest.mock("~/.server/web/form-once", () => ({}));
jest.mock("~/.server/web/reply", () => ({}));
jest.mock("~/.server/exams/exams", () => ({}));

beforeAll(async () => {
  await i18next
    .use(initReactI18next)
    .init({ lng: "zh-CN", resources: { "zh-CN": { translation: zh } }, interpolation: { escapeValue: false } });
});

async function render(path: string, module: { default: () => JSX.Element }, data: object) {
  const route = (id: string, p: string, parentId?: string) => ({
    id,
    path: p,
    parentId,
    module: `/${id}.js`,
    hasLoader: true,
    hasAction: true,
    hasClientLoader: false,
    hasClientAction: false,
    hasErrorBoundary: false,
  });
  const handler = createStaticHandler([
    { id: "root", path: "", loader: () => null, children: [{ id: "page", path: path.slice(1), loader: () => data }] },
  ]);
  const staticHandlerContext = await handler.query(new Request(`http://localhost${path}`));
  if (staticHandlerContext instanceof Response) throw new Error("unexpected response");
  const context = {
    manifest: {
      routes: { root: route("root", ""), page: route("page", path.slice(1), "root") },
      entry: { module: "/entry.js", imports: [] },
      url: "/manifest.js",
      version: "1",
    },
    routeModules: { root: { default: () => <Outlet /> }, page: module },
    staticHandlerContext,
    future: { v3_singleFetch: false, v3_relativeSplatPath: true },
    isSpaMode: false,
    serverHandoffString: "{}",
    serializeError: (error: Error) => error,
    renderMeta: {},
  };
  return renderToString(<RemixServer context={context as never} url={`http://localhost${path}`} />);
}

const blank = { category: "", difficulty: "", type: "", count: "" };
const value = (over: Partial<ExamFormValue> = {}): ExamFormValue => ({
  title: "",
  opensAt: "",
  closesAt: "",
  orgUnitId: "",
  attemptsAllowed: "1",
  passMark: "60",
  review: "after_close",
  multipleScoring: "all_or_nothing",
  timeLimitMinutes: "",
  committeeIds: [],
  specialties: [],
  rules: [blank, blank, blank],
  ...over,
});
const common = {
  nodes: [
    { id: 3, name: "青山县", level: 0 },
    { id: 4, name: "城关镇", level: 1 },
  ],
  committees: [{ id: 9, name: "东门社区人民调解委员会", path: "/1/2/3/4/9/" }],
  pools: { "labour|1|single": 4, "labour|2|single": 6, "labour|2|true_false": 2, "medical|3|short": 1 },
};

describe("exam pages", () => {
  it("the new-exam form: every field, the banks' pools per category and difficulty, blank rule rows", async () => {
    const page = await import("~/routes/exams.new");
    const html = await render("/exams/new", page, { ...common, defaultValue: value(), once: "0".repeat(32) });
    for (const name of ["title", "opensAt", "closesAt", "orgUnitId", "timeLimitMinutes", "attemptsAllowed", "passMark", "review"])
      expect(html).toContain(`name="${name}"`);
    expect(html).toContain('name="rules[2].count"');
    expect(html).toContain('name="committeeIds"');
    expect(html).toContain("题库现有题目数");
    expect(html).toContain("劳动争议");
    // A blank rule matches the whole bank: 13 questions.
    expect(html).toContain("第1条规则：题库中符合条件的题目13道");
    expect(html).toContain("北京时间");
    expect(html).not.toContain("已有人开始作答");
  });

  it("an exam someone started: the note, and every field but title and closing time disabled", async () => {
    const page = await import("~/routes/exams.$id");
    const html = await render("/exams/5", page, {
      ...common,
      exam: { id: 5, title: "年度考试", quizId: "exam-5" },
      attempts: 3,
      saved: false,
      defaultValue: value({
        title: "年度考试",
        opensAt: "2026-12-01T09:00",
        closesAt: "2026-12-09T18:00",
        orgUnitId: "3",
        rules: [{ category: "labour", difficulty: "2", type: "", count: "5" }, blank],
      }),
    });
    expect(html).toContain("已有人开始作答，只能修改考试名称和截止时间");
    expect(html).toContain("第1条规则：题库中符合条件的题目8道");
    expect(html).toMatch(/<fieldset[^>]*disabled/);
    expect(html).toMatch(/name="opensAt"[^>]*disabled|disabled[^>]*name="opensAt"/);
    expect(html).toContain('value="2026-12-09T18:00"');
    expect(html).toContain("已有3次作答");
    expect(html).toContain('href="/quizzes/exam-5/report"');
  });
});
