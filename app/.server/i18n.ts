import { createCookie } from "@remix-run/node";
import { createInstance, type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { RemixI18Next } from "remix-i18next/server";
import i18n, { fallbackLng, supportedLngs } from "~/i18n";

/** The chosen language, kept for a year. Only the cookie decides: the portal opens in Chinese. */
export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "true",
  maxAge: 60 * 60 * 24 * 365,
});

export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLngs],
    fallbackLanguage: fallbackLng,
    cookie: localeCookie,
    order: ["cookie"],
  },
  i18next: { ...i18n },
});

/**
 * One initialised i18next instance per language, made on first use and shared by every request:
 * the server never changes an instance's language, so sharing is safe and saves an init per page.
 */
const instances = new Map<string, Promise<I18n>>();
export function i18nInstance(lng: string): Promise<I18n> {
  let instance = instances.get(lng);
  if (!instance) {
    const created = createInstance();
    instance = created
      .use(initReactI18next)
      .init({ ...i18n, lng })
      .then(() => created);
    instances.set(lng, instance);
  }
  return instance;
}
