import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { decideApplication, decisionList, decisionQuery, onDecisionList, reopenApplication } from "~/.server/rounds/decisions";
import { findRound } from "~/.server/rounds/rounds";
import { DECISION_VIEWS } from "~/lib/rounds";
import { requireAccess } from "~/.server/web/guards";
import { readFormData } from "~/.server/web/form";
import { refusal, refuse } from "~/.server/web/reply";
import { BackToRound, ReplyErrors } from "~/components/RoundPanel";
import { Pagination } from "~/components/Pagination";
import { SubmitButton, inputClass } from "~/components/form";
import { pageTitle } from "~/lib/meta";
import { decisionSchema } from "~/lib/round-panel";
import { OUTCOMES } from "~/lib/rounds";

export const meta = pageTitle("roundPanel.decisions.title");

/** The round; deciding is for the admins over the round's node (not those of a committee below it). */
const load = (id: string | undefined) => () => findRound(id);

/**
 * The applications at the panel or decided, fifty a page (?page=, ?show=panel|decided), with their
 * figures, combined score and sheets, and a decision form each.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target: round } = await requireAccess(request, "application:decide", load(params.id));
  const query = decisionQuery(new URL(request.url).searchParams);
  return { round: { id: round.id, title: round.title, state: round.state, levels: round.levels }, ...(await decisionList(round, query)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, target: round } = await requireAccess(request, "application:decide", load(params.id));
  const form = await readFormData(request);
  const id = Number(form.get("applicationId"));
  const intent = String(form.get("intent") ?? "decide");
  const initial = { intent: `${intent}-${id}` };
  if (!(await onDecisionList(round, id))) return refuse(refusal({ formErrors: ["roundPanel.error.notFound"] }, initial), 404);
  if (intent === "reopen") {
    const result = await reopenApplication(actor, id);
    if (!result.ok) return refuse(refusal({ formErrors: [`roundPanel.error.${result.error}`] }, initial), 409);
  } else {
    const submission = parseWithZod(form, { schema: decisionSchema });
    if (submission.status !== "success")
      return data({ result: { ...submission.reply(), initialValue: { ...submission.reply().initialValue, ...initial } } }, { status: 400 });
    const result = await decideApplication(actor, id, submission.value);
    if (!result.ok)
      return refuse(
        refusal({ formErrors: [`roundPanel.error.${result.error}`] }, initial),
        result.error === "stage" || result.error === "roundState" ? 409 : 400,
      );
  }
  // Back to the page the form was on (Remix posts to the URL with its query string).
  const { page, show } = decisionQuery(new URL(request.url).searchParams);
  const back = new URLSearchParams({ saved: String(id) });
  if (page > 1) back.set("page", String(page));
  if (show !== "all") back.set("show", show);
  throw redirect(`/rounds/${round.id}/decisions?${back}#application-${id}`);
}

export default function Decisions() {
  const { t } = useTranslation();
  const { round, rows, levels, ungradedName, show, page, pages, counts } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const open = round.state === "reviewing" || round.state === "announcing";
  return (
    <div className="space-y-4">
      <BackToRound roundId={round.id} />
      <h1 className="text-xl font-bold text-brand-800">
        {t("roundPanel.decisions.title")} · {round.title}
      </h1>
      <p className="text-sm text-stone-600">{t("roundPanel.decisions.hint")}</p>
      <nav aria-label={t("roundPanel.decisions.views")} className="flex flex-wrap gap-2 text-sm">
        {DECISION_VIEWS.map((v) => (
          <Link
            key={v}
            to={v === "all" ? "?" : `?show=${v}`}
            aria-current={v === show ? "page" : undefined}
            className={`flex min-h-11 items-center rounded-md px-3 ring-1 ${v === show ? "bg-brand-700 text-white ring-brand-700" : "bg-white ring-stone-300"}`}
          >
            {t(`roundPanel.decisions.view.${v}`, { count: v === "all" ? counts.panel + counts.decided : counts[v] })}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? <p className="text-stone-600">{t("roundPanel.decisions.empty")}</p> : null}
      <ul className="space-y-3">
        {rows.map((r) => (
          <li key={r.id} id={`application-${r.id}`} className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
            <p className="font-medium">
              {r.name} <span className="text-sm font-normal text-stone-600">· {r.committee}</span>
            </p>
            <p className="text-sm text-stone-700">
              {t("roundPanel.decisions.applied", { level: r.levelName })}
              {r.levelBeforeName ? ` · ${t("roundPanel.decisions.before", { level: r.levelBeforeName })}` : ""}
            </p>
            <p className="text-sm text-stone-700">{t("roundPanel.decisions.figures", { met: r.met, unmet: r.unmet })}</p>
            <p className="text-sm text-stone-700">
              {r.score === null
                ? t("roundPanel.decisions.noScore", { sheets: r.sheets })
                : t("roundPanel.decisions.score", { score: r.score, sheets: r.sheets })}
            </p>
            {r.stage === "decided" && r.outcome ? (
              <p className="text-sm font-medium text-brand-800">
                {t("roundPanel.decisions.decided", { outcome: t(`round.outcome.${r.outcome}`) })}
                {r.outcome !== "notAwarded" ? ` · ${r.awardedLevelName ?? ungradedName}` : ""} · {r.reason}
              </p>
            ) : null}
            {params.get("saved") === String(r.id) ? (
              <p role="status" className="text-sm text-emerald-800">
                {t("roundPanel.decisions.saved")}
              </p>
            ) : null}
            <ReplyErrors result={reply?.result} intent={`decide-${r.id}`} />
            <ReplyErrors result={reply?.result} intent={`reopen-${r.id}`} />
            {open ? (
              <Form method="post" className="grid gap-2">
                <input type="hidden" name="applicationId" value={r.id} />
                <input type="hidden" name="intent" value="decide" />
                <label className="block text-sm font-medium">
                  {t("roundPanel.decisions.outcome")}
                  <select name="outcome" defaultValue={r.outcome ?? "awarded"} className={`${inputClass} mt-1`}>
                    {OUTCOMES.map((o) => (
                      <option key={o} value={o}>
                        {t(`round.outcome.${o}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="block text-sm font-medium">
                  {t("roundPanel.decisions.level")}
                  <select name="level" defaultValue={r.awardedLevel ?? (r.outcome ? "" : r.level)} className={`${inputClass} mt-1`}>
                    <option value="">{t("roundPanel.decisions.noLevel")}</option>
                    {levels.map((l) => (
                      <option key={l.key} value={l.key}>
                        {l.name}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="block text-sm font-medium">
                  {t("roundPanel.decisions.reason")}
                  <input name="reason" required maxLength={500} defaultValue={r.reason ?? ""} className={`${inputClass} mt-1`} />
                </label>
                <SubmitButton>{t("roundPanel.decisions.submit")}</SubmitButton>
              </Form>
            ) : null}
            {r.stage === "decided" && round.state === "reviewing" ? (
              <Form method="post">
                <input type="hidden" name="applicationId" value={r.id} />
                <input type="hidden" name="intent" value="reopen" />
                <button type="submit" className="min-h-11 rounded-md px-3 text-sm text-brand-700 ring-1 ring-brand-200">
                  {t("roundPanel.decisions.reopen")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      <Pagination page={page} pageCount={pages} />
    </div>
  );
}
