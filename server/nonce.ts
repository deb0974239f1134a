import crypto from "node:crypto";

const NONCE_BYTES = 16;
const POOL_NONCES = 256;

/**
 * A fresh 128-bit CSP nonce (base64) per response. Entropy is drawn from the OS in batches of 256
 * nonces, as Node does for randomUUID(): one getrandom call per request cost more than the rest
 * of a /healthz answer. Each nonce is used once; the pool is refilled when it runs out.
 */
export function createNonceSource(fill: (buffer: Buffer) => void = (buffer) => crypto.randomFillSync(buffer)) {
  const pool = Buffer.alloc(NONCE_BYTES * POOL_NONCES);
  let offset = pool.length;
  return function nextNonce(): string {
    if (offset === pool.length) {
      fill(pool);
      offset = 0;
    }
    const nonce = pool.toString("base64", offset, offset + NONCE_BYTES);
    offset += NONCE_BYTES;
    return nonce;
  };
}
