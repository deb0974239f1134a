import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { invitee, poolsInScopes, proposeExpert, searchRoster } from "~/.server/experts/pools";
import { notFound, requireAccess } from "~/.server/web/guards";
import { readFormData } from "~/.server/web/form";
import { ONCE_FIELD, onceToken, submitOnce } from "~/.server/web/form-once";
import { idParam } from "~/.server/web/round-forms";
import { Field, FormErrors, OnceField, SubmitButton, TextField, inputClass } from "~/components/form";
import { AVAILABILITY, EXPERT_FIELDS, expertSchema } from "~/lib/experts";
import { todayInChina } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("experts.admin.add");

/** Add an expert to a pool of the admin's subtree, or invite one from the roster (searched in the admin's subtree). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scopes } = await requireAccess(request, "expert:manage");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 40);
  const mediatorId = idParam(url, "mediator");
  const [pools, found, invited] = await Promise.all([
    poolsInScopes(scopes),
    searchRoster(scopes, q),
    mediatorId ? invitee(scopes, mediatorId) : null,
  ]);
  if (mediatorId && !invited) throw notFound();
  return { pools, q, found, invited, today: todayInChina(), once: onceToken() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAccess(request, "expert:manage");
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema: expertSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  return submitOnce(actor.id, form.get(ONCE_FIELD), submission.value, async () => {
    const made = await proposeExpert(actor, submission.value);
    if (!made.ok) {
      const field = { pool: "poolId", mediator: "name", username: "username", duplicate: "name" }[made.error];
      return data({ result: submission.reply({ fieldErrors: { [field]: [`experts.error.${made.error}`] } }) }, { status: 400 });
    }
    throw redirect(`/experts/admin/${made.expert.id}`);
  });
}

export default function NewExpert() {
  const { t } = useTranslation();
  const { pools, q, found, invited, today, once } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: {
      poolId: pools.length === 1 ? String(pools[0].id) : "",
      termFrom: today,
      availability: "available",
      field: invited ? "senior_mediator" : "",
      ...(invited ? { name: invited.name, phone: invited.phone, organisation: invited.organisation, mediatorId: String(invited.id) } : {}),
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: expertSchema }),
  });
  return (
    <div className="space-y-5">
      <Link to="/experts/admin" className="text-sm text-brand-700 underline">
        {t("experts.admin.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("experts.admin.add")}</h1>
      <section className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
        <h2 className="font-semibold">{t("experts.invite.heading")}</h2>
        <Form method="get" className="flex gap-2">
          <label className="flex-1 text-sm">
            <span className="sr-only">{t("experts.invite.search")}</span>
            <input name="q" defaultValue={q} maxLength={40} placeholder={t("experts.invite.search")} className={inputClass} />
          </label>
          <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 text-sm font-medium text-white">
            {t("experts.invite.find")}
          </button>
        </Form>
        {q && found.length === 0 ? <p className="text-sm text-stone-600">{t("experts.invite.none")}</p> : null}
        <ul className="text-sm">
          {found.map((m) => (
            <li key={m.id}>
              <Link to={`/experts/admin/new?mediator=${m.id}`} className="text-brand-700 underline">
                {t("experts.invite.pick", { name: m.name, committee: m.committee })}
              </Link>
            </li>
          ))}
        </ul>
        {invited ? <p className="text-sm text-stone-700">{t("experts.invite.chosen", { name: invited.name })}</p> : null}
      </section>
      <Form method="post" {...getFormProps(form)} className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200">
        <OnceField token={once} />
        <FormErrors id={form.errorId} errors={form.errors} />
        {invited ? <input {...getInputProps(fields.mediatorId, { type: "hidden" })} /> : null}
        <Field label={t("experts.form.pool")} meta={fields.poolId}>
          <select {...getSelectProps(fields.poolId)} className={inputClass}>
            <option value="">{t("experts.form.choosePool")}</option>
            {pools.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <TextField label={t("experts.form.name")} meta={fields.name} maxLength={40} />
        <Field label={t("experts.form.field")} meta={fields.field}>
          <select {...getSelectProps(fields.field)} className={inputClass}>
            <option value="">{t("experts.form.chooseField")}</option>
            {EXPERT_FIELDS.map((f) => (
              <option key={f} value={f}>
                {t(`experts.field.${f}`)}
              </option>
            ))}
          </select>
        </Field>
        <TextField label={t("experts.form.title")} meta={fields.title} maxLength={40} />
        <TextField label={t("experts.form.organisation")} meta={fields.organisation} maxLength={80} />
        <TextField label={t("experts.form.termFrom")} meta={fields.termFrom} type="date" hint={t("experts.form.termHint")} />
        <TextField label={t("experts.form.phone")} meta={fields.phone} type="tel" maxLength={20} hint={t("experts.form.private")} />
        <TextField label={t("experts.form.email")} meta={fields.email} maxLength={100} />
        <Field label={t("experts.form.availability")} meta={fields.availability}>
          <select {...getSelectProps(fields.availability)} className={inputClass}>
            {AVAILABILITY.map((a) => (
              <option key={a} value={a}>
                {t(`experts.availability.${a}`)}
              </option>
            ))}
          </select>
        </Field>
        <TextField label={t("experts.form.username")} meta={fields.username} maxLength={50} hint={t("experts.form.usernameHint")} />
        <SubmitButton>{t("experts.form.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
