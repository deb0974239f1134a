import path from "node:path";
import { matchRoutes, createStaticHandler } from "@remix-run/router";
import { Outlet, RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import i18next from "i18next";
import { createStaticRouter } from "react-router-dom/server";
import { QueryTypes, Sequelize } from "sequelize";

// The module RemixServer calls into (not exported by the package; required by its file path).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const remixRoutes = require(path.join(path.dirname(require.resolve("@remix-run/react")), "routes.js")) as {
  createServerRoutes: () => unknown;
};

/**
 * The patches in scripts/patches (applied by patch-package on npm install) take per-request work
 * out of libraries we cannot upgrade past; each keeps the library's behaviour.
 */
describe("@remix-run/router: route matching", () => {
  const ids = (matches: ReturnType<typeof matchRoutes>) => matches?.map((m) => m.route.id) ?? null;

  it("ranks a route tree once: the same array is not flattened again", () => {
    const routes: { id: string; path: string }[] = [{ id: "lesson", path: "/courses/:slug/:lesson" }];
    expect(ids(matchRoutes(routes, "/healthz"))).toBeNull();
    routes.push({ id: "healthz", path: "/healthz" });
    expect(ids(matchRoutes(routes, "/healthz"))).toBeNull();
    expect(ids(matchRoutes([...routes], "/healthz"))).toEqual(["healthz"]);
  });

  it("matches as before: ranking, params, splats, index routes, optional segments", () => {
    const routes = [
      {
        id: "root",
        path: "",
        children: [
          { id: "home", index: true },
          { id: "courses", path: "courses" },
          { id: "lesson", path: "courses/:slug/:lesson" },
          { id: "assignments", path: "courses/assignments" },
          { id: "report", path: "events/report.xlsx" },
          { id: "lang", path: "language/:lng?" },
          { id: "files", path: "files/*" },
        ],
      },
    ];
    expect(ids(matchRoutes(routes, "/"))).toEqual(["root", "home"]);
    expect(ids(matchRoutes(routes, "/courses/"))).toEqual(["root", "courses"]);
    expect(ids(matchRoutes(routes, "/courses/assignments"))).toEqual(["root", "assignments"]);
    const lesson = matchRoutes(routes, "/courses/traffic/%E8%B4%A3%E4%BB%BB")!;
    expect(lesson[1].params).toEqual({ slug: "traffic", lesson: "责任" });
    expect(ids(matchRoutes(routes, "/events/reportXxlsx"))).toBeNull();
    expect(matchRoutes(routes, "/language")![1].params.lng).toBeUndefined();
    expect(matchRoutes(routes, "/language/en")![1].params.lng).toBe("en");
    expect(matchRoutes(routes, "/files/a/b.pdf")![1].params["*"]).toBe("a/b.pdf");
    expect(ids(matchRoutes(routes, "/nowhere"))).toBeNull();
  });

  it("keeps case-sensitive and case-insensitive patterns of the same path apart", () => {
    const sensitive = [{ id: "s", path: "/Report", caseSensitive: true }];
    const insensitive = [{ id: "i", path: "/Report" }];
    expect(ids(matchRoutes(sensitive, "/report"))).toBeNull();
    expect(ids(matchRoutes(insensitive, "/report"))).toEqual(["i"]);
    expect(ids(matchRoutes(sensitive, "/Report"))).toEqual(["s"]);
  });
});

describe("react-router-dom: the static router", () => {
  it("converts a route tree to data routes once and reuses them for every render", async () => {
    const routes = [{ id: "root", path: "/", children: [{ id: "courses", path: "courses" }] }];
    const handler = createStaticHandler(routes);
    const first = await handler.query(new Request("http://localhost/courses"));
    const second = await handler.query(new Request("http://localhost/"));
    if (first instanceof Response || second instanceof Response) throw new Error("unexpected response");
    const a = createStaticRouter(routes, first);
    const b = createStaticRouter(routes, second);
    expect(b.routes).toBe(a.routes);
    expect(a.state.matches.map((m) => m.route.id)).toEqual(["root", "courses"]);
    expect(b.state.matches.map((m) => m.route.id)).toEqual(["root"]);
    expect(a.state.matches[1].route).toBe(a.routes[0].children![0]);
  });
});

