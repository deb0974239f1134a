import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { findEvent } from "~/.server/events/events";
import { requireAccess } from "~/.server/web/guards";
import { checkIn } from "~/.server/events/events";
import { SubmitButton, inputClass } from "~/components/form";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("events.checkIn", "title");

/** A mediator in the audience checks in from their phone with the code shown at the venue. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = (await requireAccess(request, "event:read", (user) => findEvent(user, params.id))).target;
  return { id: event.id, title: event.title };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, target: { event } } = await requireAccess(request, "event:read", (user) => findEvent(user, params.id));
  const code = String((await request.formData()).get("code") ?? "");
  const result = await checkIn(user, event, code);
  if (!result.ok) return data({ error: `events.checkinError.${result.error}` }, { status: result.error === "rateLimited" ? 429 : 400 });
  throw redirect(`/events/${event.id}`);
}

export default function Attend() {
  const { t } = useTranslation();
  const { id, title } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-sm space-y-4">
      <Link to={`/events/${id}`} className="text-sm text-brand-700 underline">{title}</Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("events.checkIn")}</h1>
      <Form method="post" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200">
        <label className="block text-sm font-medium">
          {t("events.enterCode")}
          <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required className={`${inputClass} mt-1 text-center font-mono text-2xl tracking-widest`} />
        </label>
        {actionData?.error ? <p role="alert" className="text-sm text-seal-600">{t(actionData.error)}</p> : null}
        <SubmitButton className="w-full">{t("events.checkIn")}</SubmitButton>
      </Form>
    </div>
  );
}
