import { fallbackLng, isLocale } from "~/i18n";
import type { RenderedHtml } from "~/lib/course";

/**
 * A lesson's or course introduction's HTML in the reader's language. The content build rendered
 * it (scripts/lib/content/render.ts, with the lesson components) and the catalog holds it in
 * memory: no request evaluates MDX or renders a lesson component, and the browser only inserts
 * the HTML (our own build output), so the CSP needs no 'unsafe-eval'.
 */
export const htmlIn = (html: RenderedHtml, lng: string): string => html[isLocale(lng) ? lng : fallbackLng];
