import fs from "node:fs";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import http from "node:http";
import express, { type Express, type Response } from "express";
import helmet from "helmet";
import morgan from "morgan";
import { noStoreWhenSignedIn, permissionsPolicy } from "./headers";
import { createNonceSource } from "./nonce";
import { PUBLIC_VERSIONS_GLOBAL, type PublicPageVersions } from "../app/.server/public-sections";
import { createPublicCache, installPublicCache, type PublicCache } from "./public-cache";
import { remixHandler, type Mode } from "./remix-handler";
import { passClientIp, refuseForeignOrigin } from "./request-guards";
import { isDraining, refuseWhileDraining } from "./shutdown";

export type { Mode };

const root = path.resolve(import.meta.dirname, "..");

/**
 * Content-Security-Policy: scripts only from this origin or carrying this request's nonce
 * (Remix's inline hydration data). Everything else the app loads comes from 'self'.
 */
function securityHeaders(mode: Mode) {
  return helmet({
    contentSecurityPolicy:
      mode === "production"
        ? {
            useDefaults: false,
            directives: {
              defaultSrc: ["'self'"],
              scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
              styleSrc: ["'self'"],
              // Charts (Recharts) size their wrapper with style attributes; no inline <style> or script.
              styleSrcAttr: ["'unsafe-inline'"],
              imgSrc: ["'self'", "data:"],
              fontSrc: ["'self'"],
              connectSrc: ["'self'"],
              objectSrc: ["'none'"],
              baseUri: ["'self'"],
              formAction: ["'self'"],
              frameAncestors: ["'none'"],
            },
          }
        : false,
    crossOriginEmbedderPolicy: false,
    // helmet's default "no-referrer" makes Chrome send "Origin: null" on plain form posts, which
    // the foreign-origin guard must refuse; "same-origin" keeps the real Origin on our own forms.
    referrerPolicy: { policy: "same-origin" },
    // A county may serve this over plain HTTP on its intranet; HSTS there would lock users out.
    strictTransportSecurity: process.env.HSTS === "true",
  });
}

export async function createApp(mode: Mode) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY === "true");
  // While the server shuts down, a request on a kept-alive connection is refused (503), not served.
  app.use(refuseWhileDraining);
  // Redirects and the small answers to fetcher posts (autosave) are not worth a zlib stream each.
  app.use(
    compression({
      filter: (req, res) =>
        res.statusCode < 300 || res.statusCode >= 400
          ? !(req.method === "POST" && req.path.endsWith(".data")) && compression.filter(req, res)
          : false,
    }),
  );
  const nextNonce = createNonceSource();
  app.use((_req, res, next) => {
    res.locals.cspNonce = nextNonce();
    next();
  });
  app.use(securityHeaders(mode));
  app.use(permissionsPolicy);
  app.use(noStoreWhenSignedIn);

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (mode === "development") {
    const vite = await import("vite");
    const server = await vite.createServer({ root, server: { middlewareMode: true } });
    app.use(server.middlewares);
    build = () => server.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    const client = path.join(root, "build/client");
    app.use("/assets", express.static(path.join(client, "assets"), { immutable: true, maxAge: "1y" }));
    // Other static files sit at the top of build/client (favicon…): only their paths touch the disk,
    // so a page request never pays for a failed stat.
    const topLevel = new Set(fs.readdirSync(client).filter((name) => name !== "assets"));
    const files = express.static(client, { maxAge: "1h" });
    app.use((req, res, next) => (topLevel.has(req.path.split("/")[1]) ? files(req, res, next) : next()));
    build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;
  }

  // The build bundles its own copy of the database module: its pool is closed through the entry.
  const entryOf = async () =>
    (typeof build === "function" ? await build() : build).entry.module as { closeResources?: () => Promise<void> };
  app.locals.closeResources = async () => (await entryOf()).closeResources?.();

  if (process.env.REQUEST_LOG !== "false") app.use(morgan(mode === "production" ? "combined" : "dev"));
  app.use(refuseForeignOrigin);
  app.use(passClientIp);
  const cache = publicCache(mode);
  app.locals.publicCache = cache;
  if (cache) app.use(cache.capture);
  app.all("*", remixHandler(build, mode));
  return app;
}

/** Public pages served from memory: PUBLIC_CACHE_SECONDS (default 10; 0 turns it off; off in development unless set). */
function publicCache(mode: Mode): PublicCache | null {
  const seconds = Number(process.env.PUBLIC_CACHE_SECONDS ?? (mode === "development" ? 0 : 10));
  if (!(seconds > 0)) return null;
  const cache = createPublicCache({
    prefixes: ["/verify", "/rooms", "/experts", "/announcements"],
    ttlMs: seconds * 1000,
    maxEntries: 2000,
    maxBytes: 512 * 1024,
    defaultCacheControl: "public, max-age=60",
    isDraining,
    // Set by the build once its database is known (app/.server/public-pages.ts, sharePublicPageVersions).
    versions: () => (globalThis as Record<string, unknown>)[PUBLIC_VERSIONS_GLOBAL] as PublicPageVersions | null | undefined,
  });
  installPublicCache(cache);
  return cache;
}

/**
 * The HTTP server for the app: a cached public page is answered by the plain listener itself
 * (server/public-cache.ts), everything else by Express.
 */
export function createHttpServer(app: Express): http.Server {
  const cache = app.locals.publicCache as PublicCache | null;
  return http.createServer(cache ? (req, res) => cache.handle(req, res, () => app(req, res)) : app);
}
