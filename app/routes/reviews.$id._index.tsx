import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { reviewResults, type Group } from "~/.server/reviews/results";
import { closeReview, findReview, recheckSample } from "~/.server/reviews/reviews";
import { notFound, requireAccess } from "~/.server/web/guards";
import { SubmitButton, TextField } from "~/components/form";
import { REVIEW_STAGES, closeReviewSchema, type ReviewStage } from "~/lib/case-review";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("review.title", "review.title");

const load = (id: string | undefined) => (_: unknown, scopes: Parameters<typeof findReview>[0]) => findReview(scopes, Number(id));

/**
 * A review for the bureau that opened it (and the admins above): how the sample was drawn (seed,
 * rule, population, and a re-check on request), where each file stands, the results per mediator,
 * committee and child node, the report, and closing.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = await requireAccess(request, "review:manage", load(params.id));
  const url = new URL(request.url);
  const stage = REVIEW_STAGES.find((s) => s === url.searchParams.get("stage"));
  const { review } = target;
  const results = await reviewResults(review, { stage });
  return {
    review: {
      id: review.id,
      title: review.title,
      node: target.node,
      periodFrom: review.periodFrom,
      periodTo: review.periodTo,
      rule: review.rule,
      seed: review.seed,
      population: review.population,
      digest: review.populationDigest,
      maxFileId: review.maxFileId,
      passLine: review.passLine,
      maxPoints: review.rubric.maxPoints,
      rubric: review.rubric.title,
      weights: review.rubric.criteria.map((c) => ({ name: c.name, points: Math.max(...c.levels.map((l) => l.points)) })),
      deadline: review.deadline,
      state: review.state,
      closedAt: review.closedAt?.toISOString() ?? null,
    },
    stages: target.stages,
    reviewers: target.reviewers,
    results,
    stage: stage ?? null,
    recheck: url.searchParams.get("check") === "1" ? await recheckSample(review) : null,
  };
}

/** Closing the review (with a reason). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, target } = await requireAccess(request, "review:manage", load(params.id));
  const submission = parseWithZod(await readFormData(request), { schema: closeReviewSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const closed = await closeReview(actor, target.review.id, submission.value.reason);
  if (!closed.ok) {
    if (closed.error === "notFound") throw notFound();
    return data({ result: submission.reply({ formErrors: ["review.error.closed"] }) }, { status: 409 });
  }
  throw redirect(`/reviews/${target.review.id}`);
}

function GroupTable({ title, rows, passLine }: { title: string; rows: Group[]; passLine: number }) {
  const { t } = useTranslation();
  return (
    <section className="overflow-x-auto rounded-lg bg-white p-3 ring-1 ring-stone-200">
      <h3 className="mb-2 font-semibold">{title}</h3>
      <table className="w-full min-w-[28rem] text-sm">
        <thead>
          <tr className="text-left text-stone-600">
            <th className="py-1">{t("review.name")}</th>
            <th>{t("review.files")}</th>
            <th>{t("review.scored")}</th>
            <th>{t("review.mean")}</th>
            <th>{t("review.below", { pass: passLine })}</th>
            <th>{t("review.stage.mismatch")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr key={g.id} className="border-t border-stone-100">
              <td className="py-1">{g.name}</td>
              <td>{g.files}</td>
              <td>{g.scored}</td>
              <td className={g.mean !== null && g.mean < passLine ? "font-semibold text-seal-700" : ""}>{g.mean ?? "—"}</td>
              <td>{g.below}</td>
              <td>{g.mismatch}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export default function ReviewPage() {
  const { t } = useTranslation();
  const { review, stages, reviewers, results, stage, recheck } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: closeReviewSchema }),
  });
  const stageLink = (s: ReviewStage | null) => (s ? `?stage=${s}` : "?");
  return (
    <article className="space-y-5">
      <Link to="/reviews" className="text-sm text-brand-700 underline">
        {t("review.back")}
      </Link>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold text-brand-800">{review.title}</h1>
        <p className="text-sm text-stone-600">
          {review.node} · {t("review.periodValue", { from: review.periodFrom, to: review.periodTo })} · {t(`review.state.${review.state}`)}{" "}
          · {t("review.deadlineValue", { date: review.deadline })}
        </p>
      </header>

      <section className="space-y-1 rounded-lg bg-white p-4 text-sm ring-1 ring-stone-200" aria-labelledby="sampling">
        <h2 id="sampling" className="font-semibold">
          {t("review.sampling")}
        </h2>
        <p>
          {t("review.ruleValue", {
            confirmed: review.rule.confirmedPercent,
            other: review.rule.otherPercent,
            min: review.rule.minPerMediator,
          })}
        </p>
        <p>{t("review.seedValue", { seed: review.seed })}</p>
        <p>{t("review.populationValue", { count: review.population, max: review.maxFileId, sample: results.total.files })}</p>
        <p className="break-all text-xs text-stone-500">{t("review.digest", { digest: review.digest })}</p>
        <p className="text-xs text-stone-500">{t("review.howDrawn")}</p>
        {recheck ? (
          <p role="status" className={`rounded p-2 ${recheck.sameSample ? "bg-emerald-50 text-emerald-800" : "bg-seal-50 text-seal-700"}`}>
            {recheck.sameSample ? t("review.recheckSame", { count: recheck.sample }) : t("review.recheckDiffer", { count: recheck.sample })}
            {recheck.samePopulation ? "" : ` ${t("review.populationChanged", { count: recheck.population })}`}
          </p>
        ) : (
          <Link to="?check=1" className="inline-flex min-h-11 items-center text-brand-700 underline">
            {t("review.recheck")}
          </Link>
        )}
      </section>

      <section className="space-y-1 rounded-lg bg-white p-4 text-sm ring-1 ring-stone-200" aria-labelledby="rubric">
        <h2 id="rubric" className="font-semibold">
          {t("review.rubricValue", { rubric: review.rubric, max: review.maxPoints, pass: review.passLine })}
        </h2>
        <p className="text-stone-600">{review.weights.map((w) => `${w.name} ${w.points}`).join("；")}</p>
        <p className="text-stone-600">{t("review.reviewersValue", { names: reviewers.map((r) => r.name).join("、") })}</p>
      </section>

      <section className="space-y-2" aria-labelledby="results">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="results" className="text-lg font-semibold">
            {t("review.results")}
          </h2>
          <a
            href={`/reviews/${review.id}/report.xlsx`}
            className="flex min-h-11 items-center rounded-md bg-white px-4 text-sm ring-1 ring-stone-300"
          >
            {t("review.export")}
          </a>
        </div>
        <p className="text-sm">
          {t("review.totalValue", {
            files: results.total.files,
            scored: results.total.scored,
            mean: results.total.mean ?? "—",
            below: results.total.below,
            mismatch: results.total.mismatch,
          })}
        </p>
        <GroupTable title={t("review.byNode")} rows={results.nodes} passLine={review.passLine} />
        <GroupTable title={t("review.byCommittee")} rows={results.committees} passLine={review.passLine} />
        <GroupTable title={t("review.byMediator")} rows={results.mediators} passLine={review.passLine} />
      </section>

      <section className="space-y-2" aria-labelledby="files">
        <h2 id="files" className="text-lg font-semibold">
          {t("review.filesTitle")}
        </h2>
        <nav className="flex flex-wrap gap-2 text-sm" aria-label={t("review.filesTitle")}>
          <Link to={stageLink(null)} className={`rounded px-2 py-1 ring-1 ring-stone-300 ${stage ? "" : "bg-brand-50 font-semibold"}`}>
            {t("review.all")}
          </Link>
          {REVIEW_STAGES.map((s) => (
            <Link
              key={s}
              to={stageLink(s)}
              className={`rounded px-2 py-1 ring-1 ring-stone-300 ${stage === s ? "bg-brand-50 font-semibold" : ""}`}
            >
              {t(`review.stage.${s}`)} {stages[s]}
            </Link>
          ))}
        </nav>
        <ul className="divide-y divide-stone-200 rounded-lg bg-white ring-1 ring-stone-200">
          {results.items.map((i) => (
            <li key={i.id} className="p-3 text-sm">
              <Link to={`/reviews/items/${i.id}/upload`} className="font-medium text-brand-700 underline">
                {i.fileNo}
              </Link>
              <span className="ml-2 rounded bg-stone-100 px-2 text-xs">{t(`review.stage.${i.stage}`)}</span>
              {i.score !== null ? <span className="ml-2">{t("review.scoreValue", { score: i.score })}</span> : null}
              {i.mismatch ? <span className="ml-2 text-seal-700">{t("review.notCounted")}</span> : null}
              <p className="text-stone-600">
                {i.committee} · {i.mediator} · {t(`review.stratum.${i.stratum}`)} · {t("review.reviewerValue", { name: i.reviewer ?? "—" })}
              </p>
            </li>
          ))}
        </ul>
      </section>

      {review.state === "open" ? (
        <Form method="post" {...getFormProps(form)} className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
          <h2 className="font-semibold">{t("review.close")}</h2>
          <p className="text-sm text-stone-600">{t("review.closeHint")}</p>
          {form.errors?.length ? (
            <p role="alert" className="rounded bg-seal-50 p-2 text-seal-700">
              {t(form.errors[0])}
            </p>
          ) : null}
          <TextField label={t("review.field.reason")} meta={fields.reason} />
          <SubmitButton>{t("review.close")}</SubmitButton>
        </Form>
      ) : null}
    </article>
  );
}
