import { Outlet, RemixServer } from "@remix-run/react";
import { createStaticHandler } from "@remix-run/router";
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { renderToString } from "react-dom/server";
import zh from "~/locales/zh-CN/common.json";

/** The practical-training log form counts the reflection's characters against its 50-character minimum, on the server too. */
jest.mock("~/.server/web/guards", () => ({}));
jest.mock("~/.server/web/form-once", () => ({}));
jest.mock("~/.server/web/log-form", () => ({}));
jest.mock("~/.server/training/logs", () => ({}));
jest.mock("~/.server/web/reply", () => ({}));
jest.mock("~/.server/uploads", () => ({}));

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

describe("the log form's reflection", () => {
  it("shows how many characters are written and the minimum", async () => {
    const page = await import("~/routes/training.logs.new");
    const html = await render("/training/logs/new", page, { hasProfile: true, supervisors: [{ id: 1, name: "李培训" }], once: "t" });
    expect(html).toContain("已写 0 字，至少 50 字。");
    expect(html).toContain('aria-live="polite"');
  });
});
