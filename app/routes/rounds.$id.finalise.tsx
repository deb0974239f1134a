import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { finalisePreview, finaliseRound } from "~/.server/rounds/finalise";
import { findRound } from "~/.server/rounds/rounds";
import { requireAccess } from "~/.server/web/guards";
import { readFormData } from "~/.server/web/form";
import { refusal } from "~/.server/web/reply";
import { BackToRound, ReplyErrors } from "~/components/RoundPanel";
import { SubmitButton } from "~/components/form";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("roundPanel.finalise.title");

const load = (id: string | undefined) => () => findRound(id);

/** The confirm step: what finalising will do (counts), and what stands in its way. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target: round } = await requireAccess(request, "round:manage", load(params.id));
  return {
    round: { id: round.id, title: round.title, state: round.state, objectionsUntil: round.objectionsUntil, finalOn: round.finalOn },
    preview: await finalisePreview(round),
  };
}

const ERRORS: Record<string, string> = {
  announcementRunning: "round.error.announcementRunning",
  openObjections: "round.error.openObjections",
  state: "round.error.state",
  certificate: "roundPanel.error.certificate",
};

/** Finalises the round: levels, certificates and messages in one transaction (app/.server/rounds/finalise.ts). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, target: round } = await requireAccess(request, "round:manage", load(params.id));
  const form = await readFormData(request);
  if (form.get("confirm") !== "on") return data({ result: refusal({ formErrors: ["roundPanel.error.confirm"] }) }, { status: 400 });
  const result = await finaliseRound(actor, round.id);
  if (!result.ok) {
    const key = ERRORS[result.error] ?? "round.error.state";
    return data({ result: refusal({ formErrors: [key] }) }, { status: result.error === "certificate" ? 400 : 409 });
  }
  throw redirect(`/rounds/${round.id}/finalise`);
}

export default function Finalise() {
  const { t } = useTranslation();
  const { round, preview } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <BackToRound roundId={round.id} />
      <h1 className="text-xl font-bold text-brand-800">
        {t("roundPanel.finalise.title")} · {round.title}
      </h1>
      {round.state === "final" ? (
        <p role="status" className="rounded bg-emerald-50 p-3 text-emerald-800">
          {t("roundPanel.finalise.done", { date: round.finalOn })}
        </p>
      ) : (
        <>
          <p className="text-sm text-stone-600">{t("roundPanel.finalise.hint")}</p>
          <ul className="list-disc space-y-1 pl-5">
            <li>{t("roundPanel.finalise.awarded", { count: preview.awarded })}</li>
            <li>{t("roundPanel.finalise.downgradedTo", { count: preview.downgradedTo })}</li>
            <li>{t("roundPanel.finalise.downgradedNone", { count: preview.downgradedNone })}</li>
            <li>{t("roundPanel.finalise.notAwarded", { count: preview.notAwarded })}</li>
          </ul>
          {preview.announcementRunning ? (
            <p className="text-sm text-seal-700">{t("roundPanel.finalise.running", { until: round.objectionsUntil })}</p>
          ) : null}
          {preview.openObjections ? (
            <p className="text-sm text-seal-700">{t("roundPanel.finalise.openObjections", { count: preview.openObjections })}</p>
          ) : null}
          {round.state !== "announcing" ? <p className="text-sm text-seal-700">{t("round.error.state")}</p> : null}
          <Form method="post" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200">
            <ReplyErrors result={reply?.result} />
            <label className="flex min-h-11 items-start gap-2">
              <input type="checkbox" name="confirm" className="mt-1 size-4" required />
              <span>{t("roundPanel.finalise.confirm")}</span>
            </label>
            <SubmitButton>{t("roundPanel.finalise.submit")}</SubmitButton>
          </Form>
        </>
      )}
    </div>
  );
}
