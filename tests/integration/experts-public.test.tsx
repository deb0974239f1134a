import fs from "node:fs";
import path from "node:path";
import { Outlet, RemixServer } from "@remix-run/react";
import { createStaticHandler } from "@remix-run/router";
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { renderToString } from "react-dom/server";
import zh from "~/locales/zh-CN/common.json";
import { Expert, ExpertPool } from "~/.server/db/models";
import * as page from "~/routes/experts._index";
import { seedDemo } from "../../db/seeders/demo";
import { createMigratedDatabase, type TestDatabase } from "../support/db";

/**
 * The public expert list as a signed-out visitor gets it: the loader's data rendered to HTML on
 * the server (as Remix does), the same for every visitor, with no contact data of any expert.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await createMigratedDatabase();
  await seedDemo();
  await i18next
    .use(initReactI18next)
    .init({ lng: "zh-CN", resources: { "zh-CN": { translation: zh } }, interpolation: { escapeValue: false } });
}, 240_000); // migrating and seeding MariaDB on a busy machine can take over a minute
afterAll(() => db.drop());

async function render(url: string) {
  const request = new Request(`http://localhost${url}`);
  const data = await page.loader({ request, params: {}, context: {} });
  const route = (id: string, p: string, parentId?: string) => ({
    id,
    path: p,
    parentId,
    module: `/${id}.js`,
    hasLoader: true,
    hasAction: false,
    hasClientLoader: false,
    hasClientAction: false,
    hasErrorBoundary: false,
  });
  const handler = createStaticHandler([
    { id: "root", path: "", loader: () => null, children: [{ id: "page", path: "experts", loader: () => data }] },
  ]);
  const staticHandlerContext = await handler.query(request);
  if (staticHandlerContext instanceof Response) throw new Error("unexpected response");
  const context = {
    manifest: {
      routes: { root: route("root", ""), page: route("page", "experts", "root") },
      entry: { module: "/entry.js", imports: [] },
      url: "/manifest.js",
      version: "1",
    },
    routeModules: { root: { default: () => <Outlet /> }, page },
    staticHandlerContext,
    future: { v3_singleFetch: false, v3_relativeSplatPath: true },
    isSpaMode: false,
    serverHandoffString: "{}",
    serializeError: (error: Error) => error,
    renderMeta: {},
  };
  return { data, html: renderToString(<RemixServer context={context as never} url={request.url} />) };
}

describe("public /experts", () => {
  it("shows listed experts and the notices, never a phone, an e-mail or an account", async () => {
    const { html } = await render("/experts");
    expect(html).toContain("人民调解专家库");
    expect(html).toContain("林文远");
    expect(html).toContain("入库公示");
    const experts = await Expert.findAll();
    for (const e of experts) {
      if (e.phone) expect(html).not.toContain(e.phone);
      if (e.email) expect(html).not.toContain(e.email);
    }
    expect(html).not.toContain("demo_expert");
    for (const hidden of experts.filter((e) => ["proposed", "vetted", "rejected", "removed"].includes(e.state))) {
      expect(html).not.toContain(hidden.name);
    }
    for (const notice of experts.filter((e) => e.state === "notice")) expect(html).toContain(notice.name);
  });

  it("is the same for every signed-out visitor and never reads the session", async () => {
    const first = await render("/experts?page=1");
    const second = await render("/experts?page=1");
    expect(second.html).toBe(first.html);
    expect(first.data).toEqual(second.data);
    // The loader returns plain data (no Response, so no Set-Cookie) and the route imports nothing that reads a session.
    expect(first.data).not.toBeInstanceOf(Response);
    const source = fs.readFileSync(path.resolve(__dirname, "../../app/routes/experts._index.tsx"), "utf8");
    expect(source).not.toMatch(/\.server\/web\/(session|guards|header)|getCurrentUser|requireAccess/);
  });

  it("filters by pool and field and pages; an unknown filter value lists everything", async () => {
    const county = (await ExpertPool.findOne({ where: { name: "青山县人民调解专家库" } }))!;
    const { data, html } = await render(`/experts?pool=${county.id}&field=law`);
    expect(data.rows.length).toBeGreaterThan(0);
    expect(data.rows.every((r) => r.pool === county.name && r.field === "law")).toBe(true);
    expect(html).not.toContain("林文远");
    const odd = await render("/experts?pool=abc&field=astrology&page=-3");
    expect(odd.data.total).toBe((await render("/experts")).data.total);
    expect(odd.data.page).toBe(1);
    const second = await render("/experts?page=2");
    expect(second.data.page).toBe(2);
    expect(second.data.rows[0]?.id).not.toBe((await render("/experts")).data.rows[0].id);
  });
});
