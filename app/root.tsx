import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useLocation,
  useRouteError,
} from "@remix-run/react";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { headerData } from "~/.server/web/header";
import { localeOf, titled } from "~/lib/meta";
import { ErrorPage } from "~/components/ErrorPage";
import { SiteFooter } from "~/components/SiteFooter";
import { SiteHeader } from "~/components/SiteHeader";
import { useNonce } from "~/utils/nonce";
import "./tailwind.css";
import { TimeZoneContext } from "~/utils/time-zone";

export const links: LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

/** Autosaves (a form field autosave=1, e.g. a quiz answer) change nothing any loader shows: no revalidation. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("autosave") === "1" ? false : defaultShouldRevalidate;

/** Public: the language, and the signed-in user's header (name, units, menu, unread count). */
export const loader = ({ request }: LoaderFunctionArgs) => headerData(request);

/** Every page names itself (pageTitle in ~/lib/meta); this is the title of a page that does not. */
export const meta: MetaFunction<typeof loader> = ({ matches }) => [titled(localeOf(matches), null)];

export const handle = { i18n: "common" };

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const { t, i18n } = useTranslation();
  return (
    <html lang={i18n.language} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          {t("app.skipToContent")}
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 sm:py-10">
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * A form posted to an index route (开通账号 on a roster entry) leaves "?index" in the address bar,
 * where it would be bookmarked or shared: drop it from the bar (React Router's own state is kept).
 */
function useCleanIndexParam() {
  const location = useLocation();
  useEffect(() => {
    const url = new URL(window.location.href);
    if (url.searchParams.get("index") !== "") return;
    url.searchParams.delete("index");
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  }, [location]);
}

export default function App() {
  const { locale, timeZone } = useLoaderData<typeof loader>();
  useChangeLanguage(locale);
  useCleanIndexParam();
  // Marks the document once React has taken it over (browser tests wait for it before typing).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <TimeZoneContext.Provider value={timeZone}>
      <Outlet />
    </TimeZoneContext.Provider>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // A 400 says why as a locale key (app/.server/web/form.ts badRequest); ErrorPage shows only keys it knows.
  const reason = isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : undefined;
  return <ErrorPage status={status} reason={reason} />;
}
