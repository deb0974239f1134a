import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { i18nInstance, i18next } from "~/.server/i18n";
import { closeSequelize } from "~/.server/db/connection";
import { startBackgroundWork, stopBackgroundWork } from "~/.server/jobs/background";
import { sharePublicPageVersions } from "~/.server/public-pages";
import { metOutage, noteError, outageData, outageDocument } from "~/.server/web/outage";
import { NonceProvider } from "~/utils/nonce";
import { DocumentHtmlContext } from "~/utils/document-html";
import { collectDocument } from "~/utils/strip-nul.server";

const ABORT_DELAY = 5_000;

startBackgroundWork();
sharePublicPageVersions();

/** Called by the server's graceful shutdown (server/shutdown.ts) once no request is in flight: the build's own pool. */
export async function closeResources() {
  await stopBackgroundWork();
  await closeSequelize();
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // A loader or action met a database outage: the 503 page, not the generic error page.
  if (metOutage(request)) return outageDocument(request, remixContext.manifest.routes.root?.css ?? []);
  const nonce = loadContext.cspNonce ?? "";
  const instance = await i18nInstance(await i18next.getLocale(request));

  // Our loaders never defer data, so streaming the shell early gains nothing: the whole document is
  // rendered first and sent as one buffer (one socket write, a Content-Length, no chunked encoding).
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // Set after the render starts (it aborts that render); the callbacks above it clear it.
    // eslint-disable-next-line prefer-const
    let timer: NodeJS.Timeout | undefined;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <DocumentHtmlContext.Provider value={loadContext.documentHtml ?? {}}>
          <I18nextProvider i18n={instance}>
            <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
          </I18nextProvider>
        </DocumentHtmlContext.Provider>
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          shellRendered = true;
          clearTimeout(timer);
          const body = collectDocument((html) => {
            responseHeaders.set("Content-Type", "text/html; charset=utf-8");
            responseHeaders.set("Content-Length", String(html.byteLength));
            resolve(
              new Response(new Uint8Array(html.buffer as ArrayBuffer, html.byteOffset, html.byteLength), {
                headers: responseHeaders,
                status: responseStatusCode,
              }),
            );
          }, reject);
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    timer = setTimeout(abort, ABORT_DELAY);
  });
}

/** A client-side navigation or form post that met a database outage: see web/outage.ts. */
export function handleDataRequest(response: Response, { request }: { request: Request }) {
  return metOutage(request) ? outageData(request, response) : response;
}

/** Logs unexpected errors on the server; the browser only ever sees the translated error page. */
export function handleError(error: unknown, { request }: { request: Request }) {
  noteError(error, request);
  if (request.signal.aborted) return;
  // A URL that matches no route is the visitor's mistake, answered with the 404 page: no stack trace.
  if (isRouteErrorResponse(error) && error.status === 404) return;
  if (error instanceof Error && error.message.startsWith("No route matches URL")) return;
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
}
