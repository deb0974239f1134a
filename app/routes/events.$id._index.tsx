import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/.server/access";
import { findEvent } from "~/.server/events/events";
import { requireAccess } from "~/.server/web/guards";
import { addWalkin, adjustHours, cancelRegistration, mayRegister, register, tickAttendance } from "~/.server/events/events";
import { eventPage } from "~/.server/events/page";
import { clientIp } from "~/.server/web/session";
import { refuse } from "~/.server/web/reply";
import { adjustHoursSchema, walkinSchema, walkinSearchSchema } from "~/lib/event";
import { ErrorList, FormErrors, SubmitButton, inputClass, resultFor } from "~/components/form";
import { pageTitle } from "~/lib/meta";
import { formatDate, dateFormat } from "~/lib/dates";
import { badRequest, readFormData } from "~/.server/web/form";
import { useTimeZone } from "~/utils/time-zone";

export const meta = pageTitle("events.title", "event.title");

/** An event: audience members register or cancel; organisers see the roster, tick attendance and add walk-ins. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, target } = await requireAccess(request, "event:read", (user) => findEvent(user, params.id));
  const who = walkinSearchSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  return eventPage(user, target, { who: who.success ? who.data.who : undefined });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, target } = await requireAccess(request, "event:read", (user) => findEvent(user, params.id));
  const { event } = target;
  const organiser = can(user, "event:run", target);
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "register") {
    if (await mayRegister(user, target)) await register(user.id, event.id);
  } else if (intent === "cancel") await cancelRegistration(user.id, event.id);
  else if (intent === "attendance" && organiser) {
    await tickAttendance(event, form.getAll("registration").map(Number).filter(Number.isSafeInteger));
  } else if (intent === "walkin" && organiser) {
    const submission = parseWithZod(form, { schema: walkinSchema });
    if (submission.status !== "success") return refuse(submission.reply());
    const added = await addWalkin(user, event, submission.value.mediator, clientIp(request));
    if (!added.ok) return refuse(submission.reply({ formErrors: [added.error] }));
  } else if (intent === "adjust" && organiser) {
    const submission = parseWithZod(form, {
      schema: adjustHoursSchema.refine((v) => v.hours <= event.hours, { path: ["hours"], message: "events.adjustRange" }),
    });
    if (submission.status !== "success") return refuse(submission.reply());
    const { registration, hours, reason } = submission.value;
    if (!(await adjustHours(user, event, registration, hours, reason, clientIp(request)))) {
      return refuse(submission.reply({ fieldErrors: { registration: ["events.adjustNotAttended"] } }));
    }
  } else throw badRequest("intent");
  // After adding a walk-in the organiser stays on their search for the next one.
  throw redirect(`/events/${event.id}${intent === "walkin" ? new URL(request.url).search : ""}`);
}

export default function EventDetail() {
  const { t, i18n } = useTranslation();
  const {
    event,
    confirmed,
    waitlisted,
    mine,
    organiser,
    roster,
    cancelled,
    materials,
    trainers,
    specialties,
    organisedBy,
    runs,
    checkin,
    who,
    candidates,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [walkinForm] = useForm({ id: "walkin", lastResult: resultFor(actionData?.result, "walkin") });
  const [adjustForm, adjust] = useForm({
    id: "adjust",
    lastResult: resultFor(actionData?.result, "adjust"),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: adjustHoursSchema }),
  });
  const timeZone = useTimeZone();
  const when = dateFormat(i18n.language, { dateStyle: "full", timeStyle: "short", timeZone });
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
          <dd>{formatDate(when, event.startsAt, t("harden.invalidDate"))}</dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("events.field.endsAt")}</dt>
          <dd>{formatDate(when, event.endsAt, t("harden.invalidDate"))}</dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("events.organiserLabel")}</dt>
          <dd>{organisedBy.person ? t("events.organisedBy", organisedBy) : organisedBy.unit}</dd>
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
        {runs ? (
          <p className="text-stone-700">{t("events.youRunIt")}</p>
        ) : mine && mine.status !== "cancelled" ? (
          <div className="space-y-2">
            <p className="font-medium text-brand-800">{mine.attended ? t("events.attended") : t(`events.registration.${mine.status}`)}</p>
            {!mine.attended && !cancelled ? (
              <>
                {checkin.state === "open" ? null : (
                  <p className="text-sm text-stone-600" data-testid="checkin-window">
                    {checkin.state === "before"
                      ? t("events.checkinOpensAt", { time: when.format(new Date(checkin.opensAt)) })
                      : t("events.checkinClosed")}
                  </p>
                )}
                <div className="flex flex-wrap gap-2">
                  {checkin.state === "open" ? (
                    <Link to={`/events/${event.id}/attend`} className="flex min-h-11 items-center rounded-md bg-brand-700 px-4 text-white">
                      {t("events.checkIn")}
                    </Link>
                  ) : null}
                  {checkin.state === "closed" ? null : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="cancel" />
                      <button type="submit" className="min-h-11 rounded-md px-3 text-seal-600 ring-1 ring-seal-600">
                        {t("events.cancel")}
                      </button>
                    </Form>
                  )}
                </div>
              </>
            ) : null}
          </div>
        ) : cancelled ? null : checkin.state === "closed" ? (
          <p className="text-stone-600">{t("events.ended")}</p>
        ) : (
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
          {cancelled ? null : (
            <div className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
              <h2 className="font-semibold">{t("events.walkinTitle")}</h2>
              <Form method="get" className="flex flex-wrap gap-2" role="search">
                <input
                  type="search"
                  name="who"
                  defaultValue={who}
                  maxLength={50}
                  required
                  aria-label={t("events.walkinSearch")}
                  placeholder={t("events.walkinSearch")}
                  className={`${inputClass} max-w-xs flex-1`}
                />
                <SubmitButton>{t("events.walkinFind")}</SubmitButton>
              </Form>
              <FormErrors id={walkinForm.errorId} errors={walkinForm.errors} />
              {who && candidates.length === 0 ? <p className="text-sm text-stone-600">{t("events.walkinNone")}</p> : null}
              {candidates.length ? (
                <ul className="divide-y divide-stone-100">
                  {candidates.map((c) => (
                    <li key={c.id} className="flex flex-wrap items-center gap-2 py-2 text-sm">
                      <span className="font-medium">{c.name}</span>
                      <span className="text-stone-500">{c.committee}</span>
                      {c.attended ? (
                        <span className="ml-auto text-stone-500">{t("events.attended")}</span>
                      ) : (
                        <Form method="post" className="ml-auto">
                          <input type="hidden" name="intent" value="walkin" />
                          <input type="hidden" name="mediator" value={c.id} />
                          <button
                            type="submit"
                            className="min-h-11 rounded-md px-3 text-brand-700 ring-1 ring-brand-700"
                            aria-label={t("events.walkinAddName", { name: c.name })}
                          >
                            {t("events.walkinAdd")}
                          </button>
                        </Form>
                      )}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          )}
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
