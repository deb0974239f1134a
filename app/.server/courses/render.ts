import { getMDXComponent } from "mdx-bundler/client";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { mdxComponents } from "~/components/mdx";
import { i18nInstance } from "../i18n";

/**
 * Lessons are static text: each compiled lesson is turned into a component (memoised
 * getMDXComponent) and rendered to HTML once per language and process, then served as is.
 * No request renders MDX, and the browser never evaluates lesson code.
 */
const cache = new Map<string, string>();
const MAX_ENTRIES = 400;

export async function renderMdx(code: string, lng: string): Promise<string> {
  const key = `${lng}\0${code}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const Component = getMDXComponent(code);
  const html = renderToStaticMarkup(
    createElement(I18nextProvider, { i18n: await i18nInstance(lng) }, createElement(Component, { components: mdxComponents as never })),
  );
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, html);
  return html;
}
