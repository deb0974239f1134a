import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { answerObjection, objectionsOf } from "~/.server/rounds/objections";
import { findRound } from "~/.server/rounds/rounds";
import { requireAccess } from "~/.server/web/guards";
import { readFormData } from "~/.server/web/form";
import { refusal, refuse } from "~/.server/web/reply";
import { BackToRound, ReplyErrors } from "~/components/RoundPanel";
import { SubmitButton, inputClass } from "~/components/form";
import { pageTitle } from "~/lib/meta";
import { answerSchema } from "~/lib/round-panel";
import { OUTCOMES } from "~/lib/rounds";

export const meta = pageTitle("roundPanel.objections.title");

const load = (id: string | undefined) => () => findRound(id);

/** A round's objections for its admins (the objector's contact is shown here, never publicly), with an answer form each. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target: round } = await requireAccess(request, "round:manage", load(params.id));
  return { round: { id: round.id, title: round.title, state: round.state }, ...(await objectionsOf(round)) };
}

/** Answers one objection, optionally deciding its application again in the same transaction. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, target: round } = await requireAccess(request, "round:manage", load(params.id));
  const form = await readFormData(request);
  const id = Number(form.get("objectionId"));
  const initial = { intent: `answer-${id}` };
  const submission = parseWithZod(form, { schema: answerSchema });
  if (submission.status !== "success") {
    const reply = submission.reply();
    return data({ result: { ...reply, initialValue: { ...reply.initialValue, ...initial } } }, { status: 400 });
  }
  const mine = (await objectionsOf(round)).rows.some((o) => o.id === id);
  if (!mine) return refuse(refusal({ formErrors: ["roundPanel.error.notFound"] }, initial), 404);
  const result = await answerObjection(actor, id, submission.value);
  if (!result.ok) return refuse(refusal({ formErrors: [`roundPanel.error.${result.error}`] }, initial), 400);
  throw redirect(`/rounds/${round.id}/objections?saved=${id}#objection-${id}`);
}

export default function Objections() {
  const { t } = useTranslation();
  const { round, rows, levels } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const resultText = (r: { kind: string; name: string }) => t(`roundPanel.result.${r.kind}`, { level: r.name });
  return (
    <div className="space-y-4">
      <BackToRound roundId={round.id} />
      <h1 className="text-xl font-bold text-brand-800">
        {t("roundPanel.objections.title")} · {round.title}
      </h1>
      {rows.length === 0 ? <p className="text-stone-600">{t("roundPanel.objections.empty")}</p> : null}
      <ul className="space-y-3">
        {rows.map((o) => (
          <li key={o.id} id={`objection-${o.id}`} className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
            <p className="text-sm">
              <span className="rounded bg-stone-100 px-2 text-xs">{t(`roundPanel.objections.state.${o.state}`)}</span>{" "}
              {t("roundPanel.objections.from", { objector: o.objector, contact: o.contact, at: o.createdAt.slice(0, 10) })}
            </p>
            <p className="text-sm text-stone-700">
              {o.application
                ? t("roundPanel.objections.about", { name: o.application.name, result: resultText(o.application.result) })
                : t("roundPanel.objections.aboutRound")}
            </p>
            <p className="whitespace-pre-wrap">{o.text}</p>
            {o.state === "answered" ? (
              <p className="text-sm text-brand-800">{t("roundPanel.objections.answered", { by: o.answeredBy ?? "", answer: o.answer })}</p>
            ) : null}
            {params.get("saved") === String(o.id) ? (
              <p role="status" className="text-sm text-emerald-800">
                {t("roundPanel.objections.saved")}
              </p>
            ) : null}
            <ReplyErrors result={reply?.result} intent={`answer-${o.id}`} />
            {o.state === "open" && round.state !== "final" ? (
              <Form method="post" className="grid gap-2">
                <input type="hidden" name="objectionId" value={o.id} />
                <label className="block text-sm font-medium">
                  {t("roundPanel.objections.answer")}
                  <textarea name="answer" required rows={3} maxLength={2000} className={`${inputClass} mt-1`} />
                </label>
                {o.application ? (
                  <fieldset className="grid gap-2 rounded-md border border-stone-200 p-3">
                    <label className="flex min-h-11 items-center gap-2 text-sm font-medium">
                      <input type="checkbox" name="redecide" className="size-4" />
                      {t("roundPanel.objections.redecide")}
                    </label>
                    <label className="block text-sm">
                      {t("roundPanel.decisions.outcome")}
                      <select name="outcome" defaultValue="" className={`${inputClass} mt-1`}>
                        <option value="">—</option>
                        {OUTCOMES.map((v) => (
                          <option key={v} value={v}>
                            {t(`round.outcome.${v}`)}
                          </option>
                        ))}
                      </select>
                    </label>
                    <label className="block text-sm">
                      {t("roundPanel.decisions.level")}
                      <select name="level" defaultValue="" className={`${inputClass} mt-1`}>
                        <option value="">{t("roundPanel.decisions.noLevel")}</option>
                        {levels.map((l) => (
                          <option key={l.key} value={l.key}>
                            {l.name}
                          </option>
                        ))}
                      </select>
                    </label>
                    <label className="block text-sm">
                      {t("roundPanel.decisions.reason")}
                      <input name="reason" maxLength={500} className={`${inputClass} mt-1`} />
                    </label>
                  </fieldset>
                ) : null}
                <SubmitButton>{t("roundPanel.objections.submit")}</SubmitButton>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
