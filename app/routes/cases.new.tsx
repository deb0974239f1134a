import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess } from "~/.server/web/guards";
import { ONCE_FIELD, onceToken, submitOnce } from "~/.server/web/form-once";
import { createCaseFile, mediatorChoices } from "~/.server/cases/register";
import { orgOptions } from "~/.server/roster/scope";
import { CaseFileForm } from "~/components/CaseFileForm";
import { SubmitButton, inputClass } from "~/components/form";
import { caseFileSchema } from "~/lib/case-file";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("caseFile.new");

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAccess(request, "case:write");
  const committee = Number(new URL(request.url).searchParams.get("committee")) || undefined;
  const choices = await mediatorChoices(actor.scopes, committee);
  return { committees: await orgOptions(actor.scopes, { committeesOnly: true }), committee, ...choices, once: onceToken() };
}

/** Admins of a committee, township or bureau: enter one file of the register. */
export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAccess(request, "case:write");
  const form = await readFormData(request);
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
  const { committees, committee, mediators, needsCommittee, once } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <Link to="/cases" className="text-sm text-brand-700 underline">
        {t("caseFile.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("caseFile.new")}</h1>
      <div className="rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6">
        {needsCommittee ? (
          // A large area: the committee first, so the mediator lists stay short.
          <Form method="get" className="space-y-3">
            <label className="block text-sm font-medium">
              {t("caseFile.field.orgUnitId")}
              <select name="committee" required className={`mt-1 ${inputClass}`}>
                <option value="">{t("form.choose")}</option>
                {committees.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <SubmitButton>{t("caseFile.next")}</SubmitButton>
          </Form>
        ) : (
          <CaseFileForm
            lastResult={actionData?.result}
            committees={committees}
            mediators={mediators}
            once={once}
            defaultValue={{ confirmation: "none", parties: 2, orgUnitId: committee }}
          />
        )}
      </div>
    </div>
  );
}
