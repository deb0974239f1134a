import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { applicantsOf, declareRelation, panelIds, scoringQueue } from "~/.server/rounds/panel";
import { findRound } from "~/.server/rounds/rounds";
import { requireAccess } from "~/.server/web/guards";
import { readFormData } from "~/.server/web/form";
import { refusal, refuse } from "~/.server/web/reply";
import { ReplyErrors } from "~/components/RoundPanel";
import { SubmitButton, inputClass } from "~/components/form";
import { pageTitle } from "~/lib/meta";
import { relationSchema } from "~/lib/round-panel";
import { QueueList } from "./rounds.score";

export const meta = pageTitle("roundPanel.queue.title", "round.title");

/** The round, with its panel as the users named on it. */
const load = (id: string | undefined) => async () => {
  const round = await findRound(id);
  return round ? { round, orgPath: null, namedIds: await panelIds(round.id) } : null;
};

/** A panel member's applications of one round, and the form to declare a relation with an applicant. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, target } = await requireAccess(request, "application:score", load(params.id));
  const { round } = target;
  return {
    round: { id: round.id, title: round.title },
    ...(await scoringQueue(user.id, round.id)),
    applicants: round.state === "final" ? [] : await applicantsOf(round.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, target } = await requireAccess(request, "application:score", load(params.id));
  const submission = parseWithZod(await readFormData(request), { schema: relationSchema });
  if (submission.status !== "success") return refuse(refusal({ formErrors: ["roundPanel.error.applicant"] }));
  const v = submission.value;
  const result = await declareRelation(actor, target.round.id, { userId: actor.id, mediatorId: v.mediatorId, relation: v.relation }, false);
  if (!result.ok) return refuse(refusal({ formErrors: [`roundPanel.error.${result.error}`] }));
  throw redirect(`/rounds/${target.round.id}/score?saved=1`);
}

export default function RoundScoring() {
  const { t } = useTranslation();
  const { round, rows, withheld, applicants } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold text-brand-800">{t("roundPanel.queue.roundTitle", { title: round.title })}</h1>
      <p className="text-sm text-stone-600">{t("roundPanel.queue.hint")}</p>
      {rows.length === 0 ? <p className="text-stone-600">{t("roundPanel.queue.empty")}</p> : null}
      <QueueList rows={rows} />
      {withheld ? <p className="text-sm text-stone-600">{t("roundPanel.queue.withheld", { count: withheld })}</p> : null}
      {params.get("saved") ? (
        <p role="status" className="rounded bg-emerald-50 p-3 text-emerald-800">
          {t("roundPanel.panel.saved")}
        </p>
      ) : null}
      {applicants.length ? (
        <Form method="post" className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
          <h2 className="font-semibold">{t("roundPanel.queue.declare")}</h2>
          <p className="text-sm text-stone-600">{t("roundPanel.queue.declareHint")}</p>
          <ReplyErrors result={reply?.result} />
          <label className="block text-sm font-medium">
            {t("roundPanel.panel.applicant")}
            <select name="mediatorId" className={`${inputClass} mt-1`} required>
              {applicants.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} · {a.committee}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm font-medium">
            {t("roundPanel.panel.relation")}
            <input name="relation" maxLength={100} required className={`${inputClass} mt-1`} />
          </label>
          <SubmitButton>{t("roundPanel.panel.relationSubmit")}</SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}
