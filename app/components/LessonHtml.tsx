import { useContext, useState } from "react";
import { DocumentHtmlContext } from "~/utils/document-html";

/**
 * Lesson or course text, rendered to HTML on the server from the precompiled MDX. With a `slot`,
 * `html` may be null on a page's first load (app/.server/web/document-html.ts): the server's render
 * takes it from DocumentHtmlContext, and the browser's hydration reads it from the element itself,
 * so it is identical and never blank, even if React has to render the page again on the client.
 */
export function LessonHtml({ html, slot }: { html: string | null; slot?: string }) {
  const fromDocument = useContext(DocumentHtmlContext);
  const [inPage] = useState(() =>
    html === null && slot && typeof document !== "undefined" ? (document.getElementById(slot)?.innerHTML ?? "") : "",
  );
  const shown = html ?? (slot ? fromDocument[slot] : undefined) ?? inPage;
  return <div id={slot} className="lesson-prose" dangerouslySetInnerHTML={{ __html: shown }} />;
}
