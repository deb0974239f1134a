import { Form, Link, NavLink, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { navLabel, visibleGroups, type NavGroup } from "~/lib/nav";
import type { loader as rootLoader } from "~/root";
import { LanguageSwitch } from "./LanguageSwitch";

const linkClass = ({ isActive }: { isActive: boolean }) =>
  `flex min-h-11 items-center whitespace-nowrap rounded px-3 text-sm ${isActive ? "bg-white/15 font-semibold" : "hover:bg-white/10"}`;
const menuLinkClass = ({ isActive }: { isActive: boolean }) =>
  `flex min-h-11 items-center rounded px-3 text-sm ${isActive ? "bg-brand-50 font-semibold text-brand-800" : "text-stone-800 hover:bg-stone-100"}`;

/** A heading's dropdown at desktop width: one per group, closed again by any navigation. */
function GroupMenu({ group }: { group: NavGroup }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const active = group.items.some((i) => pathname === i.to || pathname.startsWith(`${i.to}/`));
  return (
    <details className="group relative">
      <summary
        className={`flex min-h-11 cursor-pointer list-none items-center gap-1 whitespace-nowrap rounded px-3 text-sm hover:bg-white/10 [&::-webkit-details-marker]:hidden ${active ? "bg-white/15 font-semibold" : ""}`}
      >
        {t(`nav.group.${group.key}`)}
        <span aria-hidden className="text-xs transition group-open:rotate-180">
          ▾
        </span>
      </summary>
      <ul className="absolute left-0 z-40 mt-1 min-w-44 rounded-md bg-white p-1 shadow-lg ring-1 ring-stone-200">
        {group.items.map((item) => (
          <li key={item.id}>
            <NavLink to={item.to} end={item.to === "/compliance" || item.to === "/courses"} className={menuLinkClass}>
              {t(navLabel(item.id))}
            </NavLink>
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * The site header: who is signed in and in which unit, unread messages, and the menu grouped by
 * role — only what the person's grants allow (the root loader decides from the permission table).
 * Phones get one 菜单 panel; from 1024 px each group is a dropdown, so nothing runs off the edge.
 */
export function SiteHeader() {
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const user = root?.user ?? null;
  const groups = user?.nav ? visibleGroups(user.nav) : [];
  const ref = useRef<HTMLElement>(null);
  const location = useLocation();
  // A link followed inside an open menu: close every open menu.
  useEffect(() => {
    ref.current?.querySelectorAll("details[open]").forEach((d) => d.removeAttribute("open"));
  }, [location.key]);
  const home = user ? "nav.workspace" : "nav.home";
  return (
    <header ref={ref} className="bg-brand-700 text-white shadow print:hidden">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-3 gap-y-1 px-4 py-2">
        <Link to="/" className="flex min-h-11 items-center gap-2 text-lg font-bold tracking-wide">
          <span aria-hidden className="grid size-8 shrink-0 place-items-center rounded-full bg-white text-sm font-bold text-brand-700">
            调
          </span>
          {t("app.name")}
        </Link>
        <div className="flex items-center gap-1">
          {user?.nav ? (
            <Link
              to="/notifications"
              className="flex min-h-11 items-center gap-1 rounded px-2 text-sm hover:bg-white/10"
              aria-label={t("nav.unread", { count: user.unread })}
            >
              <span aria-hidden>✉</span>
              {user.unread > 0 ? (
                <span className="rounded-full bg-amber-400 px-1.5 text-xs font-bold text-amber-950">
                  {user.unread > 99 ? "99+" : user.unread}
                </span>
              ) : null}
            </Link>
          ) : null}
          <LanguageSwitch />
          {user ? (
            <Form method="post" action="/logout">
              <button type="submit" className="min-h-11 rounded px-3 text-sm text-brand-100 hover:bg-white/10 hover:text-white">
                {t("nav.logout")}
              </button>
            </Form>
          ) : (
            <Link
              to="/login"
              className="flex min-h-11 items-center rounded bg-white px-3 text-sm font-medium text-brand-800 hover:bg-brand-50"
            >
              {t("nav.login")}
            </Link>
          )}
        </div>
        {user ? (
          <p className="w-full truncate text-xs text-brand-100" data-testid="signed-in-as">
            {/* The account page (password, grants) is reachable for everyone from their name. */}
            <Link to="/me" className="hover:underline" title={t("nav.account")}>
              {t("nav.signedInAs", { name: user.displayName, units: user.units.join("、") || t("nav.noUnit") })}
            </Link>
          </p>
        ) : null}
        {/* A user who must first change a one-time password has nowhere else to go: no menu. */}
        {user && !user.nav ? null : (
          <nav aria-label={t("nav.label")} className="-mx-1 w-full">
            {/* Phones and tablets: one panel with every group. */}
            <details className="lg:hidden">
              <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2 rounded px-3 text-sm font-medium hover:bg-white/10 [&::-webkit-details-marker]:hidden">
                <span aria-hidden>☰</span>
                {t("nav.menu")}
              </summary>
              <div className="mt-1 space-y-3 rounded-md bg-white p-3 text-stone-800 shadow-lg">
                <NavLink to="/" end className={menuLinkClass}>
                  {t(home)}
                </NavLink>
                {groups.map((g) => (
                  <section key={g.key}>
                    <h2 className="px-3 text-xs font-semibold text-stone-500">{t(`nav.group.${g.key}`)}</h2>
                    <ul className="grid grid-cols-2 gap-1">
                      {g.items.map((item) => (
                        <li key={item.id}>
                          <NavLink to={item.to} end={item.to === "/compliance" || item.to === "/courses"} className={menuLinkClass}>
                            {t(navLabel(item.id))}
                          </NavLink>
                        </li>
                      ))}
                    </ul>
                  </section>
                ))}
                {!groups.length && !user ? (
                  <NavLink to="/courses" className={menuLinkClass}>
                    {t("nav.courses")}
                  </NavLink>
                ) : null}
              </div>
            </details>
            {/* Desktop: a dropdown per group. */}
            <ul className="hidden items-center gap-1 lg:flex">
              <li>
                <NavLink to="/" end className={linkClass}>
                  {t(home)}
                </NavLink>
              </li>
              {user ? (
                groups.map((g) => (
                  <li key={g.key}>
                    <GroupMenu group={g} />
                  </li>
                ))
              ) : (
                <li>
                  <NavLink to="/courses" className={linkClass}>
                    {t("nav.courses")}
                  </NavLink>
                </li>
              )}
            </ul>
          </nav>
        )}
      </div>
    </header>
  );
}
