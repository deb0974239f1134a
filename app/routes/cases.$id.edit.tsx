import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess } from "~/.server/web/guards";
import { correctCaseFile, findCaseFile, mediatorChoices } from "~/.server/cases/register";
import { orgOptions } from "~/.server/roster/scope";
import { CaseFileForm } from "~/components/CaseFileForm";
import { caseCorrectionSchema, caseFileSchema, type CaseFileInput } from "~/lib/case-file";
import { dayOf } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("caseFile.edit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, target } = await requireAccess(request, "case:write", () => findCaseFile(params.id));
  const f = target.file;
  const defaultValue: Partial<CaseFileInput> = {
    fileNo: f.fileNo,
    orgUnitId: f.orgUnitId,
    primaryMediatorId: f.primaryMediatorId,
    assistantIds: target.assistants.map((a) => a.id),
    category: f.category,
    source: f.source,
    receivedOn: dayOf(f.receivedOn)!,
    closedOn: dayOf(f.closedOn)!,
    outcome: f.outcome,
    agreementForm: f.agreementForm ?? undefined,
    confirmation: f.confirmation,
    followUp: Boolean(f.followUp),
    performed: f.performed ?? undefined,
    parties: f.parties,
    amount: f.amount ?? undefined,
    summary: f.summary,
  };
  return {
    id: f.id,
    fileNo: f.fileNo,
    defaultValue,
    committees: await orgOptions(actor.scopes, { committeesOnly: true }),
    mediators: (await mediatorChoices(actor.scopes, f.orgUnitId)).mediators,
  };
}

/** A correction after entry: audited with what changed and the reason given. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, target } = await requireAccess(request, "case:write", () => findCaseFile(params.id));
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema: caseFileSchema });
  const reason = caseCorrectionSchema.safeParse({ reason: form.get("reason") ?? undefined });
  const reasonErrors: Record<string, string[]> = reason.success ? {} : { reason: reason.error.issues.map((i) => i.message) };
  if (submission.status !== "success") {
    return data(
      { result: submission.reply({ fieldErrors: { ...submission.error, ...reasonErrors } as Record<string, string[]> }) },
      { status: 400 },
    );
  }
  if (!reason.success) return data({ result: submission.reply({ fieldErrors: reasonErrors }) }, { status: 400 });
  const result = await correctCaseFile(actor, target.file.id, submission.value, reason.data.reason);
  if (!result.ok) return data({ result: submission.reply({ fieldErrors: result.errors as Record<string, string[]> }) }, { status: 400 });
  throw redirect(`/cases/${target.file.id}`);
}

export default function CorrectCaseFile() {
  const { t } = useTranslation();
  const { id, fileNo, defaultValue, committees, mediators } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <Link to={`/cases/${id}`} className="text-sm text-brand-700 underline">
        {t("caseFile.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{`${t("caseFile.edit")} · ${fileNo}`}</h1>
      <div className="rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6">
        <CaseFileForm
          lastResult={actionData?.result}
          defaultValue={defaultValue}
          committees={committees}
          mediators={mediators}
          correction
        />
      </div>
    </div>
  );
}
