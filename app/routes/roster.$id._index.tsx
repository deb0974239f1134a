import { getFormProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createAccountForMediator } from "~/.server/accounts";
import { findMediator } from "~/.server/roster/queries";
import { requireAccess } from "~/.server/web/guards";
import { ONCE_FIELD, onceToken, submitOnce } from "~/.server/web/form-once";
import type { User } from "~/.server/db/models";
import { changeMediatorStatus } from "~/.server/roster/mutations";
import { profileView } from "~/.server/roster/profile";
import { mediatorStanding } from "~/.server/training/standing";
import { mediatorCaseSummary } from "~/.server/cases/stats";
import { levelStanding } from "~/.server/levels/standing";
import { LevelStanding } from "~/components/LevelStanding";
import { sanctionsOf } from "~/.server/levels/sanctions";
import { Field, FormErrors, OnceField, SubmitButton, TextField, inputClass, resultFor } from "~/components/form";
import { refusal, refuse } from "~/.server/web/reply";
import { MediatorProfile } from "~/components/MediatorProfile";
import { TrainingStanding } from "~/components/TrainingStanding";
import { currentYearInChina } from "~/lib/dates";
import { MEDIATOR_STATUSES, statusChangeSchema } from "~/lib/mediator";
import { certificatesOf } from "~/.server/certificates/certificates";
import { displayDay } from "~/lib/certificate";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("roster.title", "profile.name");

