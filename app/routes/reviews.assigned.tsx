import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { assignedTo } from "~/.server/reviews/items";
import { requireAccess } from "~/.server/web/guards";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("review.assignedTitle");

/** A reviewer's (or trainer's) sampled files, the ones waiting for a score first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAccess(request, "review:score");
  return { items: await assignedTo(user.id) };
}

export default function AssignedReviews() {
  const { t } = useTranslation();
  const { items } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t("review.assignedTitle")}</h1>
      <p className="text-sm text-stone-600">{t("review.assignedHint")}</p>
      {items.length === 0 ? <p className="text-stone-600">{t("review.assignedEmpty")}</p> : null}
      <ul className="divide-y divide-stone-200 rounded-lg bg-white ring-1 ring-stone-200">
        {items.map((i) => (
          <li key={i.id} className="p-3">
            <Link to={`/reviews/items/${i.id}/score`} className="font-medium text-brand-700 underline">
              {i.fileNo}
            </Link>
            <span className="ml-2 rounded bg-stone-100 px-2 text-xs">{t(`review.stage.${i.stage}`)}</span>
            {i.score !== null ? <span className="ml-2 text-sm">{t("review.scoreValue", { score: i.score })}</span> : null}
            <p className="text-sm text-stone-600">
              {i.committee} · {i.review} ·{" "}
              {i.reviewState === "open" ? t("review.deadlineValue", { date: i.deadline }) : t("review.state.closed")}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
