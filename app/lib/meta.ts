import type { MetaDescriptor, MetaFunction } from "@remix-run/node";
import { fallbackLng, isLocale, resources } from "~/i18n";

type Tree = { [key: string]: string | Tree | string[] };

/** A message by key in the language the root loader chose (meta runs outside React, so no hook). */
export function message(locale: unknown, key: string): string {
  const lng = isLocale(locale) ? locale : fallbackLng;
  const found = key
    .split(".")
    .reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Tree)[part] : undefined), resources[lng].common);
  return typeof found === "string" ? found : key;
}

/** The language the root loader chose, from a meta function's matches. */
export const localeOf = (matches: readonly { id: string; data: unknown }[]) =>
  (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale;

const pick = (data: unknown, path: string): string | undefined => {
  const v = path
    .split(".")
    .reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), data);
  return typeof v === "string" && v ? v : undefined;
};

/** "页面名 · 调解员学院". */
export const titled = (locale: unknown, page: string | null): MetaDescriptor => ({
  title: page ? `${page} · ${message(locale, "app.name")}` : message(locale, "app.name"),
});

/**
 * A page's `<title>`: the message `key`, or — when `fromData` names a string in the loader data
 * ("event.title") — that record's own name, falling back to the message.
 */
export function pageTitle(key: string, fromData?: string, extra: MetaDescriptor[] = []): MetaFunction {
  return ({ data, matches }) => {
    const locale = localeOf(matches);
    const name = (fromData && pick(data, fromData)) || message(locale, key);
    return [titled(locale, name), ...extra];
  };
}
