import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import type { ServerBuild } from "@remix-run/node";
import { remixHandler } from "../../server/remix-handler";

type RouteModule = { default?: unknown; loader?: unknown; action?: unknown };
type Route = { id: string; parentId?: string; path: string; module: RouteModule };

/** A Remix server build of these routes (single fetch), for driving server/remix-handler.ts without the app. */
export function buildOf(routes: Record<string, Route>): ServerBuild {
  return {
    mode: "production",
    entry: { module: { default: () => new Response("document"), handleError: () => undefined } },
    routes,
    assets: {
      entry: { module: "/e.js", imports: [] },
      url: "/m.js",
      version: "t",
      routes: Object.fromEntries(
        Object.values(routes).map((r) => [
          r.id,
          {
            ...r,
            module: `/${r.id}.js`,
            hasAction: "action" in r.module,
            hasLoader: "loader" in r.module,
            hasErrorBoundary: false,
            imports: [],
          },
        ]),
      ),
    },
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    future: { v3_singleFetch: true },
    isSpaMode: false,
  } as unknown as ServerBuild;
}

/** Serves `build` through the app's Remix handler on a free loopback port. */
export async function serveBuild(build: ServerBuild): Promise<{ server: http.Server; port: number; origin: string }> {
  const app = express();
  app.use((_req, res, next) => ((res.locals.cspNonce = "n"), next()));
  app.all("*", remixHandler(build, "production"));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, port, origin: `http://127.0.0.1:${port}` };
}
