import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { findEvent } from "~/.server/events/events";
import { requireAccess } from "~/.server/web/guards";
import { checkIn } from "~/.server/events/events";
import { attendPage } from "~/.server/events/page";
import { refuse } from "~/.server/web/reply";
import { ErrorList, FormErrors, SubmitButton, inputClass } from "~/components/form";
import { checkinSchema } from "~/lib/event";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";
import { useTimeZone } from "~/utils/time-zone";
import { dateFormat } from "~/lib/dates";

export const meta = pageTitle("events.checkIn", "title");

/** A mediator in the audience checks in from their phone with the code shown at the venue. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, target } = await requireAccess(request, "event:read", (user) => findEvent(user, params.id));
  return attendPage(user, target.event);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const {
    user,
    target: { event },
  } = await requireAccess(request, "event:read", (user) => findEvent(user, params.id));
  const submission = parseWithZod(await readFormData(request), { schema: checkinSchema });
  if (submission.status !== "success") return refuse(submission.reply());
  const result = await checkIn(user, event, submission.value.code);
  if (!result.ok) {
    const error = `events.checkinError.${result.error}`;
    return refuse(
      submission.reply(result.error === "code" ? { fieldErrors: { code: [error] } } : { formErrors: [error] }),
      result.error === "rateLimited" ? 429 : 400,
    );
  }
  throw redirect(`/events/${event.id}`);
}

export default function Attend() {
  const { t, i18n } = useTranslation();
  const { id, title, attended, cancelled, checkin } = useLoaderData<typeof loader>();
  const timeZone = useTimeZone();
  const when = dateFormat(i18n.language, { dateStyle: "full", timeStyle: "short", timeZone });
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: checkinSchema }),
  });
  return (
    <div className="mx-auto max-w-sm space-y-4">
      <Link to={`/events/${id}`} className="text-sm text-brand-700 underline">
        {title}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("events.checkIn")}</h1>
      {attended ? (
        <p role="status" className="rounded-lg bg-emerald-50 p-4 text-lg font-medium text-emerald-900">
          {t("events.attended")}
        </p>
      ) : cancelled ? (
        <p role="status" className="rounded bg-amber-50 p-3 text-amber-950">
          {t("events.cancelled")}
        </p>
      ) : checkin.state !== "open" ? (
        <p role="status" className="rounded bg-stone-100 p-3 text-stone-800">
          {checkin.state === "before"
            ? t("events.checkinOpensAt", { time: when.format(new Date(checkin.opensAt)) })
            : t("events.checkinClosed")}
        </p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200">
          <label className="block text-sm font-medium">
            {t("events.enterCode")}
            <input
              {...getInputProps(fields.code, { type: "text" })}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              className={`${inputClass} mt-1 text-center font-mono text-2xl tracking-widest`}
            />
          </label>
          <ErrorList id={fields.code.errorId} errors={fields.code.errors} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <SubmitButton className="w-full">{t("events.checkIn")}</SubmitButton>
        </Form>
      )}
    </div>
  );
}
