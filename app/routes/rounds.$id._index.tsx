import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { roundFacts, roundOverview } from "~/.server/rounds/overview";
import { advanceRound } from "~/.server/rounds/rounds";
import { notFound, requireAccess } from "~/.server/web/guards";
import { readFormData } from "~/.server/web/form";
import { refusal } from "~/.server/web/reply";
import { idParam } from "~/.server/web/round-forms";
import { DateTime } from "~/components/DateTime";
import { FormErrors, inputClass } from "~/components/form";
import { Pagination } from "~/components/Pagination";
import { pageTitle } from "~/lib/meta";
import { isStage } from "~/lib/round-apply";
import { APPLICATION_STAGES } from "~/lib/rounds";

export const meta = pageTitle("roundApply.title", "round.title");

const load = (id: string | undefined) => () => roundFacts(id);

/** Steps the overview offers: closing applications (截止申报) and starting the announcement (开始公示). */
const STEPS = { applications: "reviewing", reviewing: "announcing" } as const;

/** The bureau that opened a round (and the admins above): dates, state, counts per stage, the applications with filters. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = await requireAccess(request, "round:manage", load(params.id));
  const url = new URL(request.url);
  const stage = url.searchParams.get("stage");
  const filter = {
    stage: isStage(stage) ? stage : undefined,
    committeeId: idParam(url, "committee"),
    page: idParam(url, "page"),
  };
  const { round } = target;
  return {
    round: {
      id: round.id,
      title: round.title,
      node: target.node,
      state: round.state,
      periodFrom: round.periodFrom,
      periodTo: round.periodTo,
      applicationsFrom: round.applicationsFrom,
      applicationsUntil: round.applicationsUntil,
      reviewsUntil: round.reviewsUntil,
      announcementDays: round.announcementDays,
      announcedOn: round.announcedOn,
      objectionsUntil: round.objectionsUntil,
      examQuizId: round.examQuizId,
    },
    overview: await roundOverview(round, filter),
    filter: { stage: filter.stage ?? "", committee: filter.committeeId ?? "" },
  };
}

/** 截止申报 (→ reviewing) and 开始公示 (→ announcing), with the round's refusals. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, target } = await requireAccess(request, "round:manage", load(params.id));
  const form = await readFormData(request);
  const to = form.get("to");
  if (to !== "reviewing" && to !== "announcing") return data({ result: refusal({ formErrors: ["round.error.state"] }) }, { status: 400 });
  const result = await advanceRound(actor, target.round.id, to);
  if (!result.ok) {
    if (result.error === "notFound") throw notFound();
    return data({ result: refusal({ formErrors: [`round.error.${result.error}`] }) }, { status: 409 });
  }
  throw redirect(`/rounds/${target.round.id}`);
}

export default function RoundPage() {
  const { t } = useTranslation();
  const { round, overview, filter } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const step = round.state in STEPS ? STEPS[round.state as keyof typeof STEPS] : null;
  return (
    <article className="space-y-5">
      <Link to="/rounds" className="text-sm text-brand-700 underline">
        {t("roundApply.back")}
      </Link>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold text-brand-800">{round.title}</h1>
        <p className="text-sm text-stone-600">
          {round.node} · {overview.levels.join("、")} · <strong>{t(`round.state.${round.state}`)}</strong>
        </p>
      </header>
      <section
        className="grid gap-1 rounded-lg bg-white p-4 text-sm ring-1 ring-stone-200 sm:grid-cols-2"
        aria-label={t("roundApply.dates")}
      >
        <p>{t("roundApply.periodValue", { from: round.periodFrom, to: round.periodTo })}</p>
        <p>{t("roundApply.windowValue", { from: round.applicationsFrom, to: round.applicationsUntil })}</p>
        <p>{t("roundApply.reviewsValue", { date: round.reviewsUntil })}</p>
        <p>
          {round.announcedOn
            ? t("roundApply.announcedValue", { from: round.announcedOn, to: round.objectionsUntil })
            : t("roundApply.announcementDaysValue", { days: round.announcementDays })}
        </p>
        {round.examQuizId ? <p>{t("roundApply.examValue", { id: round.examQuizId })}</p> : null}
      </section>

      {step ? (
        <Form method="post" className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
          <FormErrors errors={actionData?.result.error?.[""] ?? undefined} />
          <input type="hidden" name="to" value={step} />
          <p className="text-sm text-stone-600">{t(`roundApply.stepHint.${step}`)}</p>
          <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-5 font-medium text-white">
            {t(`roundApply.step.${step}`)}
          </button>
        </Form>
      ) : null}

      {/* The round's other pages: pre-reviews, panel, decisions, announcement, objections, finalising, report. */}
      <nav aria-label={t("roundApply.links")} className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
        <ul className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
          <li>
            <Link to={`/rounds/${round.id}/prereview`} className="inline-flex min-h-11 items-center text-brand-700 underline">
              {t("roundApply.prereviewLink")}
            </Link>
          </li>
          {(
            [
              ["roundPanel.links.panel", `/rounds/${round.id}/panel`],
              ["roundPanel.links.decisions", `/rounds/${round.id}/decisions`],
              ["roundPanel.links.announcement", `/announcements/${round.id}`],
              ["roundPanel.links.objections", `/rounds/${round.id}/objections`],
              ["roundPanel.links.finalise", `/rounds/${round.id}/finalise`],
              ["roundReport.title", `/rounds/${round.id}/report`],
            ] as const
          ).map(([label, to]) => (
            <li key={to}>
              <Link to={to} className="inline-flex min-h-11 items-center text-brand-700 underline">
                {t(label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section className="space-y-2" aria-labelledby="counts">
        <h2 id="counts" className="font-semibold">
          {t("roundApply.counts")}
        </h2>
        <ul className="flex flex-wrap gap-2 text-sm">
          {APPLICATION_STAGES.map((s) => (
            <li key={s}>
              <Link
                to={`?stage=${s}`}
                className={`inline-flex min-h-11 items-center rounded-md px-3 ring-1 ring-stone-200 ${filter.stage === s ? "bg-brand-50 font-semibold" : "bg-white"}`}
              >
                {t(`round.stage.${s}`)} {overview.stages[s]}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section className="space-y-2" aria-labelledby="applications">
        <h2 id="applications" className="font-semibold">
          {t("roundApply.applications", { n: overview.total })}
        </h2>
        <Form method="get" className="flex flex-wrap items-end gap-2">
          <label className="text-sm">
            <span className="mb-1 block">{t("roundApply.filterStage")}</span>
            <select name="stage" defaultValue={filter.stage} className={inputClass}>
              <option value="">{t("roundApply.all")}</option>
              {APPLICATION_STAGES.map((s) => (
                <option key={s} value={s}>
                  {t(`round.stage.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="mb-1 block">{t("roundApply.filterCommittee")}</span>
            <select name="committee" defaultValue={String(filter.committee)} className={`${inputClass} max-w-[16rem]`}>
              <option value="">{t("roundApply.all")}</option>
              {overview.committees.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="min-h-11 rounded-md border border-brand-700 px-4 text-brand-700">
            {t("roundApply.filter")}
          </button>
        </Form>
        {overview.applications.length === 0 ? <p className="text-stone-600">{t("roundApply.noApplications")}</p> : null}
        <ul className="divide-y divide-stone-200 rounded-lg bg-white ring-1 ring-stone-200">
          {overview.applications.map((a) => (
            <li key={a.id} className="p-3">
              <Link to={`/applications/${a.id}`} className="font-medium text-brand-700 underline">
                {a.name}
              </Link>
              <span className="ml-2 rounded bg-stone-100 px-2 text-xs">{t(`round.stage.${a.stage}`)}</span>
              {a.nominated ? <span className="ml-2 text-xs text-stone-500">{t("roundApply.nominatedTag")}</span> : null}
              <p className="text-sm text-stone-600">
                {a.committee} · {a.level}
                {a.submittedAt ? (
                  <>
                    {" · "}
                    <DateTime value={a.submittedAt} />
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
        <Pagination page={overview.page} pageCount={overview.pageCount} />
      </section>
    </article>
  );
}
