import { createContext } from "react";

/**
 * HTML that reached the server's render of a whole document without travelling in the hydration
 * data (app/.server/web/document-html.ts), by slot. Empty in the browser: there the HTML is
 * already in the page, and LessonHtml reads it back from the DOM.
 */
export const DocumentHtmlContext = createContext<Record<string, string>>({});
