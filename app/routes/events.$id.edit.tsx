import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { clientIp } from "~/.server/web/session";
import { requireAccess, requireCan } from "~/.server/web/guards";
import { cancelEvent, findEvent, organiserScopes, toChinaLocal, trainerOptions, updateEvent } from "~/.server/events/events";
import { EventForm } from "~/components/EventForm";
import { EventTrainer, OrgUnit } from "~/.server/db/models";
import { orgOptions } from "~/.server/roster/scope";
import { SubmitButton, inputClass, useErrorText } from "~/components/form";
import { eventSchema } from "~/lib/event";
import { requiredText } from "~/lib/validation";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("events.edit");

async function requireOrganiser(request: Request, id: string | undefined) {
  const { user, target } = await requireAccess(request, "event:read", (user) => findEvent(user, id));
  requireCan(user, "event:run", target);
  return { user, event: target.event };
}

/** Organisers edit or cancel an event. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, event } = await requireOrganiser(request, params.id);
  const audience = (await OrgUnit.findByPk(event.audienceOrgUnitId, { attributes: ["path"] }))!;
  const chosenTrainers = (await EventTrainer.findAll({ where: { eventId: event.id } })).map((t) => t.userId);
  return {
    trainers: await trainerOptions(audience.path),
    chosen: { specialties: event.audienceSpecialties ?? [], trainerIds: chosenTrainers },
    id: event.id,
    materialError: new URL(request.url).searchParams.get("materialError"),
    cancelled: event.status === "cancelled",
    orgs: (await orgOptions(organiserScopes(user), { limit: 1000 })).filter((o) => o.kind !== "committee"),
    defaultValue: {
      title: event.title,
      form: event.form,
      kind: event.kind,
      startsAt: toChinaLocal(event.startsAt),
      endsAt: toChinaLocal(event.endsAt),
      hours: String(event.hours),
      place: event.place,
      capacity: String(event.capacity),
      audienceOrgUnitId: String(event.audienceOrgUnitId),
      description: event.description ?? "",
      specialties: event.audienceSpecialties ?? [],
      trainerIds: chosenTrainers.map(String),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, event } = await requireOrganiser(request, params.id);
  const form = await request.formData();
  if (form.get("intent") === "cancel") {
    const reason = requiredText(500).safeParse(form.get("reason") ?? undefined);
    if (!reason.success) return data({ result: null, cancelError: reason.error.issues[0].message }, { status: 400 });
    await cancelEvent(user, event, reason.data, clientIp(request));
    throw redirect(`/events/${event.id}`);
  }
  const submission = parseWithZod(form, { schema: eventSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), cancelError: null }, { status: 400 });
  const updated = await updateEvent(user, event, submission.value, clientIp(request));
  if (!updated.ok) return data({ result: submission.reply({ fieldErrors: updated.errors as unknown as Record<string, string[]> }), cancelError: null }, { status: 400 });
  throw redirect(`/events/${event.id}`);
}

export default function EditEvent() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { id, orgs, defaultValue, cancelled, materialError, trainers, chosen } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <Link to={`/events/${id}`} className="text-sm text-brand-700 underline">{t("events.back")}</Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("events.edit")}</h1>
      <EventForm lastResult={actionData?.result} defaultValue={defaultValue} orgs={orgs} trainers={trainers} chosen={chosen} submitLabel={t("form.save")} />
      <Form method="post" action={`/events/${id}/materials`} encType="multipart/form-data" className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
        <label className="block text-sm font-medium">
          {t("events.uploadMaterials")}
          <input type="file" name="files" multiple accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" className="mt-1 block w-full text-sm" />
        </label>
        <p className="text-xs text-stone-500">{t("events.materialsHint")}</p>
        {materialError ? <p role="alert" className="text-sm text-seal-600">{errorText(materialError)}</p> : null}
        <SubmitButton>{t("events.upload")}</SubmitButton>
      </Form>
      {!cancelled ? (
        <Form method="post" className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
          <input type="hidden" name="intent" value="cancel" />
          <label className="block text-sm font-medium">
            {t("events.cancelReason")}
            <textarea name="reason" rows={2} maxLength={500} className={inputClass} />
          </label>
          {actionData?.cancelError ? <p role="alert" className="text-sm text-seal-600">{errorText(actionData.cancelError)}</p> : null}
          <button type="submit" className="min-h-11 rounded-md px-4 text-seal-600 ring-1 ring-seal-600">{t("events.cancelEvent")}</button>
        </Form>
      ) : null}
    </div>
  );
}
