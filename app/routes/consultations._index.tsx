import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/.server/access";
import { myConsultations } from "~/.server/experts/consultations";
import { requireAccess } from "~/.server/web/guards";
import { DateTime } from "~/components/DateTime";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("experts.consult.title");

/** 专家咨询: the threads the user asked, and those addressed to the expert their account is linked to. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAccess(request, "consultation:read");
  return { rows: await myConsultations(user.id), mayAsk: can(user, "consultation:ask") };
}

export default function Consultations() {
  const { t } = useTranslation();
  const { rows, mayAsk } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold text-brand-800">{t("experts.consult.heading")}</h1>
        {mayAsk ? (
          <Link to="/consultations/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white">
            {t("experts.consult.ask")}
          </Link>
        ) : null}
      </header>
      {rows.length === 0 ? (
        <p className="text-stone-600">{t("experts.consult.none")}</p>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200">
          {rows.map((r) => (
            <li key={r.id} className="p-3 text-sm">
              <Link to={`/consultations/${r.id}`} className="font-medium text-brand-700 underline">
                {r.subject}
              </Link>
              <p className="text-stone-600">
                {r.asExpert ? t("experts.consult.toMe") : t("experts.consult.toExpert", { name: r.expert })} ·{" "}
                {t(`experts.status.${r.status}`)}
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
