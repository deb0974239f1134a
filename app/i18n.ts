import en from "./locales/en/common.json";
import zhCN from "./locales/zh-CN/common.json";

/** zh-CN is the default; English the second language. Messages are bundled: two small files, no loading round trip. */
export const supportedLngs = ["zh-CN", "en"] as const;
export type Locale = (typeof supportedLngs)[number];
export const fallbackLng: Locale = "zh-CN";
export const defaultNS = "common";

export const resources = {
  "zh-CN": { common: zhCN },
  en: { common: en },
} as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (supportedLngs as readonly string[]).includes(value);
}

export default {
  supportedLngs: [...supportedLngs],
  fallbackLng,
  defaultNS,
  ns: [defaultNS],
  resources,
  interpolation: { escapeValue: false },
  // Only the exact languages we ship: no "zh" or "en-US" lookups on every t() call.
  load: "currentOnly" as const,
  react: { useSuspense: false },
};
