/**
 * Shows that every patch in scripts/patches is active in what `npm start` serves, not only in
 * Jest (which loads each library's CommonJS build). Run the way production runs:
 *   node --import tsx --experimental-import-meta-resolve scripts/patches/check-production.mjs
 * (tests/unit/library-patches-production.test.ts does so). Exits non-zero if a patch is missing.
 *
 * Production loads build/server/index.js, a native ES module that leaves its npm dependencies to
 * Node (`import … from "@remix-run/react"`, `"i18next"`, `"sequelize"`), and server/app.ts hands
 * it to @remix-run/express. The check follows those same import chains: with a build, it first
 * makes sure the bundle still imports the patched libraries instead of carrying its own copy
 * (a bundled copy would come from the packages' unpatched ESM files); without one, it resolves
 * from server/app.ts, the entry that loads the bundle (same node_modules). It then loads the
 * resolved file of each patched module, checks it carries the patch, and exercises the patched
 * behaviour on it: each check fails on the library as published.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bundle = path.join(root, "build/server/index.js");
const hasBuild = fs.existsSync(bundle);
const entry = hasBuild ? bundle : path.join(root, "server/app.ts");
const MARK = "Mediator Academy patch (scripts/patches)";

let failed = 0;
const ok = (name, detail) => console.log(`✔ ${name}: ${detail}`);
const fail = (name, detail) => {
  failed++;
  console.log(`✖ ${name}: ${detail}`);
};
const short = (file) => path.relative(root, file);

/** The file Node loads for `import spec` written in `importer` (an ES module). */
const resolveImport = (spec, importer = entry) => fileURLToPath(import.meta.resolve(spec, pathToFileURL(importer).href));
/** The file Node loads for `require(spec)` written in `importer` (a CommonJS module). */
const resolveRequire = (spec, importer) => createRequire(importer).resolve(spec);
const load = (file) => createRequire(file)(file);
const patched = (file) => fs.readFileSync(file, "utf8").includes(MARK);

