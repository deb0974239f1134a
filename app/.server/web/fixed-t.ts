import { i18nInstance, i18next } from "../i18n";

/** The request's language's `t`, from the shared instance (remix-i18next's getFixedT makes a new instance per call). */
export async function fixedT(request: Request) {
  const instance = await i18nInstance(await i18next.getLocale(request));
  return instance.t;
}
