import { Link, NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "./LanguageSwitch";

/** Navigation lists only pages that exist; each issue adds its own link here. */
const NAV = [{ to: "/", key: "nav.home" }] as const;

export function SiteHeader() {
  const { t } = useTranslation();
  return (
    <header className="bg-brand-700 text-white shadow">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-2">
        <Link to="/" className="flex min-h-11 items-center gap-2 text-lg font-bold tracking-wide">
          <span aria-hidden className="grid size-8 place-items-center rounded-full bg-white text-sm font-bold text-brand-700">调</span>
          {t("app.name")}
        </Link>
        <LanguageSwitch />
        <nav aria-label={t("nav.label")} className="w-full sm:order-none sm:w-auto">
          <ul className="flex gap-1 overflow-x-auto">
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end
                  className={({ isActive }) =>
                    `flex min-h-11 items-center rounded px-3 text-sm ${isActive ? "bg-white/15 font-semibold" : "hover:bg-white/10"}`
                  }
                >
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}
