import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import { BodyTooLargeError, bodyClassFor, limitBody, refuseTooLarge, type BodyLimit } from "./body-limit";
import { withRequestMemo } from "../app/.server/request-memo";
import { uploadTempFor } from "./upload-temp";

export type Mode = "production" | "development";

function remixHeaders(incoming: Request["headers"]): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(incoming)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  return headers;
}

/** As @remix-run/express sends a Remix response. */
async function sendRemixResponse(res: Response, response: globalThis.Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.headers.get("Content-Type")?.match(/text\/event-stream/i)) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/** The Remix request for an Express request, as @remix-run/express makes it, with the body read through `body`. */
function remixRequest(req: Request, res: Response, body: ReadableStream<Uint8Array> | null): globalThis.Request {
  const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const port = [forwardedPort, hostPort].map((p) => Number.parseInt(p, 10)).find(Number.isSafeInteger);
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  let controller: AbortController | null = new AbortController();
  const headers = remixHeaders(req.headers);
  uploadTempFor(req, res, headers);
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (body) {
    init.body = body;
    init.duplex = "half";
  }
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}

/** Set on the request by the app's handleError (app/.server/web/outage.ts) when it met a database outage. */
const OUTAGE_MARK = Symbol.for("mediator-academy.database-outage");

/** A resource route (export, download) that failed on a database outage: 503 with Retry-After, not 500. */
function outageAnswer(): globalThis.Response {
  return new Response("服务暂时不可用，请稍后重试。\nService temporarily unavailable, please try again later.\n", {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "30", "Cache-Control": "no-store" },
  });
}

/**
 * A body for a request whose declared Content-Length is already over its limit: nothing is read
 * from the socket, and the first read fails. A route that checks Content-Length itself (log
 * forms, the roster import) still answers with its own message on the form; `tried` says
 * whether the route tried to read.
 */
function refusedBody(limit: number) {
  const state = { tried: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        state.tried = true;
        controller.error(new BodyTooLargeError(limit));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

/**
 * Serves the app through Remix. A request body is limited by its route class (body-limit.ts),
 * on the bytes actually received as they arrive (chunked bodies too); past the limit the request
 * is answered 413, whatever the route made of its broken body. A body whose declared
 * Content-Length is over the limit is never read at all.
 */
export function remixHandler(build: ServerBuild | (() => Promise<ServerBuild>), mode: Mode) {
  const handle = createRequestHandler(build, mode);
  return async (req: Request, res: Response, next: NextFunction) => {
    const limit = bodyClassFor(req.method, req.path);
    const declaredOver = limit !== null && Number(req.get("content-length") ?? 0) > limit.bytes;
    const refused = declaredOver ? refusedBody(limit.bytes) : null;
    const counted: BodyLimit | null = limit && !declaredOver ? limitBody(req, limit.bytes) : null;
    const overLimit = () => Boolean(counted?.exceeded || refused?.state.tried);
    try {
      const body = refused ? refused.stream : counted ? createReadableStreamFromReadable(counted) : null;
      const request = remixRequest(req, res, body);
      const context = {
        cspNonce: res.locals.cspNonce as string,
        document: req.method === "GET" && !req.path.endsWith(".data"),
        documentHtml: {},
      };
      // A read's loaders share one memo of what no read changes (app/.server/request-memo.ts).
      const reads = req.method === "GET" || req.method === "HEAD";
      let response = await (reads ? withRequestMemo(() => handle(request, context)) : handle(request, context));
      if (overLimit()) return refuseTooLarge(req, res, limit!.bytes);
      if (response.status === 500 && (request as unknown as Record<symbol, unknown>)[OUTAGE_MARK]) response = outageAnswer();
      if (refused) {
        // The unread body stays unread: close the connection once the answer is out.
        res.set("Connection", "close");
        res.on("finish", () => req.destroy());
      }
      await sendRemixResponse(res, response);
    } catch (error) {
      if (overLimit()) return refuseTooLarge(req, res, limit!.bytes);
      next(error);
    }
  };
}
