import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { clientIp } from "~/.server/web/session";
import { requireAccess, requireCan } from "~/.server/web/guards";
import { cancelEvent, findEvent, organiserScopes, toChinaLocal, trainerOptions, updateEvent } from "~/.server/events/events";
import { EventForm } from "~/components/EventForm";
import { EventTrainer, OrgUnit } from "~/.server/db/models";
import { orgOptions } from "~/.server/roster/scope";
import { ErrorList, SubmitButton, inputClass, resultBesides, resultFor } from "~/components/form";
import { refusal, refuse } from "~/.server/web/reply";
import { filesFrom, readForm } from "~/.server/web/uploads";
import { addMaterials } from "~/.server/events/materials";
import { tooLargeError } from "~/.server/uploads";
import { cancelEventSchema, eventSchema } from "~/lib/event";
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
    cancelled: event.status === "cancelled",
    orgs: await orgOptions(organiserScopes(user), { limit: 2000 }),
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
  const form = await readForm(request);
  // Only the materials form is multipart: a file over the limit stops the reading.
  if (!form) return refuse(refusal({ fieldErrors: { files: [tooLargeError] } }, { intent: "materials" }), 413);
  if (form.get("intent") === "materials") {
    const added = await addMaterials(event, await filesFrom(form), user.id);
    if (!added.ok)
      return refuse(
        refusal({ fieldErrors: { files: [added.error] } }, { intent: "materials" }),
        added.error.includes("tooManyFiles") ? 409 : 400,
      );
    throw redirect(`/events/${event.id}`);
  }
  if (form.get("intent") === "cancel") {
    const cancel = parseWithZod(form, { schema: cancelEventSchema });
    if (cancel.status !== "success") return refuse(cancel.reply());
    await cancelEvent(user, event, cancel.value.reason, clientIp(request));
    throw redirect(`/events/${event.id}`);
  }
  const submission = parseWithZod(form, { schema: eventSchema });
  if (submission.status !== "success") return refuse(submission.reply());
  const updated = await updateEvent(user, event, submission.value, clientIp(request));
  if (!updated.ok) return refuse(submission.reply({ fieldErrors: updated.errors as unknown as Record<string, string[]> }));
  throw redirect(`/events/${event.id}`);
}

export default function EditEvent() {
  const { t } = useTranslation();
  const { id, orgs, defaultValue, cancelled, trainers, chosen } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [materialsForm, materials] = useForm<{ files: File[] }>({
    id: "materials",
    lastResult: resultFor(actionData?.result, "materials"),
  });
  const [cancelForm, cancel] = useForm({
    id: "cancel",
    lastResult: resultFor(actionData?.result, "cancel"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cancelEventSchema }),
  });
  return (
    <div className="space-y-4">
      <Link to={`/events/${id}`} className="text-sm text-brand-700 underline">
        {t("events.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("events.edit")}</h1>
      <EventForm
        lastResult={resultBesides(actionData?.result, ["cancel", "materials"])}
        defaultValue={defaultValue}
        orgs={orgs}
        trainers={trainers}
        chosen={chosen}
        submitLabel={t("form.save")}
      />
      <Form
        method="post"
        encType="multipart/form-data"
        {...getFormProps(materialsForm)}
        className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200"
      >
        <input type="hidden" name="intent" value="materials" />
        <label className="block text-sm font-medium">
          {t("events.uploadMaterials")}
          <input
            {...getInputProps(materials.files, { type: "file" })}
            multiple
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            className="mt-1 block w-full text-sm"
          />
        </label>
        <p className="text-xs text-stone-500">{t("events.materialsHint")}</p>
        <ErrorList id={materials.files.errorId} errors={materials.files.errors} />
        <SubmitButton>{t("events.upload")}</SubmitButton>
      </Form>
      {!cancelled ? (
        <Form method="post" {...getFormProps(cancelForm)} className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
          <input type="hidden" name="intent" value="cancel" />
          <label className="block text-sm font-medium">
            {t("events.cancelReason")}
            <textarea {...getTextareaProps(cancel.reason)} rows={2} maxLength={500} className={inputClass} />
          </label>
          <ErrorList id={cancel.reason.errorId} errors={cancel.reason.errors} />
          <button type="submit" className="min-h-11 rounded-md px-4 text-seal-600 ring-1 ring-seal-600">
            {t("events.cancelEvent")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
