import { Form, Link, NavLink, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Role } from "~/lib/roles";
import type { loader as rootLoader } from "~/root";
import { LanguageSwitch } from "./LanguageSwitch";

type NavItem = { to: string; key: string; roles?: Role[] };

/** Navigation lists only pages that exist and that the visitor may open. */
const NAV: NavItem[] = [
  { to: "/", key: "nav.home" },
  { to: "/courses", key: "nav.courses" },
  { to: "/quizzes", key: "nav.quizzes", roles: ["mediator", "trainer", "bureau_admin", "sysadmin"] },
  { to: "/exercises", key: "nav.exercises", roles: ["mediator", "trainer", "bureau_admin", "sysadmin"] },
  { to: "/me", key: "nav.me", roles: ["mediator", "trainer", "reviewer", "bureau_admin", "sysadmin"] },
  { to: "/events", key: "nav.events", roles: ["mediator", "trainer", "bureau_admin", "sysadmin"] },
  { to: "/training", key: "nav.training", roles: ["mediator", "trainer", "reviewer", "bureau_admin", "sysadmin"] },
  { to: "/training/verify", key: "nav.verify", roles: ["trainer", "bureau_admin", "sysadmin"] },
  { to: "/grading", key: "nav.grading", roles: ["trainer", "bureau_admin", "sysadmin"] },
  { to: "/roster", key: "nav.roster", roles: ["bureau_admin", "sysadmin"] },
  { to: "/cases", key: "nav.cases", roles: ["bureau_admin", "sysadmin"] },
  { to: "/cases/stats", key: "nav.caseStats", roles: ["bureau_admin", "sysadmin"] },
  { to: "/compliance", key: "nav.compliance", roles: ["bureau_admin", "sysadmin"] },
  { to: "/compliance/policy", key: "nav.policy", roles: ["bureau_admin", "sysadmin"] },
  { to: "/levels/scheme", key: "nav.levels", roles: ["bureau_admin", "sysadmin"] },
  { to: "/admin/users", key: "nav.users", roles: ["bureau_admin", "sysadmin"] },
  { to: "/admin/audit", key: "nav.audit", roles: ["bureau_admin", "sysadmin"] },
];

export function SiteHeader() {
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const user = root?.user ?? null;
  const items = NAV.filter((item) => !item.roles || item.roles.some((r) => user?.roles.includes(r)));
  const linkClass = ({ isActive }: { isActive: boolean }) =>
    `flex min-h-11 items-center whitespace-nowrap rounded px-3 text-sm ${isActive ? "bg-white/15 font-semibold" : "hover:bg-white/10"}`;
  return (
    <header className="bg-brand-700 text-white shadow print:hidden">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-2">
        <Link to="/" className="flex min-h-11 items-center gap-2 text-lg font-bold tracking-wide">
          <span aria-hidden className="grid size-8 place-items-center rounded-full bg-white text-sm font-bold text-brand-700">调</span>
          {t("app.name")}
        </Link>
        <div className="flex items-center gap-2">
          <LanguageSwitch />
          {user ? (
            <Form method="post" action="/logout">
              <button type="submit" className="min-h-11 rounded px-3 text-sm text-brand-100 hover:bg-white/10 hover:text-white" title={t("auth.signedInAs", { name: user.displayName })}>
                {t("nav.logout")}
              </button>
            </Form>
          ) : (
            <Link to="/login" className="flex min-h-11 items-center rounded bg-white px-3 text-sm font-medium text-brand-800 hover:bg-brand-50">
              {t("nav.login")}
            </Link>
          )}
        </div>
        <nav aria-label={t("nav.label")} className="-mx-1 w-full">
          <ul className="flex gap-1 overflow-x-auto">
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === "/" || item.to === "/compliance" || item.to === "/cases"} className={linkClass}>
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
