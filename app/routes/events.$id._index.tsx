import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { attachmentViews } from "~/.server/attachments";
import { EventRegistration, EventTrainer, User } from "~/.server/db/models";
import { can } from "~/.server/access";
import { findEvent } from "~/.server/events/events";
import { requireAccess } from "~/.server/web/guards";
import { adjustHours, cancelRegistration, register, tickAttendance } from "~/.server/events/events";
import { clientIp } from "~/.server/web/session";
import { refuse } from "~/.server/web/reply";
import { adjustHoursSchema } from "~/lib/event";
import { ErrorList, FormErrors, SubmitButton, inputClass, resultFor } from "~/components/form";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("events.title", "event.title");

/** An event: audience members register or cancel; organisers see the roster and tick attendance. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, target } = await requireAccess(request, "event:read", (user) => findEvent(user, params.id));
  const { event } = target;
  const organiser = can(user, "event:run", target);
  const registrations = await EventRegistration.findAll({
    where: { eventId: event.id },
    include: [{ model: User, as: "user", attributes: ["displayName"] }],
    order: [
      ["registeredAt", "ASC"],
      ["id", "ASC"],
    ],
  });
  const mine = registrations.find((r) => r.userId === user.id);
  const materials = await attachmentViews("event", event.id);
  const trainerIds = (await EventTrainer.findAll({ where: { eventId: event.id } })).map((t) => t.userId);
  const trainers = trainerIds.length
    ? (await User.findAll({ where: { id: trainerIds }, attributes: ["displayName"] })).map((u) => u.displayName)
    : [];
  const confirmed = registrations.filter((r) => r.status === "confirmed").length;
  return {
    cancelled: event.status === "cancelled",
    materials,
    trainers,
    specialties: event.audienceSpecialties ?? [],
    event: {
      id: event.id,
      title: event.title,
      form: event.form,
      kind: event.kind,
      startsAt: event.startsAt.toISOString(),
      endsAt: event.endsAt.toISOString(),
      hours: event.hours,
      place: event.place,
      capacity: event.capacity,
      description: event.description,
    },
    confirmed,
    waitlisted: registrations.filter((r) => r.status === "waitlisted").length,
    mine: mine ? { status: mine.status, attended: Boolean(mine.attendedAt) } : null,
    organiser,
    roster: organiser
      ? registrations
          .filter((r) => r.status !== "cancelled")
          .map((r) => ({ id: r.id, name: (r.get("user") as User).displayName, status: r.status, attended: Boolean(r.attendedAt) }))
      : [],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, target } = await requireAccess(request, "event:read", (user) => findEvent(user, params.id));
  const { event } = target;
  const organiser = can(user, "event:run", target);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "register") await register(user.id, event.id);
  else if (intent === "cancel") await cancelRegistration(user.id, event.id);
  else if (intent === "attendance" && organiser) {
    await tickAttendance(event, form.getAll("registration").map(Number).filter(Number.isSafeInteger));
  } else if (intent === "adjust" && organiser) {
    const submission = parseWithZod(form, {
      schema: adjustHoursSchema.refine((v) => v.hours <= event.hours, { path: ["hours"], message: "events.adjustRange" }),
    });
    if (submission.status !== "success") return refuse(submission.reply());
    const { registration, hours, reason } = submission.value;
    if (!(await adjustHours(user, event, registration, hours, reason, clientIp(request)))) {
      return refuse(submission.reply({ fieldErrors: { registration: ["events.adjustNotAttended"] } }));
    }
  } else return new Response("Bad Request", { status: 400 });
  throw redirect(`/events/${event.id}`);
}

export default function EventDetail() {
  const { t, i18n } = useTranslation();
  const { event, confirmed, waitlisted, mine, organiser, roster, cancelled, materials, trainers, specialties } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [adjustForm, adjust] = useForm({
    id: "adjust",
    lastResult: resultFor(actionData?.result, "adjust"),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: adjustHoursSchema }),
  });
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: "full", timeStyle: "short", timeZone: "Asia/Shanghai" });
  return (
    <div className="space-y-5">
      <Link to="/events" className="text-sm text-brand-700 underline">
        {t("events.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{event.title}</h1>
      {cancelled ? (
        <p role="status" className="rounded bg-amber-50 p-3 text-amber-950">
          {t("events.cancelled")}
        </p>
      ) : null}
      <dl className="grid gap-2 rounded-lg bg-white p-4 text-sm ring-1 ring-stone-200 sm:grid-cols-2">
        <div>
          <dt className="text-stone-500">{t("events.field.startsAt")}</dt>
          <dd>{when.format(new Date(event.startsAt))}</dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("events.field.place")}</dt>
          <dd>{event.place}</dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("events.field.form")}</dt>
          <dd>
            {t(`trainingForm.${event.form}`)} · {t(`courseKind.${event.kind}`)}
          </dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("events.field.hours")}</dt>
          <dd>{event.hours}</dd>
        </div>
        {trainers.length ? (
          <div>
            <dt className="text-stone-500">{t("events.field.trainers")}</dt>
            <dd>{trainers.join("、")}</dd>
          </div>
        ) : null}
        {specialties.length ? (
          <div>
            <dt className="text-stone-500">{t("events.field.specialties")}</dt>
            <dd>{specialties.map((c) => t(`category.${c}`)).join("、")}</dd>
          </div>
        ) : null}
        <div>
          <dt className="text-stone-500">{t("events.field.capacity")}</dt>
          <dd>{t("events.seats", { confirmed, capacity: event.capacity, waitlisted })}</dd>
        </div>
      </dl>
      {event.description ? <p className="whitespace-pre-line text-stone-700">{event.description}</p> : null}
      {materials.length ? (
        <section aria-labelledby="materials">
          <h2 id="materials" className="font-semibold">
            {t("events.materials")}
          </h2>
          <ul className="mt-1 space-y-1">
            {materials.map((m) => (
              <li key={m.id}>
                <a href={`/events/${event.id}/materials/${m.id}`} className="text-brand-700 underline">
                  {m.name}
                </a>{" "}
                <span className="text-xs text-stone-500">{Math.ceil(m.size / 1024)} KB</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <a href={`/events/${event.id}/calendar.ics`} className="inline-block text-sm text-brand-700 underline">
        {t("events.addToCalendar")}
      </a>
      <section className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
        {mine && mine.status !== "cancelled" ? (
          <div className="space-y-2">
            <p className="font-medium text-brand-800">{mine.attended ? t("events.attended") : t(`events.registration.${mine.status}`)}</p>
            {!mine.attended ? (
              <div className="flex flex-wrap gap-2">
                <Link to={`/events/${event.id}/attend`} className="rounded-md bg-brand-700 px-4 py-2 text-white">
                  {t("events.checkIn")}
                </Link>
                <Form method="post">
                  <input type="hidden" name="intent" value="cancel" />
                  <button type="submit" className="min-h-11 rounded-md px-3 text-seal-600 ring-1 ring-seal-600">
                    {t("events.cancel")}
                  </button>
                </Form>
              </div>
            ) : null}
          </div>
        ) : cancelled ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value="register" />
            <SubmitButton>{t("events.register")}</SubmitButton>
          </Form>
        )}
      </section>
      {organiser ? (
        <section className="space-y-3">
          <Link to={`/events/${event.id}/edit`} className="mr-2 inline-block rounded-md bg-white px-4 py-2 ring-1 ring-stone-300">
            {t("events.edit")}
          </Link>
          <Link to={`/events/${event.id}/checkin`} className="inline-block rounded-md bg-white px-4 py-2 ring-1 ring-stone-300">
            {t("events.checkinScreen")}
          </Link>
          <Form method="post" className="space-y-2">
            <input type="hidden" name="intent" value="attendance" />
            <h2 className="font-semibold">{t("events.roster")}</h2>
            <ul className="divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200">
              {roster.map((r) => (
                <li key={r.id} className="flex items-center gap-3 p-3 text-sm">
                  <input
                    type="checkbox"
                    name="registration"
                    value={r.id}
                    defaultChecked={r.attended}
                    disabled={r.attended}
                    aria-label={r.name}
                    className="size-5"
                  />
                  <span>{r.name}</span>
                  <span className="text-stone-500">{r.attended ? t("events.attended") : t(`events.registration.${r.status}`)}</span>
                </li>
              ))}
            </ul>
            <SubmitButton>{t("events.saveAttendance")}</SubmitButton>
          </Form>
          {roster.some((r) => r.attended) ? (
            <Form method="post" {...getFormProps(adjustForm)} className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
              <input type="hidden" name="intent" value="adjust" />
              <h2 className="font-semibold">{t("events.adjustTitle")}</h2>
              <div className="grid gap-2 sm:grid-cols-3">
                <div>
                  <select {...getSelectProps(adjust.registration)} aria-label={t("events.adjustWho")} className={inputClass}>
                    {roster
                      .filter((r) => r.attended)
                      .map((r) => (
                        <option key={r.id} value={r.id}>
                          {r.name}
                        </option>
                      ))}
                  </select>
                  <ErrorList id={adjust.registration.errorId} errors={adjust.registration.errors} />
                </div>
                <div>
                  <input
                    {...getInputProps(adjust.hours, { type: "number" })}
                    step="0.5"
                    min="0"
                    max={event.hours}
                    defaultValue={adjust.hours.initialValue ?? event.hours}
                    aria-label={t("events.field.hours")}
                    className={inputClass}
                  />
                  <ErrorList id={adjust.hours.errorId} errors={adjust.hours.errors} />
                </div>
                <div>
                  <input
                    {...getInputProps(adjust.reason, { type: "text" })}
                    maxLength={500}
                    placeholder={t("events.adjustReason")}
                    aria-label={t("events.adjustReason")}
                    className={inputClass}
                  />
                  <ErrorList id={adjust.reason.errorId} errors={adjust.reason.errors} />
                </div>
              </div>
              <FormErrors id={adjustForm.errorId} errors={adjustForm.errors} />
              <SubmitButton>{t("events.adjust")}</SubmitButton>
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
