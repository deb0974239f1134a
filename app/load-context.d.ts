import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The CSP nonce the Express entry generated for this request. */
    cspNonce?: string;
    /** True when Remix renders a whole document for this request (not a `.data` request of client navigation). */
    document?: boolean;
    /** HTML a loader hands to the document's render only, kept out of the hydration data (app/.server/web/document-html.ts). */
    documentHtml?: Record<string, string>;
  }
}
