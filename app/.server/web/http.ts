import type { Readable } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";

/**
 * A file download response with a UTF-8 file name (RFC 6266/5987: an ASCII fallback, then the
 * name itself), never cached by proxies, never sniffed as another type than the one given.
 */
export function download(body: Buffer | Readable, filename: string, contentType: string): Response {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  // A stream is sent as it is written (chunked), so a province's export never sits in memory whole.
  return new Response(Buffer.isBuffer(body) ? new Uint8Array(body) : createReadableStreamFromReadable(body), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(filename)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** RFC 5987 value-chars: encodeURIComponent leaves ' ( ) * unescaped, which the attr-char set does not allow. */
const encodeRfc5987 = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
