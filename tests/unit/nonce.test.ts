import { createNonceSource } from "../../server/nonce";

describe("CSP nonces", () => {
  it("hands out 128-bit base64 nonces, never the same one twice, across pool refills", () => {
    const next = createNonceSource();
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const nonce = next();
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
      seen.add(nonce);
    }
    expect(seen.size).toBe(1000);
  });

  it("draws fresh entropy for every batch of 256", () => {
    let fills = 0;
    const next = createNonceSource((buffer) => {
      fills++;
      buffer.fill(fills);
    });
    const first = next();
    for (let i = 1; i < 256; i++) next();
    expect(fills).toBe(1);
    expect(next()).not.toBe(first);
    expect(fills).toBe(2);
  });
});
