import { i18nInstance, i18next } from "../i18n";
import { RETRY_AFTER_SECONDS, isDatabaseOutage } from "../db/outage";

/**
 * During a database outage a page answers 503 "服务暂时不可用，请稍后重试" with Retry-After,
 * not the generic 500. Remix hands every loader or action error to entry.server's handleError
 * (with the request) before it renders; noteError() remembers there that this request met an
 * outage, and the document or data answer is then replaced (outageDocument, outageData). Nothing
 * is kept between requests: the next one tries the database again, so the app recovers by itself
 * once it is back.
 */
/**
 * The mark is a property under a registered symbol, so the Express side (server/remix-handler.ts,
 * which made the request) can read it too: it turns a resource route's 500 (an export, a
 * download) into the same 503.
 */
export const OUTAGE_MARK = Symbol.for("mediator-academy.database-outage");
type Marked = Request & { [OUTAGE_MARK]?: true };

export function noteError(error: unknown, request: Request) {
  if (isDatabaseOutage(error)) (request as Marked)[OUTAGE_MARK] = true;
}

export const metOutage = (request: Request) => (request as Marked)[OUTAGE_MARK] === true;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * A plain, script-free page in the visitor's language (the language comes from its cookie, not the
 * database), styled with the app's own stylesheet.
 */
export async function outageDocument(request: Request, stylesheets: string[]): Promise<Response> {
  const lng = await i18next.getLocale(request);
  const { t } = await i18nInstance(lng);
  const title = t("error.unavailable.title");
  const links = stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join("");
  const path = new URL(request.url).pathname;
  const html =
    `<!DOCTYPE html><html lang="${escapeHtml(lng)}" class="h-full"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · ${escapeHtml(t("app.name"))}</title>${links}</head>` +
    `<body class="flex min-h-full flex-col"><main id="main" class="mx-auto w-full max-w-5xl flex-1 px-4 py-6 sm:py-10">` +
    `<section class="mx-auto max-w-xl py-10 text-center">` +
    `<p class="text-sm font-medium text-stone-500">${escapeHtml(t("error.status", { status: 503 }))}</p>` +
    `<h1 class="mt-2 text-2xl font-bold text-stone-900">${escapeHtml(title)}</h1>` +
    `<p class="mt-4 text-stone-700">${escapeHtml(t("error.unavailable.text"))}</p>` +
    `<a href="${escapeHtml(request.method === "GET" ? path : "/")}" class="mt-8 inline-block rounded-md bg-brand-700 px-5 py-3 font-medium text-white hover:bg-brand-800">${escapeHtml(t("error.unavailable.retry"))}</a>` +
    `</section></main></body></html>`;
  return new Response(html, { status: 503, headers: outageHeaders("text/html; charset=utf-8") });
}

export function outageHeaders(contentType?: string): Headers {
  const headers = new Headers({ "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" });
  if (contentType) headers.set("Content-Type", contentType);
  return headers;
}

/**
 * A client-side navigation's data request (GET …data) during an outage: a full-document reload of
 * the same page, which then gets the 503 page above. A POST (a form or an autosave) keeps its
 * answer, now with status 503 and Retry-After, so the page the user typed into stays as it is.
 */
export function outageData(request: Request, response: Response): Response {
  if (request.method === "GET") {
    const url = new URL(request.url);
    url.pathname = url.pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/");
    url.searchParams.delete("_routes");
    const headers = outageHeaders();
    headers.set("Location", `${url.pathname}${url.search}`);
    headers.set("X-Remix-Reload-Document", "true");
    return new Response(null, { status: 302, headers });
  }
  const headers = new Headers(response.headers);
  for (const [name, value] of outageHeaders()) headers.set(name, value);
  return new Response(response.body, { status: 503, headers });
}
