import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { roundsForAdmin } from "~/.server/rounds/overview";
import { requireAccess } from "~/.server/web/guards";
import { APPLICATION_STAGES } from "~/lib/rounds";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("roundApply.title");

/** Bureau admins: the rounds they run (opened in their subtree) and those they review in (opened above them). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scopes } = await requireAccess(request, "round:manage");
  return { rounds: await roundsForAdmin(scopes) };
}

export default function Rounds() {
  const { t } = useTranslation();
  const { rounds } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold text-brand-800">{t("roundApply.title")}</h1>
        <Link to="/rounds/new" className="flex min-h-11 items-center rounded-md bg-brand-700 px-4 font-medium text-white">
          {t("roundApply.new")}
        </Link>
      </div>
      <p className="text-sm text-stone-600">{t("roundApply.intro")}</p>
      {rounds.length === 0 ? <p className="text-stone-600">{t("roundApply.empty")}</p> : null}
      <ul className="space-y-2">
        {rounds.map((r) => (
          <li key={r.id} className="rounded-lg bg-white p-3 ring-1 ring-stone-200">
            <Link to={r.manages ? `/rounds/${r.id}` : `/rounds/${r.id}/prereview`} className="font-medium text-brand-700 underline">
              {r.title}
            </Link>
            <p className="text-sm text-stone-600">
              {r.node} · {r.levels.join("、")} · {t(`round.state.${r.state}`)} · {t("roundApply.untilValue", { date: r.applicationsUntil })}
            </p>
            <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-stone-600">
              {APPLICATION_STAGES.map((s) => (
                <span key={s}>
                  {t(`round.stage.${s}`)} {r.stages[s]}
                </span>
              ))}
            </p>
            {r.manages ? null : <p className="mt-1 text-xs text-stone-500">{t("roundApply.reviewOnly")}</p>}
          </li>
        ))}
      </ul>
    </div>
  );
}
