import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { supportedLngs } from "~/i18n";

/** A plain form per language: works without JavaScript, and the choice is kept in a cookie. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const back = location.pathname + location.search;
  return (
    <Form method="post" action="/language" className="flex items-center gap-1" aria-label={t("language.switchTo")}>
      <input type="hidden" name="redirectTo" value={back} />
      {supportedLngs.map((lng) => {
        const active = i18n.language === lng;
        return (
          <button
            key={lng}
            type="submit"
            name="lng"
            value={lng}
            lang={lng}
            aria-pressed={active}
            className={`min-h-11 rounded px-3 text-sm ${active ? "bg-white/20 font-semibold text-white" : "text-brand-100 hover:bg-white/10 hover:text-white"}`}
          >
            {t(`language.${lng}`)}
          </button>
        );
      })}
    </Form>
  );
}
