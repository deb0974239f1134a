import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { consultationsInScopes } from "~/.server/experts/consultations";
import { requireAccess } from "~/.server/web/guards";
import { DateTime } from "~/components/DateTime";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("experts.oversee.title");

/** Bureau admins over a pool: its consultation threads — subject, committee, expert, status, dates — never their contents. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scopes } = await requireAccess(request, "consultation:oversee");
  return { rows: await consultationsInScopes(scopes) };
}

export default function ConsultationOversight() {
  const { t } = useTranslation();
  const { rows } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <Link to="/experts/admin" className="text-sm text-brand-700 underline">
        {t("experts.admin.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("experts.oversee.heading")}</h1>
      <p className="text-sm text-stone-600">{t("experts.oversee.intro")}</p>
      {rows.length === 0 ? (
        <p className="text-stone-600">{t("experts.consult.none")}</p>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200">
          {rows.map((r) => (
            <li key={r.id} className="p-3 text-sm">
              <p className="font-medium">{r.subject}</p>
              <p className="text-stone-600">
                {r.committee} → {r.expert}（{t(`experts.field.${r.field}`)}，{r.pool}） · {t(`experts.status.${r.status}`)}
              </p>
              <p className="text-stone-500">
                <DateTime value={r.lastMessageAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
