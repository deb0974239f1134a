import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { committeeQueue } from "~/.server/reviews/items";
import { listReviews } from "~/.server/reviews/reviews";
import { requireAccess } from "~/.server/web/guards";
import { REVIEW_STAGES } from "~/lib/case-review";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("review.title");

/** Bureau admins: the reviews opened in their subtree, and the sampled files of their committees that wait for them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scopes } = await requireAccess(request, "review:manage");
  return { reviews: await listReviews(scopes), queue: await committeeQueue(scopes) };
}

export default function Reviews() {
  const { t } = useTranslation();
  const { reviews, queue } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold text-brand-800">{t("review.title")}</h1>
        <Link to="/reviews/new" className="flex min-h-11 items-center rounded-md bg-brand-700 px-4 font-medium text-white">
          {t("review.new")}
        </Link>
      </div>
      <p className="text-sm text-stone-600">{t("review.intro")}</p>
      <section className="space-y-2" aria-labelledby="reviews">
        <h2 id="reviews" className="font-semibold">
          {t("review.list")}
        </h2>
        {reviews.length === 0 ? <p className="text-stone-600">{t("review.empty")}</p> : null}
        <ul className="space-y-2">
          {reviews.map((r) => (
            <li key={r.id} className="rounded-lg bg-white p-3 ring-1 ring-stone-200">
              <Link to={`/reviews/${r.id}`} className="font-medium text-brand-700 underline">
                {r.title}
              </Link>
              <p className="text-sm text-stone-600">
                {r.node} · {t("review.periodValue", { from: r.periodFrom, to: r.periodTo })} · {t(`review.state.${r.state}`)} ·{" "}
                {t("review.deadlineValue", { date: r.deadline })}
              </p>
              <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-stone-600">
                {REVIEW_STAGES.map((s) => (
                  <span key={s}>
                    {t(`review.stage.${s}`)} {r.stages[s]}
                  </span>
                ))}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section className="space-y-2" aria-labelledby="queue">
        <h2 id="queue" className="font-semibold">
          {t("review.queueTitle")}
        </h2>
        <p className="text-sm text-stone-600">{t("review.queueHint")}</p>
        {queue.length === 0 ? <p className="text-stone-600">{t("review.queueEmpty")}</p> : null}
        <ul className="divide-y divide-stone-200 rounded-lg bg-white ring-1 ring-stone-200">
          {queue.map((i) => (
            <li key={i.id} className="p-3">
              <Link to={`/reviews/items/${i.id}/upload`} className="font-medium text-brand-700 underline">
                {i.fileNo}
              </Link>
              <span className="ml-2 rounded bg-stone-100 px-2 text-xs">{t(`review.stage.${i.stage}`)}</span>
              <p className="text-sm text-stone-600">
                {i.committee} · {i.review} · {t("review.deadlineValue", { date: i.deadline })}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