describe("i18next: language hierarchy", () => {
  it("translates as before and follows a changed fallback language", async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      supportedLngs: ["zh-CN", "en"],
      fallbackLng: "zh-CN",
      load: "currentOnly",
      resources: { "zh-CN": { common: { only: "仅中文", both: "调解" } }, en: { common: { both: "mediation" } } },
      defaultNS: "common",
    });
    const en = i18n.getFixedT("en");
    expect(en("both")).toBe("mediation");
    expect(en("only")).toBe("仅中文");
    expect(i18n.services.languageUtils.toResolveHierarchy("en")).toEqual(["en", "zh-CN"]);
    const canonicalise = jest.spyOn(Intl, "getCanonicalLocales");
    try {
      expect(en("both")).toBe("mediation");
      expect(i18n.getFixedT("zh-CN")("both")).toBe("调解");
      expect(canonicalise).not.toHaveBeenCalled();
    } finally {
      canonicalise.mockRestore();
    }
    i18n.options.fallbackLng = "en";
    expect(i18n.services.languageUtils.toResolveHierarchy("zh-CN")).toEqual(["zh-CN", "en"]);
    expect(i18n.services.languageUtils.toResolveHierarchy("en")).toEqual(["en"]);
  });
});

describe("sequelize (SQLite): query stacks", () => {
  it("formats the caller's stack only for a failing query, and the error still carries it", async () => {
    const sequelize = new Sequelize({ dialect: "sqlite", storage: ":memory:", logging: false });
    const original = Error.prepareStackTrace;
    let formatted = 0;
    Error.prepareStackTrace = (error, frames) => {
      formatted++;
      return original ? original(error, frames) : `${error}\n${frames.map((frame) => `    at ${frame}`).join("\n")}`;
    };
    try {
      expect(await sequelize.query("SELECT 1 AS one", { type: QueryTypes.SELECT })).toEqual([{ one: 1 }]);
      expect(formatted).toBe(0);
      const failing = () => sequelize.query("SELECT * FROM no_such_table", { type: QueryTypes.SELECT });
      await expect(failing()).rejects.toMatchObject({ stack: expect.stringContaining("library-patches.test") });
      expect(formatted).toBeGreaterThan(0);
    } finally {
      Error.prepareStackTrace = original;
      await sequelize.close();
    }
  });
});

describe("@remix-run/react: the server route tree", () => {
  const manifestRoute = (id: string, path: string, parentId?: string) => ({
    id,
    path,
    parentId,
    module: `/${id}.js`,
    hasLoader: true,
    hasAction: false,
    hasClientLoader: false,
    hasClientAction: false,
    hasErrorBoundary: false,
  });
  const manifest = {
    routes: { root: manifestRoute("root", ""), courses: manifestRoute("courses", "courses", "root") },
    entry: { module: "/entry.js", imports: [] },
    url: "/manifest.js",
    version: "1",
  };
  const root = { default: () => <Outlet /> };

  async function render(courses: { default: () => JSX.Element }) {
    const handler = createStaticHandler([
      { id: "root", path: "", loader: () => null, children: [{ id: "courses", path: "courses", loader: () => null }] },
    ]);
    const staticHandlerContext = await handler.query(new Request("http://localhost/courses"));
    if (staticHandlerContext instanceof Response) throw new Error("unexpected response");
    const context = {
      manifest,
      // Remix hands every render a new route-modules object.
      routeModules: { root, courses },
      staticHandlerContext,
      future: { v3_singleFetch: false, v3_relativeSplatPath: true },
      isSpaMode: false,
      serverHandoffString: "{}",
      serializeError: (error: Error) => error,
      renderMeta: {},
    };
    return renderToString(<RemixServer context={context as never} url="http://localhost/courses" />);
  }

  it("is built once per build and rebuilt when a route module changes", async () => {
    const build = jest.spyOn(remixRoutes, "createServerRoutes");
    try {
      const courses = { default: () => <p>案例课程</p> };
      expect(await render(courses)).toContain("案例课程");
      expect(await render(courses)).toContain("案例课程");
      expect(build).toHaveBeenCalledTimes(1);
      expect(await render({ default: () => <p>课程目录</p> })).toContain("课程目录");
      expect(build).toHaveBeenCalledTimes(2);
    } finally {
      build.mockRestore();
    }
  });
});
