/** Lesson or course text, rendered to HTML on the server from the precompiled MDX. */
export function LessonHtml({ html }: { html: string }) {
  return <div className="lesson-prose" dangerouslySetInnerHTML={{ __html: html }} />;
}
