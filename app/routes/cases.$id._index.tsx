import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/.server/access";
import { caseHistory, findCaseFile } from "~/.server/cases/register";
import { requireAccess } from "~/.server/web/guards";
import { DateTime } from "~/components/DateTime";
import { dayOf } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("caseFile.title", "file.fileNo");

/** One file of the register, with its corrections; admins over its committee, 404 for anyone else. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, target } = await requireAccess(request, "case:read", () => findCaseFile(params.id));
  const f = target.file;
  const history = await caseHistory(f.id);
  return {
    file: {
      id: f.id,
      fileNo: f.fileNo,
      committee: target.committeeName,
      primary: target.primaryName,
      assistants: target.assistants.map((a) => a.name),
      category: f.category,
      source: f.source,
      receivedOn: dayOf(f.receivedOn),
      closedOn: dayOf(f.closedOn),
      outcome: f.outcome,
      agreementForm: f.agreementForm,
      confirmation: f.confirmation,
      followUp: Boolean(f.followUp),
      performed: f.performed,
      parties: f.parties,
      amount: f.amount,
      summary: f.summary,
      voided: Boolean(f.voided),
      voidReason: f.voidReason,
    },
    canEdit: can(user, "case:write", { orgPath: f.orgPath }),
    history,
  };
}

export default function CaseFilePage() {
  const { t } = useTranslation();
  const { file, canEdit, history } = useLoaderData<typeof loader>();
  const none = t("caseFile.none");
  const rows: [string, string][] = [
    [t("caseFile.field.orgUnitId"), file.committee],
    [t("caseFile.field.primaryMediatorId"), file.primary],
    [t("caseFile.field.assistantIds"), file.assistants.join("、") || t("caseFile.assistantsNone")],
    [t("caseFile.field.category"), t(`category.${file.category}`)],
    [t("caseFile.field.source"), t(`caseFile.source.${file.source}`)],
    [t("caseFile.field.receivedOn"), file.receivedOn ?? none],
    [t("caseFile.field.closedOn"), file.closedOn ?? none],
    [t("caseFile.field.outcome"), t(`caseFile.outcome.${file.outcome}`)],
    [t("caseFile.field.agreementForm"), file.agreementForm ? t(`caseFile.agreementForm.${file.agreementForm}`) : none],
    [t("caseFile.field.confirmation"), t(`caseFile.confirmation.${file.confirmation}`)],
    [t("caseFile.field.followUp"), file.followUp ? t("form.yes") : t("form.no")],
    [t("caseFile.field.performed"), file.performed ? t(`caseFile.performed.${file.performed}`) : none],
    [t("caseFile.field.parties"), String(file.parties)],
    [t("caseFile.field.amount"), file.amount == null ? none : file.amount.toLocaleString("zh-CN")],
  ];
  return (
    <div className="space-y-5">
      <Link to="/cases" className="text-sm text-brand-700 underline">
        {t("caseFile.back")}
      </Link>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold text-brand-800">{file.fileNo}</h1>
        {canEdit ? (
          <Link
            to={`/cases/${file.id}/edit`}
            className="flex min-h-11 items-center rounded-md bg-white px-4 text-sm ring-1 ring-stone-300 hover:bg-stone-50"
          >
            {t("caseFile.edit")}
          </Link>
        ) : null}
      </div>
      {file.voided ? (
        <p role="status" className="rounded-md bg-amber-50 p-3 text-amber-950">
          <strong>{t("caseFile.voided")}</strong>：{t("caseFile.voidedHint")}
          {file.voidReason ? `（${file.voidReason}）` : ""}
        </p>
      ) : null}
      <section className="rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6">
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
          {rows.map(([label, value]) => (
            <div key={label} className="border-b border-stone-100 pb-2">
              <dt className="text-xs text-stone-500">{label}</dt>
              <dd className="mt-0.5 text-stone-900">{value}</dd>
            </div>
          ))}
        </dl>
        <h2 className="mt-4 text-sm font-medium text-stone-500">{t("caseFile.field.summary")}</h2>
        <p className="mt-1 whitespace-pre-wrap text-stone-900">{file.summary}</p>
      </section>
      {history.length ? (
        <section aria-labelledby="history" className="space-y-2">
          <h2 id="history" className="text-lg font-semibold">
            {t("caseFile.history")}
          </h2>
          <ul className="space-y-2 text-sm">
            {history.map((h) => (
              <li key={h.id} className="rounded-md bg-white p-3 ring-1 ring-stone-200">
                <DateTime value={h.at} /> · {t(`audit.actions.${h.action.replace(".", "_")}`, { defaultValue: h.action })}
                {h.reason ? <p className="text-stone-700">{h.reason}</p> : null}
                {h.before ? (
                  <p className="break-all text-xs text-stone-500">
                    {h.before} → {h.after}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
