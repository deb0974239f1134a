import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireAccess } from "~/.server/web/guards";
import { clientIp } from "~/.server/web/session";
import type { Mediator } from "~/.server/db/models";
import { verificationQueue, verifyLogs } from "~/.server/training/logs";
import { SubmitButton, inputClass } from "~/components/form";
import { LOG_STATUSES, LOG_TYPES } from "~/lib/training-log";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("training.verifyTitle");

const filterSchema = z.object({
  status: z.enum(LOG_STATUSES).default("submitted").catch("submitted"),
  type: z.enum(LOG_TYPES).optional().catch(undefined),
});

/** Trainers (logs naming them) and bureau admins (logs in their subtree): the verification queue. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAccess(request, "log:verify");
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const logs = await verificationQueue(user, filter);
  return {
    filter,
    verified: new URL(request.url).searchParams.get("verified"),
    logs: logs.map((l) => ({
      id: l.id,
      mediator: (l.get("mediator") as Mediator).name,
      type: l.type,
      occurredOn: l.occurredOn,
      hours: l.hours,
      place: l.place,
      status: l.status,
    })),
  };
}

/** Bulk verify: only logs the user may decide on change; the rest are ignored. */
export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireAccess(request, "log:verify");
  const ids = (await readFormData(request))
    .getAll("id")
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n > 0);
  const count = ids.length ? await verifyLogs(user, ids.slice(0, 200), clientIp(request)) : 0;
  throw redirect(`/training/verify?verified=${count}`);
}

export default function VerifyQueue() {
  const { t } = useTranslation();
  const { filter, logs, verified } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold text-brand-800">{t("training.verifyTitle")}</h1>
      {verified ? (
        <p role="status" className="rounded bg-brand-50 p-3 text-brand-800">
          {t("training.verifiedCount", { count: Number(verified) })}
        </p>
      ) : null}
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="mb-1 block">{t("roster.filter.status")}</span>
          <select name="status" defaultValue={filter.status} className={inputClass}>
            {LOG_STATUSES.filter((s) => s !== "draft").map((s) => (
              <option key={s} value={s}>
                {t(`training.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block">{t("training.field.type")}</span>
          <select name="type" defaultValue={filter.type ?? ""} className={inputClass}>
            <option value="">{t("roster.filter.all")}</option>
            {LOG_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`training.logType.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 text-white">
          {t("roster.filter.apply")}
        </button>
      </Form>
      {logs.length === 0 ? <p className="text-stone-600">{t("training.queueEmpty")}</p> : null}
      <Form method="post" className="space-y-3">
        <ul className="divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200">
          {logs.map((l) => (
            <li key={l.id} className="flex items-start gap-3 p-3">
              {l.status === "submitted" ? (
                <input type="checkbox" name="id" value={l.id} aria-label={`${l.mediator} ${l.occurredOn}`} className="mt-1 size-5" />
              ) : null}
              <div className="text-sm">
                <Link to={`/training/logs/${l.id}`} className="font-medium text-brand-700 underline">
                  {l.mediator} · {t(`training.logType.${l.type}`)}
                </Link>
                <p className="text-stone-600">
                  {l.occurredOn} · {l.hours} h · {l.place}
                </p>
              </div>
            </li>
          ))}
        </ul>
        {filter.status === "submitted" && logs.length ? <SubmitButton>{t("training.verifySelected")}</SubmitButton> : null}
      </Form>
    </div>
  );
}
