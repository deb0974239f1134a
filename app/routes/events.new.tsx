import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess } from "~/.server/web/guards";
import { ONCE_FIELD, onceToken, submitOnce } from "~/.server/web/form-once";
import { clientIp } from "~/.server/web/session";
import { createEvent, trainerOptions } from "~/.server/events/events";
import { EventForm } from "~/components/EventForm";
import { orgOptions } from "~/.server/roster/scope";
import { eventSchema } from "~/lib/event";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("events.new");

/** Trainers and bureau admins create events for their subtree. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scopes } = await requireAccess(request, "event:create");
  const trainers = new Map<number, string>();
  for (const scope of scopes) for (const tr of await trainerOptions(scope.path)) trainers.set(tr.id, tr.name);
  return {
    orgs: await orgOptions(scopes, { limit: 2000 }),
    trainers: [...trainers].map(([id, name]) => ({ id, name })),
    once: onceToken(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireAccess(request, "event:create");
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema: eventSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  return submitOnce(user.id, form.get(ONCE_FIELD), submission.value, async () => {
    const created = await createEvent(user, submission.value, clientIp(request));
    if (!created.ok)
      return data({ result: submission.reply({ fieldErrors: created.errors as unknown as Record<string, string[]> }) }, { status: 400 });
    throw redirect(`/events/${created.event.id}`);
  });
}

export default function NewEvent() {
  const { t } = useTranslation();
  const { orgs, trainers, once } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <Link to="/events" className="text-sm text-brand-700 underline">
        {t("events.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("events.new")}</h1>
      <EventForm lastResult={actionData?.result} orgs={orgs} trainers={trainers} submitLabel={t("events.create")} once={once} />
    </div>
  );
}
