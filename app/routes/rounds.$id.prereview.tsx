import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { OrgScope } from "~/.server/org";
import { mayNominate, nominees, roundLevels, startApplication } from "~/.server/rounds/applications";
import { roundFacts } from "~/.server/rounds/overview";
import { reviewQueue } from "~/.server/rounds/prereview";
import { requireAccess, requireCan } from "~/.server/web/guards";
import { readFormData } from "~/.server/web/form";
import { refuse } from "~/.server/web/reply";
import { idParam } from "~/.server/web/round-forms";
import { DateTime } from "~/components/DateTime";
import { Field, FormErrors, SubmitButton, inputClass } from "~/components/form";
import { Pagination } from "~/components/Pagination";
import { pageTitle } from "~/lib/meta";
import { nominateSchema } from "~/lib/round-apply";

export const meta = pageTitle("roundApply.prereviewTitle");

/**
 * A round's part for an admin: the round's bureau, or a node inside it (a 司法所, a committee).
 * Its target is the round, seen from the admin's nodes that lie inside it.
 */
const load = (id: string | undefined) => async (_user: unknown, scopes: OrgScope[]) => {
  const facts = await roundFacts(id);
  if (!facts) return null;
  const inside = scopes.map((s) => s.path).filter((p) => p.startsWith(facts.round.orgPath));
  return { ...facts, orgPaths: inside };
};

/** The pre-review queue (调委会初审, 司法所初审) of a round for the signed-in admin, and nominating a mediator. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scopes, target } = await requireAccess(request, "application:review", load(params.id));
  const { round } = target;
  const url = new URL(request.url);
  const [queue, candidates, levels] = await Promise.all([
    reviewQueue(user, round, idParam(url, "page") ?? 1),
    round.state === "applications" ? nominees(round, scopes) : [],
    roundLevels(round),
  ]);
  return {
    round: { id: round.id, title: round.title, state: round.state, node: target.node },
    queue: { ...queue, rows: queue.rows.map((r) => ({ ...r, level: levels.find((l) => l.key === r.level)?.name ?? r.level })) },
    candidates,
    levels,
  };
}

/** Nominating a mediator of the admin's committees (推荐申报): a draft the mediator sees and that follows the same path. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, actor, scopes, target } = await requireAccess(request, "application:review", load(params.id));
  requireCan(user, "application:write", target);
  const submission = parseWithZod(await readFormData(request), { schema: nominateSchema });
  if (submission.status !== "success") return refuse(submission.reply());
  if (!(await mayNominate(scopes, submission.value.mediatorId))) {
    return refuse(submission.reply({ fieldErrors: { mediatorId: ["roundApply.error.scope"] } }));
  }
  const started = await startApplication(actor, target.round.id, submission.value.mediatorId, submission.value.level, {
    nominatedBy: actor.id,
  });
  if (!started.ok) {
    const error = `roundApply.error.${started.error}`;
    return refuse(
      submission.reply(started.error === "level" ? { fieldErrors: { level: [error] } } : { formErrors: [error] }),
      started.error === "twice" ? 409 : 400,
    );
  }
  throw redirect(`/applications/${started.application.id}`);
}

export default function Prereview() {
  const { t } = useTranslation();
  const { round, queue, candidates, levels } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: nominateSchema }),
  });
  return (
    <article className="space-y-5">
      <Link to="/rounds" className="text-sm text-brand-700 underline">
        {t("roundApply.back")}
      </Link>
      <header>
        <h1 className="text-2xl font-bold text-brand-800">{t("roundApply.prereviewTitle")}</h1>
        <p className="text-sm text-stone-600">
          {round.title} · {round.node} · {t(`round.state.${round.state}`)}
        </p>
      </header>
      <p className="rounded bg-stone-100 p-3 text-sm">{t("roundApply.prereviewWho")}</p>
      <section className="space-y-2" aria-labelledby="queue">
        <h2 id="queue" className="font-semibold">
          {t("roundApply.queue", { n: queue.total })}
        </h2>
        {queue.rows.length === 0 ? <p className="text-stone-600">{t("roundApply.queueEmpty")}</p> : null}
        <ul className="divide-y divide-stone-200 rounded-lg bg-white ring-1 ring-stone-200">
          {queue.rows.map((a) => (
            <li key={a.id} className="p-3">
              <Link to={`/applications/${a.id}`} className="font-medium text-brand-700 underline">
                {a.name}
              </Link>
              <span className="ml-2 rounded bg-stone-100 px-2 text-xs">{t(`roundApply.review.${a.review}`)}</span>
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
        <Pagination page={queue.page} pageCount={queue.pageCount} />
      </section>
      {round.state === "applications" ? (
        <Form method="post" {...getFormProps(form)} className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200">
          <h2 className="font-semibold">{t("roundApply.nominate")}</h2>
          <p className="text-xs text-stone-500">{t("roundApply.nominateHint")}</p>
          <FormErrors errors={form.errors} />
          {candidates.length === 0 ? <p className="text-sm text-stone-600">{t("roundApply.noCandidates")}</p> : null}
          <Field label={t("roundApply.field.mediator")} meta={fields.mediatorId}>
            <select {...getSelectProps(fields.mediatorId)} className={inputClass}>
              <option value="">{t("form.choose")}</option>
              {candidates.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}（{m.committee}）
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("roundApply.field.level")} meta={fields.level}>
            <select {...getSelectProps(fields.level)} className={inputClass}>
              {levels.map((l) => (
                <option key={l.key} value={l.key}>
                  {l.name}
                </option>
              ))}
            </select>
          </Field>
          <SubmitButton>{t("roundApply.nominateButton")}</SubmitButton>
        </Form>
      ) : null}
    </article>
  );
}
