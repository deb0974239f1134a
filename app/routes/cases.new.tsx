import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess } from "~/.server/web/guards";
import { ONCE_FIELD, onceToken, submitOnce } from "~/.server/form-once";
import { createCaseFile, mediatorOptions } from "~/.server/cases/register";
import { orgOptions } from "~/.server/roster/scope";
import { CaseFileForm } from "~/components/CaseFileForm";
import { caseFileSchema } from "~/lib/case-file";

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAccess(request, "case:write");
  return {
    committees: await orgOptions(actor.scopes, { committeesOnly: true }),
    mediators: await mediatorOptions(actor.scopes),
    once: onceToken(),
  };
}

/** Admins of a committee, township or bureau: enter one file of the register. */
export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAccess(request, "case:write");
  const form = await request.formData();
  const submission = parseWithZod(form, { schema: caseFileSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  return submitOnce(actor.id, form.get(ONCE_FIELD), submission.value, async () => {
    const result = await createCaseFile(actor, submission.value);
    if (!result.ok) return data({ result: submission.reply({ fieldErrors: result.errors as Record<string, string[]> }) }, { status: 400 });
    throw redirect(`/cases/${result.file.id}`);
  });
}

export default function NewCaseFile() {
  const { t } = useTranslation();
  const { committees, mediators, once } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <Link to="/cases" className="text-sm text-brand-700 underline">{t("caseFile.back")}</Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("caseFile.new")}</h1>
      <div className="rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6">
        <CaseFileForm lastResult={actionData?.result} committees={committees} mediators={mediators} once={once} defaultValue={{ confirmation: "none", parties: 2 }} />
      </div>
    </div>
  );
}
