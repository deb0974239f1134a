import { Outlet, RemixServer } from "@remix-run/react";
import { createStaticHandler } from "@remix-run/router";
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { renderToString } from "react-dom/server";
import zh from "~/locales/zh-CN/common.json";
import { GUANGDONG_SCHEME, NATIONAL_SCHEME, checkLevel, type MediatorFacts } from "~/lib/levels";

/**
 * The grade-evaluation pages render on the server, without JavaScript, from their loaders' data:
 * the scheme page (editable and read-only), the criteria check and the sanctions list.
 */
jest.mock("~/.server/web/guards", () => ({}));
jest.mock("~/.server/levels/scheme", () => ({}));
jest.mock("~/.server/levels/check", () => ({}));
jest.mock("~/.server/levels/sanctions", () => ({}));
jest.mock("~/.server/roster/queries", () => ({}));
jest.mock("~/.server/access", () => ({}));

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

describe("grade-evaluation pages", () => {
  it("the scheme page: every level and criterion as fields for the province's admins", async () => {
    const page = await import("~/routes/levels.scheme");
    const html = await render("/levels/scheme", page, {
      province: { id: 1, name: "江源省" },
      scheme: GUANGDONG_SCHEME,
      provinceId: 1,
      own: true,
      canEdit: true,
      saved: null,
    });
    expect(html).toContain("江源省调解员等级评定方案");
    expect(html).toContain('name="levels[3].criteria[3].threshold"');
    expect(html).toContain('value="30"');
    expect(html).toContain("无因调解不当引发刑事案件");
    expect(html).toContain("金牌调解员");
    expect(html).toContain("保存方案");
    expect(html).toContain("广东省规则");
  });

  it("the scheme page is read-only for a county's admin", async () => {
    const page = await import("~/routes/levels.scheme");
    const html = await render("/levels/scheme", page, {
      province: { id: 1, name: "江源省" },
      scheme: NATIONAL_SCHEME,
      provinceId: 1,
      own: false,
      canEdit: false,
      saved: null,
    });
    expect(html).toContain("适用全国方案");
    expect(html).not.toContain("保存方案");
    expect(html).toContain("disabled");
  });

  it("the criteria check: each criterion of each level with figure, requirement and status", async () => {
    const page = await import("~/routes/roster.$id.criteria");
    const facts: MediatorFacts = {
      mediatorId: 7,
      appointedOn: "2020-03-01",
      education: "college",
      caseYears: [{ year: 2025, handled: 64, successful: 56, oral: 14, confirmed: 4 }],
      trainingYears: [2024, 2025, 2026].map((year) => ({ year, hours: 12, practical: 1, compliant: true })),
      bestScores: {},
      fileReview: null,
      levels: [],
      sanctions: [],
    };
    const period = { from: "2024-01-01", to: "2026-12-02" };
    const checks = GUANGDONG_SCHEME.levels.map((l) => checkLevel(GUANGDONG_SCHEME, l.key, facts, period));
    const html = await render("/roster/7/criteria", page, {
      mediator: { id: 7, name: "张某甲", gradeLevel: null },
      period,
      own: true,
      checks,
      best: "四级人民调解员",
    });
    expect(html).toContain("张某甲：等级条件核对");
    expect(html).toContain("64 件");
    expect(html).toContain("≥ 50 件");
    expect(html).toContain("≤ 30%");
    expect(html).toContain("已达到");
    expect(html).toContain("未达到");
    expect(html).toContain("须本人提交证明");
    expect(html).toContain("四级人民调解员");
  });

  it("the sanctions list with its entry form", async () => {
    const page = await import("~/routes/roster.$id.sanctions");
    const html = await render("/roster/7/sanctions", page, {
      mediator: { id: 7, name: "张某甲" },
      sanctions: [{ id: 1, on: "2025-09-12", reason: "调解中收受一方当事人礼品。", documentNo: "青司通〔2025〕17号", note: null }],
      canWrite: true,
    });
    expect(html).toContain("青司通〔2025〕17号");
    expect(html).toContain('name="documentNo"');
    expect(html).toContain("删除理由");
  });
});