/** Bureau admins over the mediator's committee; anyone else gets 404 (never the data). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target: mediator } = await requireAccess(request, "roster:read", () => findMediator(params.id));
  const account = mediator.get("user") as User | null;
  return {
    standing: await mediatorStanding(mediator, currentYearInChina()),
    profile: await profileView(mediator),
    cases: await mediatorCaseSummary(mediator.id, currentYearInChina()),
    levels: await levelStanding(mediator),
    sanctions: (await sanctionsOf(mediator.id)).length,
    certificates: await certificatesOf(mediator.id),
    account: account ? { id: account.id, username: account.username, status: account.status } : null,
    once: account ? undefined : onceToken(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, target: mediator } = await requireAccess(request, "roster:write", () => findMediator(params.id));
  const form = await readFormData(request);
  if (form.get("intent") === "account") {
    const open = async () => {
      const created = await createAccountForMediator(actor, mediator);
      if (!created.ok) return refuse(refusal({ formErrors: [`account.error.${created.error}`] }, { intent: "account" }));
      // Shown once, in this response only; it is never stored in plain text.
      return { intent: "account" as const, userId: created.userId, username: created.username, password: created.password };
    };
    // A repeat (a double tap) opens the account made by the first, where the password can be reset.
    return submitOnce(actor.id, form.get(ONCE_FIELD), { mediator: mediator.id }, open, (r) =>
      "userId" in r ? `/admin/users/${r.userId}?again=1` : null,
    );
  }
  const submission = parseWithZod(form, { schema: statusChangeSchema });
  if (submission.status !== "success") return refuse(submission.reply());
  if (submission.value.status === mediator.status) return refuse(submission.reply({ fieldErrors: { status: ["roster.statusUnchanged"] } }));
  await changeMediatorStatus(actor, mediator, submission.value);
  throw redirect(`/roster/${mediator.id}`);
}

function StatusForm({ current }: { current: string }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData && "result" in actionData ? resultFor(actionData.result, "status") : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: statusChangeSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2">
      <input type="hidden" name="intent" value="status" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={t("roster.newStatus")} meta={fields.status}>
        <select {...getSelectProps(fields.status)} className={inputClass}>
          <option value="">{t("form.choose")}</option>
          {MEDIATOR_STATUSES.filter((s) => s !== current).map((s) => (
            <option key={s} value={s}>
              {t(`roster.statusAction.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <TextField label={t("roster.statusDate")} meta={fields.date} type="date" />
      <Field label={t("roster.statusReason")} meta={fields.reason}>
        <textarea {...getTextareaProps(fields.reason)} rows={3} className={inputClass} />
      </Field>
      <SubmitButton>{t("roster.changeStatus")}</SubmitButton>
    </Form>
  );
}

export default function MediatorDetail() {
  const { t, i18n } = useTranslation();
  const { profile, cases, account, standing, once, levels, sanctions, certificates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const created = actionData && "password" in actionData ? actionData : null;
  const accountErrors = actionData && "result" in actionData ? resultFor(actionData.result, "account")?.error?.[""] : undefined;
  return (
    <div className="space-y-6">
      <Link to="/roster" className="text-sm text-brand-700 underline">
        {t("roster.back")}
      </Link>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold text-brand-800">{profile.name}</h1>
        <Link to={`/roster/${profile.id}/edit`} className="rounded-md bg-white px-3 py-2 text-sm ring-1 ring-stone-300 hover:bg-stone-50">
          {t("roster.edit")}
        </Link>
      </div>
      <section className="rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6">
        <MediatorProfile profile={profile} cases={cases} />
      </section>
      <TrainingStanding standing={standing} />

      <section className="rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6" aria-labelledby="grade">
        <h2 id="grade" className="text-lg font-semibold">
          {t("levels.profileHeading")}
        </h2>
        <div className="mt-2">
          <LevelStanding standing={levels} />
        </div>
        <p className="mt-2 text-sm">{t("levels.sanction.count", { count: sanctions })}</p>
        <div className="mt-3 flex flex-wrap gap-4">
          <Link to={`/roster/${profile.id}/criteria`} className="text-brand-700 underline">
            {t("levels.checkLink")}
          </Link>
          <Link to={`/roster/${profile.id}/sanctions`} className="text-brand-700 underline">
            {t("levels.sanction.link")}
          </Link>
        </div>
      </section>

      <section className="rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6" aria-labelledby="certificates">
        <h2 id="certificates" className="text-lg font-semibold">
          {t("certificate.roster.title")}
        </h2>
        {certificates.length === 0 ? (
          <p className="mt-2 text-stone-600">{t("certificate.roster.none")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-stone-100">
            {certificates.map((c) => (
              <li key={c.id} className="flex flex-wrap gap-x-3 py-2 text-sm">
                <Link to={`/certificates/${c.id}`} className="font-medium text-brand-700 underline">
                  {c.levelName}
                </Link>
                <span>{c.issuerName}</span>
                <span>
                  {displayDay(c.issuedOn, i18n.language)} – {displayDay(c.validUntil, i18n.language)}
                </span>
                <span className="rounded-full bg-stone-100 px-2">{t(`certificate.status.${c.status}`)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6" aria-labelledby="account">
        <h2 id="account" className="text-lg font-semibold">
          {t("roster.account")}
        </h2>
        {created ? (
          <div role="status" className="mt-3 space-y-1 rounded-md bg-amber-50 p-4 text-amber-950">
            <p className="font-medium">{t("account.createdOnce")}</p>
            <p>
              {t("auth.username")}
              {t("form.colon")}
              <code className="text-lg">{created.username}</code>
            </p>
            <p>
              {t("account.oneTimePassword")}
              {t("form.colon")}
              <code className="text-lg" data-testid="one-time-password">
                {created.password}
              </code>
            </p>
          </div>
        ) : account ? (
          <p className="mt-2">
            {t("auth.username")}
            {t("form.colon")}
            <Link to={`/admin/users/${account.id}`} className="text-brand-700 underline">
              {account.username}
            </Link>
            {account.status === "disabled" ? ` (${t("account.status.disabled")})` : ""}
          </p>
        ) : (
          <Form method="post" className="mt-2 space-y-2">
            <input type="hidden" name="intent" value="account" />
            <OnceField token={once} />
            <p className="text-sm text-stone-600">{t("roster.noAccount")}</p>
            <FormErrors errors={accountErrors ?? undefined} />
            <SubmitButton>{t("roster.createAccount")}</SubmitButton>
          </Form>
        )}
      </section>

      <section className="rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6" aria-labelledby="status">
        <h2 id="status" className="text-lg font-semibold">
          {t("roster.statusSection")}
        </h2>
        <div className="mt-3 max-w-md">
          <StatusForm current={profile.status} />
        </div>
      </section>
    </div>
  );
}
