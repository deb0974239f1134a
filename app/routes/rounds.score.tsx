import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { scoringQueue } from "~/.server/rounds/panel";
import { requireAccess } from "~/.server/web/guards";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("roundPanel.queue.title");

/** A panel member's applications to score, over every round they sit on (the menu's 等级评审打分). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAccess(request, "application:score");
  return await scoringQueue(user.id);
}

export default function ScoringQueue() {
  const { t } = useTranslation();
  const { rows, withheld } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t("roundPanel.queue.title")}</h1>
      <p className="text-sm text-stone-600">{t("roundPanel.queue.hint")}</p>
      {rows.length === 0 ? <p className="text-stone-600">{t("roundPanel.queue.empty")}</p> : null}
      <QueueList rows={rows} />
      {withheld ? <p className="text-sm text-stone-600">{t("roundPanel.queue.withheld", { count: withheld })}</p> : null}
    </div>
  );
}

export function QueueList({ rows }: { rows: { id: number; name: string; committee: string; level: string; myTotal: number | null }[] }) {
  const { t } = useTranslation();
  if (!rows.length) return null;
  return (
    <ul className="divide-y divide-stone-200 rounded-lg bg-white ring-1 ring-stone-200">
      {rows.map((r) => (
        <li key={r.id} className="p-3">
          <Link to={`/applications/${r.id}/score`} className="font-medium text-brand-700 underline">
            {r.name}
          </Link>
          <span className="ml-2 rounded bg-stone-100 px-2 text-xs">
            {r.myTotal === null ? t("roundPanel.queue.notYet") : t("roundPanel.queue.mine", { total: r.myTotal })}
          </span>
          <p className="text-sm text-stone-600">{r.committee}</p>
        </li>
      ))}
    </ul>
  );
}
