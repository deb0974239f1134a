import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { findRound } from "~/.server/rounds/rounds";
import { requireAccess } from "~/.server/web/guards";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("roundPanel.admin.title", "round.title");

/** A round's admin links: the panel, decisions, the announcement and objections, finalising. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = await requireAccess(request, "round:manage", () => findRound(params.id));
  return { round: { id: target.id, title: target.title, state: target.state } };
}

export default function RoundAdmin() {
  const { t } = useTranslation();
  const { round } = useLoaderData<typeof loader>();
  const links = [
    ["panel", `/rounds/${round.id}/panel`],
    ["decisions", `/rounds/${round.id}/decisions`],
    ["announcement", `/announcements/${round.id}`],
    ["objections", `/rounds/${round.id}/objections`],
    ["finalise", `/rounds/${round.id}/finalise`],
  ] as const;
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-xl font-bold text-brand-800">{round.title}</h1>
        <p className="text-sm text-stone-600">{t("roundPanel.admin.state", { state: t(`round.state.${round.state}`) })}</p>
        <p className="text-sm text-stone-600">{t("roundPanel.admin.hint")}</p>
      </header>
      {/* round links: panel, decisions, announcement, objections, finalise */}
      <ul className="divide-y divide-stone-200 rounded-lg bg-white ring-1 ring-stone-200">
        {links.map(([key, to]) => (
          <li key={key}>
            <Link to={to} className="block min-h-11 p-3 font-medium text-brand-700 underline">
              {t(`roundPanel.links.${key}`)}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
