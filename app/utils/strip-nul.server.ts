import { Transform } from "node:stream";

/**
 * React 18's renderToPipeableStream flushes its whole 2048-byte buffer even when a multi-byte
 * character did not fit at its end, leaking NUL bytes into the HTML (fixed only in React 19,
 * facebook/react#26228). Chinese pages hit this on almost every render. HTML never carries a
 * legitimate NUL, so drop them on the way out.
 */
export function stripNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk);
    },
  });
}
