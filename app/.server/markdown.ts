import MarkdownIt from "markdown-it";

/**
 * Markdown written by users (exercise briefs, submissions) as HTML. Raw HTML in the text is shown
 * as text, never interpreted, and markdown-it refuses javascript:, vbscript: and data: links.
 */
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });

export function renderMarkdown(markdown: string): string {
  return md.render(markdown);
}
