import type { AppLoadContext } from "@remix-run/node";

/**
 * Large server-rendered HTML (a lesson's text, ~40 KB) is sent once, not twice. Loader data is
 * rendered into the document and then serialised into it again for hydration; for a document
 * request this hands the HTML to the render only (through the load context and
 * DocumentHtmlContext) and returns null for the loader data, and the component takes it back from
 * the DOM while hydrating. A client-side navigation's `.data` request gets the HTML in its data.
 */
export function htmlOnceInDocument(context: AppLoadContext | undefined, slot: string, html: string): string | null {
  if (!context?.document || !context.documentHtml) return html;
  context.documentHtml[slot] = html;
  return null;
}