async function check(name, run) {
  try {
    const detail = await run();
    ok(name, detail);
  } catch (error) {
    fail(name, error instanceof Error ? error.message : String(error));
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

console.log(hasBuild ? `Modules as ${short(bundle)} loads them` : `No build: modules as ${short(entry)} resolves them`);

// The bundle must leave the patched libraries to node_modules.
if (hasBuild) {
  await check("build/server/index.js", () => {
    const source = fs.readFileSync(bundle, "utf8");
    const imported = new Set([...source.matchAll(/^import\s[^;]*?\sfrom\s*"([^"]+)";?$/gm)].map((m) => m[1]));
    const missing = ["@remix-run/react", "i18next", "sequelize"].filter((spec) => !imported.has(spec));
    assert(missing.length === 0, `no longer imports ${missing.join(", ")} from node_modules (bundled copies are not patched)`);
    const inlined = [
      "function rankRouteBranches(",
      "function createStaticRouter(",
      "function createServerRoutes(",
      "toResolveHierarchy(",
      "errForStack",
    ].filter((code) => source.includes(code));
    assert(inlined.length === 0, `carries its own copy of patched code (${inlined.join(", ")})`);
    return "imports @remix-run/react, i18next and sequelize from node_modules, carries no copy of them";
  });
}

// Production module chains: server/app.ts → @remix-run/express → @remix-run/node →
// @remix-run/server-runtime → @remix-run/router (request matching, the static handler), and the
// bundle → @remix-run/react → react-router-dom/server → @remix-run/router (the render).
const express = resolveImport("@remix-run/express", path.join(root, "server/app.ts"));
const serverRuntime = resolveRequire("@remix-run/server-runtime", resolveRequire("@remix-run/node", express));
const remixReact = resolveImport("@remix-run/react");
const remixReactServer = resolveRequire("./server.js", remixReact);
const staticRouterFile = resolveRequire("react-router-dom/server", remixReactServer);
const routerFiles = [
  ...new Set([resolveRequire("@remix-run/router", serverRuntime), resolveRequire("@remix-run/router", staticRouterFile)]),
];

for (const file of routerFiles) {
  await check(`@remix-run/router (${short(file)})`, () => {
    assert(patched(file), "the file has no patch");
    const { matchRoutes, matchPath } = load(file);
    const routes = [{ id: "lesson", path: "/courses/:slug/:lesson" }];
    assert(matchRoutes(routes, "/healthz") === null, "matched /healthz against a tree without it");
    routes.push({ id: "healthz", path: "/healthz" });
    assert(matchRoutes(routes, "/healthz") === null, "flattened and ranked the same route array again");
    assert(matchRoutes([...routes], "/healthz")?.[0].route.id === "healthz", "a new route array does not match");
    const warn = console.warn;
    let warnings = 0;
    console.warn = () => warnings++;
    try {
      matchPath("/files*", "/files/a.pdf");
      matchPath("/files*", "/files/b.pdf");
    } finally {
      console.warn = warn;
    }
    assert(warnings === 1, `compiled the same path pattern ${warnings} times`);
    return "a route array is ranked once, a path pattern compiled once";
  });
}

await check(`react-router-dom (${short(staticRouterFile)})`, async () => {
  assert(patched(staticRouterFile), "the file has no patch");
  const { createStaticHandler, createStaticRouter } = load(staticRouterFile);
  const routes = [{ id: "root", path: "/", children: [{ id: "courses", path: "courses" }] }];
  const handler = createStaticHandler(routes);
  const first = createStaticRouter(routes, await handler.query(new Request("http://localhost/courses")));
  const second = createStaticRouter(routes, await handler.query(new Request("http://localhost/")));
  assert(second.routes === first.routes, "converted the same route tree to data routes again");
  assert(first.state.matches.map((m) => m.route.id).join() === "root,courses", "wrong matches for /courses");
  return "a route tree is converted to data routes once";
});

await check(`@remix-run/react (${short(remixReactServer)})`, async () => {
  assert(patched(remixReactServer), "the file has no patch");
  const React = load(resolveImport("react"));
  const { renderToString } = load(resolveImport("react-dom/server"));
  const { RemixServer, Outlet } = await import(pathToFileURL(remixReact).href);
  const serverRoutes = load(resolveRequire("./routes.js", remixReactServer));
  const { createStaticHandler } = load(resolveRequire("@remix-run/router", serverRuntime));
  const route = (id, routePath, parentId) => ({
    id,
    path: routePath,
    parentId,
    module: `/${id}.js`,
    hasLoader: true,
    hasAction: false,
    hasClientLoader: false,
    hasClientAction: false,
    hasErrorBoundary: false,
  });
  const manifest = {
    routes: { root: route("root", ""), courses: route("courses", "courses", "root") },
    entry: { module: "/entry.js", imports: [] },
    url: "/manifest.js",
    version: "1",
  };
  const root = { default: () => React.createElement(Outlet) };
  const courses = { default: () => React.createElement("p", null, "案例课程") };
  const handler = createStaticHandler([
    { id: "root", path: "", loader: () => null, children: [{ id: "courses", path: "courses", loader: () => null }] },
  ]);
  const render = async () => {
    const staticHandlerContext = await handler.query(new Request("http://localhost/courses"));
    const context = {
      manifest,
      routeModules: { root, courses }, // a new object per render, as Remix hands it
      staticHandlerContext,
      future: { v3_singleFetch: true, v3_relativeSplatPath: true },
      isSpaMode: false,
      serverHandoffString: "{}",
      serializeError: (error) => error,
      renderMeta: {},
    };
    return renderToString(React.createElement(RemixServer, { context, url: "http://localhost/courses" }));
  };
  const original = serverRoutes.createServerRoutes;
  let built = 0;
  serverRoutes.createServerRoutes = (...args) => {
    built++;
    return original(...args);
  };
  try {
    assert((await render()).includes("案例课程"), "the first render lacks the route's content");
    assert((await render()).includes("案例课程"), "the second render lacks the route's content");
  } finally {
    serverRoutes.createServerRoutes = original;
  }
  assert(built === 1, `built the server routes ${built} times for two renders of one build`);
  return "the server routes are built once per build";
});

await check("i18next", async () => {
  const file = resolveImport("i18next");
  assert(patched(file), `${short(file)} has no patch`);
  const { createInstance } = await import(pathToFileURL(file).href);
  const i18n = createInstance();
  await i18n.init({
    supportedLngs: ["zh-CN", "en"],
    fallbackLng: "zh-CN",
    load: "currentOnly",
    resources: { "zh-CN": { common: { only: "仅中文", both: "调解" } }, en: { common: { both: "mediation" } } },
    defaultNS: "common",
  });
  const en = i18n.getFixedT("en");
  assert(en("both") === "mediation" && en("only") === "仅中文", "translates differently");
  const canonicalise = Intl.getCanonicalLocales;
  let calls = 0;
  Intl.getCanonicalLocales = (...args) => {
    calls++;
    return canonicalise(...args);
  };
  try {
    en("both");
    i18n.getFixedT("zh-CN")("both");
  } finally {
    Intl.getCanonicalLocales = canonicalise;
  }
  assert(calls === 0, `canonicalised language codes ${calls} times for two t() calls`);
  return `${short(file)}: the language hierarchy is resolved once per code`;
});

await check("sequelize", async () => {
  const file = resolveImport("sequelize");
  const query = path.join(path.dirname(resolveRequire("sequelize", file)), "dialects/sqlite/query.js");
  assert(patched(query), `${short(query)} has no patch`);
  const { Sequelize, QueryTypes } = await import(pathToFileURL(file).href);
  const sequelize = new Sequelize({ dialect: "sqlite", storage: ":memory:", logging: false });
  const prepare = Error.prepareStackTrace;
  let formatted = 0;
  Error.prepareStackTrace = (error, frames) => {
    formatted++;
    return prepare ? prepare(error, frames) : `${error}\n${frames.map((frame) => `    at ${frame}`).join("\n")}`;
  };
  try {
    await sequelize.query("SELECT 1 AS one", { type: QueryTypes.SELECT });
    assert(formatted === 0, `formatted ${formatted} stack traces for a query that succeeded`);
    const error = await sequelize.query("SELECT * FROM no_such_table").catch((e) => e);
    assert(error?.stack?.includes("check-production"), "a failing query's error lacks the caller's stack");
  } finally {
    Error.prepareStackTrace = prepare;
    await sequelize.close();
  }
  return `${short(query)}: the caller's stack is formatted only for a failing query`;
});

await check("@web3-storage/multipart-parser", async () => {
  // @remix-run/server-runtime's unstable_parseMultipartFormData reads every upload form with it.
  const file = resolveRequire("@web3-storage/multipart-parser", serverRuntime);
  assert(patched(file), `${short(file)} has no patch`);
  const { streamMultipart } = load(file);
  const boundary = "----check";
  const body = new Blob([
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="庭审=记录;第1页.pdf"\r\n\r\n%PDF\r\n--${boundary}--\r\n`,
  ]).stream();
  const names = [];
  for await (const part of streamMultipart(body, boundary)) {
    if (part.done) break;
    names.push(part.filename);
    for await (const chunk of part.data) void chunk;
  }
  assert(names.length === 1 && names[0] === "庭审=记录;第1页.pdf", `read the file name as ${JSON.stringify(names)}`);
  return `${short(file)}: a file name with "=" and ";" is read whole`;
});

console.log(failed ? `${failed} check(s) failed` : "all patches active");
process.exit(failed ? 1 : 0);
