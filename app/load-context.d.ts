import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The CSP nonce the Express entry generated for this request. */
    cspNonce?: string;
  }
}
