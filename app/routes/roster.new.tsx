import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess } from "~/.server/web/guards";
import { ONCE_FIELD, onceToken, submitOnce } from "~/.server/web/form-once";
import { createMediator } from "~/.server/roster/mutations";
import { orgOptions } from "~/.server/roster/scope";
import { MediatorForm } from "~/components/MediatorForm";
import { mediatorSchema } from "~/lib/mediator";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("roster.new");

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAccess(request, "roster:write");
  return { committees: await orgOptions(actor.scopes, { committeesOnly: true }), once: onceToken() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAccess(request, "roster:write");
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema: mediatorSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  return submitOnce(actor.id, form.get(ONCE_FIELD), submission.value, async () => {
    const result = await createMediator(actor, submission.value);
    if (!result.ok) return data({ result: submission.reply({ fieldErrors: result.errors as Record<string, string[]> }) }, { status: 400 });
    throw redirect(`/roster/${result.value.id}`);
  });
}

export default function NewMediator() {
  const { t } = useTranslation();
  const { committees, once } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <Link to="/roster" className="text-sm text-brand-700 underline">
        {t("roster.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("roster.new")}</h1>
      <div className="rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6">
        <MediatorForm lastResult={actionData?.result} committees={committees} once={once} />
      </div>
    </div>
  );
}
