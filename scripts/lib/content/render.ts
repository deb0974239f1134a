import { createInstance, type i18n as I18n } from "i18next";
import { getMDXComponent } from "mdx-bundler/client";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { mdxComponents } from "../../../app/components/mdx";
import i18n, { supportedLngs } from "../../../app/i18n";
import type { RenderedHtml } from "../../../app/lib/course";

/** One i18next instance per language for the whole build: the components' labels come from the locale files. */
let instances: Promise<[string, I18n][]> | undefined;
function languages() {
  instances ??= Promise.all(
    supportedLngs.map(async (lng) => {
      const instance = createInstance();
      await instance.use(initReactI18next).init({ ...i18n, lng });
      return [lng, instance] as [string, I18n];
    }),
  );
  return instances;
}

/**
 * Renders compiled MDX to static HTML with the real lesson components, once per language. Only the
 * content build runs this: at run time pages insert the HTML, and nothing evaluates MDX.
 * Throws when the code cannot run, e.g. a lesson uses a component that is not in mdxComponents.
 */
export async function renderHtml(code: string): Promise<RenderedHtml> {
  const Component = getMDXComponent(code);
  const html = {} as RenderedHtml;
  for (const [lng, instance] of await languages()) {
    html[lng as keyof RenderedHtml] = renderToStaticMarkup(
      createElement(I18nextProvider, { i18n: instance }, createElement(Component, { components: mdxComponents as never })),
    );
  }
  return html;
}
