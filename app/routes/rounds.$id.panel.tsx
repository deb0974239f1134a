import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { addReviewer, declareRelation, panelOf, removeReviewer } from "~/.server/rounds/panel";
import { findRound } from "~/.server/rounds/rounds";
import { requireAccess } from "~/.server/web/guards";
import { readFormData } from "~/.server/web/form";
import { refusal, refuse } from "~/.server/web/reply";
import { BackToRound, ReplyErrors } from "~/components/RoundPanel";
import { SubmitButton, inputClass } from "~/components/form";
import { pageTitle } from "~/lib/meta";
import { relationSchema } from "~/lib/round-panel";

export const meta = pageTitle("roundPanel.panel.title");

const load = (id: string | undefined) => () => findRound(id);

/** A round's panel for its admins: members (reviewer or trainer accounts in or above the round's node), relations. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target: round } = await requireAccess(request, "round:manage", load(params.id));
  return { round: { id: round.id, title: round.title, state: round.state }, ...(await panelOf(round)) };
}

const memberSchema = z.object({ userId: z.coerce.number().int().positive() });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, target: round } = await requireAccess(request, "round:manage", load(params.id));
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  const fail = (error: string) =>
    refuse(refusal({ formErrors: [`roundPanel.error.${error}`] }, { intent }), error === "notFound" ? 404 : 400);
  if (intent === "add" || intent === "remove") {
    const parsed = memberSchema.safeParse({ userId: form.get("userId") });
    if (!parsed.success) return fail("candidate");
    const result =
      intent === "add" ? await addReviewer(actor, round.id, parsed.data.userId) : await removeReviewer(actor, round.id, parsed.data.userId);
    if (!result.ok) return fail(result.error);
  } else if (intent === "relation") {
    const submission = parseWithZod(form, { schema: relationSchema });
    if (submission.status !== "success") return refuse(refusal({ formErrors: ["roundPanel.error.applicant"] }, { intent }));
    const v = submission.value;
    const result = await declareRelation(actor, round.id, { userId: v.userId ?? 0, mediatorId: v.mediatorId, relation: v.relation }, true);
    if (!result.ok) return fail(result.error);
  } else return fail("state");
  throw redirect(`/rounds/${round.id}/panel?saved=1`);
}

export default function RoundPanelPage() {
  const { t } = useTranslation();
  const { round, members, candidates, relations, applicants } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-4">
      <BackToRound roundId={round.id} />
      <h1 className="text-xl font-bold text-brand-800">
        {t("roundPanel.panel.title")} · {round.title}
      </h1>
      <p className="text-sm text-stone-600">{t("roundPanel.panel.hint")}</p>
      {params.get("saved") ? (
        <p role="status" className="rounded bg-emerald-50 p-3 text-emerald-800">
          {t("roundPanel.panel.saved")}
        </p>
      ) : null}
      <ReplyErrors result={reply?.result} />
      <section className="space-y-2">
        <h2 className="font-semibold">{t("roundPanel.panel.members")}</h2>
        {members.length === 0 ? <p className="text-stone-600">{t("roundPanel.panel.noMembers")}</p> : null}
        <ul className="divide-y divide-stone-200 rounded-lg bg-white ring-1 ring-stone-200">
          {members.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <span>
                {m.name} <span className="text-sm text-stone-600">{t("roundPanel.panel.sheets", { count: m.sheets })}</span>
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="userId" value={m.id} />
                <button type="submit" className="min-h-11 rounded-md px-3 text-sm text-seal-700 ring-1 ring-seal-200">
                  {t("roundPanel.panel.remove")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
      <section className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
        <h2 className="font-semibold">{t("roundPanel.panel.add")}</h2>
        {candidates.length === 0 ? (
          <p className="text-stone-600">{t("roundPanel.panel.noCandidates")}</p>
        ) : (
          <Form method="post" className="space-y-2">
            <input type="hidden" name="intent" value="add" />
            <label className="block text-sm font-medium">
              {t("roundPanel.panel.candidate")}
              <select name="userId" className={`${inputClass} mt-1`} required>
                {candidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} · {c.org}
                  </option>
                ))}
              </select>
            </label>
            <SubmitButton>{t("roundPanel.panel.addSubmit")}</SubmitButton>
          </Form>
        )}
      </section>
      <section className="space-y-2">
        <h2 className="font-semibold">{t("roundPanel.panel.relations")}</h2>
        {relations.length === 0 ? <p className="text-stone-600">{t("roundPanel.panel.noRelations")}</p> : null}
        <ul className="list-disc space-y-1 pl-5 text-sm">
          {relations.map((r) => (
            <li key={`${r.userId}-${r.mediatorId}`}>{t("roundPanel.panel.relationRow", r)}</li>
          ))}
        </ul>
        {members.length && applicants.length ? (
          <Form method="post" className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
            <h3 className="font-medium">{t("roundPanel.panel.recordRelation")}</h3>
            <input type="hidden" name="intent" value="relation" />
            <label className="block text-sm font-medium">
              {t("roundPanel.panel.member")}
              <select name="userId" className={`${inputClass} mt-1`} required>
                {members.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </label>
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
      </section>
    </div>
  );
}
