import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { findMediator } from "~/.server/roster/queries";
import { requireAccess } from "~/.server/web/guards";
import type { MediatorSpecialty } from "~/.server/db/models";
import { updateMediator } from "~/.server/roster/mutations";
import { orgOptions } from "~/.server/roster/scope";
import { MediatorForm } from "~/components/MediatorForm";
import { maskIdCard, mediatorSchema, type MediatorInput } from "~/lib/mediator";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("roster.title", "name");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, target: mediator } = await requireAccess(request, "roster:write", () => findMediator(params.id));
  const defaultValue: Partial<MediatorInput> = {
    name: mediator.name,
    gender: mediator.gender,
    birthYear: mediator.birthYear ?? undefined,
    phone: mediator.phone ?? undefined,
    education: mediator.education ?? undefined,
    orgUnitId: mediator.orgUnitId,
    employment: mediator.employment,
    appointedOn: mediator.appointedOn ?? undefined,
    specialties: (mediator.get("specialties") as MediatorSpecialty[]).map((s) => s.category) as MediatorInput["specialties"],
    isExpert: mediator.isExpert,
  };
  return {
    id: mediator.id,
    name: mediator.name,
    defaultValue,
    idCardMasked: maskIdCard(mediator.idCardLast4),
    committees: await orgOptions(actor.scopes, { committeesOnly: true }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, target: mediator } = await requireAccess(request, "roster:write", () => findMediator(params.id));
  const submission = parseWithZod(await readFormData(request), { schema: mediatorSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await updateMediator(actor, mediator, submission.value);
  if (!result.ok) return data({ result: submission.reply({ fieldErrors: result.errors as Record<string, string[]> }) }, { status: 400 });
  throw redirect(`/roster/${mediator.id}`);
}

export default function EditMediator() {
  const { t } = useTranslation();
  const { id, name, defaultValue, idCardMasked, committees } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <Link to={`/roster/${id}`} className="text-sm text-brand-700 underline">
        {t("roster.backToProfile")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("roster.editTitle", { name })}</h1>
      <div className="rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6">
        <MediatorForm lastResult={actionData?.result} defaultValue={defaultValue} committees={committees} idCardMasked={idCardMasked} />
      </div>
    </div>
  );
}
