import fs from "node:fs";
import path from "node:path";
import { Transform, type Readable, type TransformCallback } from "node:stream";
import type { Request, Response } from "express";

const KiB = 1024;
const MiB = 1024 * KiB;

/** The documented maxima (app/lib/training-log.ts, app/.server/events/materials.ts, app/.server/roster/sheet.ts); a test keeps them equal. */
export const UPLOAD_FILE_BYTES = 10 * MiB;
export const UPLOAD_MAX_FILES = 5;
export const EVENT_MAX_MATERIALS = 10;
export const ROSTER_IMPORT_BYTES = 10 * MiB;
/** Room for the form fields and multipart headers beside the files. */
const SLACK = 1 * MiB;

export type BodyClass = { name: string; pattern: RegExp; bytes: number };

/**
 * Request-body limits by route class, checked at the server before any route code runs and on the
 * bytes actually received (chunked bodies too, whatever Content-Length says). The first class
 * whose pattern matches the path (with or without Remix's ".data" suffix) applies.
 */
export const BODY_CLASSES: BodyClass[] = [
  { name: "sign-in", pattern: /^\/(?:login|logout|language|account\/password)(?:\.data)?$/, bytes: 16 * KiB },
  { name: "roster import", pattern: /^\/roster\/import(?:\.data)?$/, bytes: ROSTER_IMPORT_BYTES + SLACK },
  { name: "event materials", pattern: /^\/events\/\d+\/materials(?:\.data)?$/, bytes: EVENT_MAX_MATERIALS * UPLOAD_FILE_BYTES + SLACK },
  {
    name: "uploads",
    pattern: /^\/(?:training\/logs\/(?:new|\d+)|exercises\/(?:new|\d+))(?:\.data)?$/,
    bytes: UPLOAD_MAX_FILES * UPLOAD_FILE_BYTES + SLACK,
  },
  // A room's application: a photo and a logo (app/.server/rooms/images.ts), each at most one upload's size.
  { name: "room images", pattern: /^\/rooms\/(?:apply|manage\/\d+)(?:\.data)?$/, bytes: 2 * UPLOAD_FILE_BYTES + SLACK },
  { name: "forms", pattern: /^/, bytes: 512 * KiB },
];

/** The class for a request that may carry a body; null for GET, HEAD and OPTIONS. */
export function bodyClassFor(method: string, pathname: string): BodyClass | null {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return null;
  return BODY_CLASSES.find((c) => c.pattern.test(pathname)) ?? null;
}

export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/** Passes the body on while counting it; fails (and stops reading) once more than `limit` bytes came. */
export class BodyLimit extends Transform {
  received = 0;
  exceeded = false;
  constructor(readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.received += chunk.length;
    if (this.received > this.limit) {
      this.exceeded = true;
      callback(new BodyTooLargeError(this.limit));
      return;
    }
    callback(null, chunk);
  }
}

/** The request body through a BodyLimit; an error there never reaches the request itself. */
export function limitBody(source: Readable, limit: number): BodyLimit {
  const counted = new BodyLimit(limit);
  source.on("error", (error) => counted.destroy(error));
  source.pipe(counted);
  return counted;
}

const texts = (() => {
  const read = (lng: string) => {
    try {
      // Started from the project folder (npm start); elsewhere the built-in wording below is used.
      const file = path.resolve(process.cwd(), "app/locales", lng, "common.json");
      const json = JSON.parse(fs.readFileSync(file, "utf8")) as {
        error?: { bodyTooLarge?: { title: string; text: string; back: string } };
      };
      return json.error?.bodyTooLarge;
    } catch {
      return undefined;
    }
  };
  return {
    "zh-CN": read("zh-CN") ?? { title: "提交的内容太大", text: "上限 {{size}}。", back: "返回首页" },
    en: read("en") ?? { title: "What you sent is too large", text: "The limit is {{size}}.", back: "Back to the home page" },
  };
})();

/** The language the visitor chose (the "lng" cookie Remix writes: base64 of a JSON string). */
function languageOf(req: Request): "zh-CN" | "en" {
  const raw = /(?:^|;\s*)lng=([^;]*)/.exec(req.headers.cookie ?? "")?.[1];
  if (!raw) return "zh-CN";
  try {
    return JSON.parse(Buffer.from(decodeURIComponent(raw), "base64").toString("utf8")) === "en" ? "en" : "zh-CN";
  } catch {
    return "zh-CN";
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/**
 * 413 with a short translated page, and the connection closed afterwards so the rest of an
 * oversized body is never kept. The socket is half-closed and what the client still sends is
 * discarded for at most LINGER_MS (a lingering close, as web servers do): destroying it at once
 * would reset the connection, and a client still writing could lose the 413 before reading it.
 */
const LINGER_MS = 2000;
export function refuseTooLarge(req: Request, res: Response, limit: number) {
  const lng = languageOf(req);
  const t = texts[lng];
  const size = limit < MiB ? `${Math.round(limit / KiB)} KB` : `${Math.round((limit / MiB) * 10) / 10} MB`;
  const html =
    `<!DOCTYPE html><html lang="${lng}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(t.title)}</title></head><body><main><h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.text.replace("{{size}}", size))}</p>` +
    `<p><a href="/">${escapeHtml(t.back)}</a></p></main></body></html>`;
  res.on("finish", () => {
    req.resume();
    req.socket.end();
    setTimeout(() => req.destroy(), LINGER_MS).unref();
  });
  if (res.headersSent) {
    res.end();
    return;
  }
  res.status(413).set({ Connection: "close", "Cache-Control": "no-store", "Content-Type": "text/html; charset=utf-8" }).send(html);
}
