import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createAccount } from "~/.server/accounts";
import { requireAccess } from "~/.server/web/guards";
import { ONCE_FIELD, onceToken, submitOnce } from "~/.server/web/form-once";
import { orgOptions } from "~/.server/roster/scope";
import { ErrorList, Field, OnceField, SubmitButton, TextField, inputClass } from "~/components/form";
import { newAccountSchema } from "~/lib/account";
import { ROLES } from "~/lib/roles";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("account.new");

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAccess(request, "account:manage");
  return {
    orgs: await orgOptions(actor.scopes, { limit: 1000 }),
    roles: ROLES.filter((r) => r !== "sysadmin" || actor.isSysadmin),
    once: onceToken(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAccess(request, "account:manage");
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema: newAccountSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), created: null }, { status: 400 });
  const create = async () => {
    const result = await createAccount(actor, submission.value);
    if (!result.ok) {
      const fieldErrors: Record<string, string[]> =
        result.error === "usernameTaken"
          ? { username: ["validation.usernameTaken"] }
          : result.error === "outOfScope"
            ? { orgUnitId: ["validation.unknownCommittee"] }
            : { role: ["validation.choice"] };
      return data({ result: submission.reply({ fieldErrors }), created: null }, { status: 400 });
    }
    // The one-time password appears in this response only.
    return {
      result: submission.reply({ resetForm: true }),
      created: { id: result.user.id, username: result.user.username, password: result.password },
    };
  };
  // A repeat of the same form (a double tap) opens the account made by the first one, where the
  // password can be reset: the first answer, with the password, may never have been seen.
  return submitOnce(actor.id, form.get(ONCE_FIELD), submission.value, create, (r) =>
    "created" in r && r.created ? `/admin/users/${r.created.id}?again=1` : null,
  );
}

export default function NewAccount() {
  const { t } = useTranslation();
  const { orgs, roles, once } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newAccountSchema }),
  });
  return (
    <div className="space-y-4">
      <Link to="/admin/users" className="text-sm text-brand-700 underline">
        {t("account.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("account.new")}</h1>
      {actionData?.created ? (
        <div role="status" className="space-y-1 rounded-md bg-amber-50 p-4 text-amber-950">
          <p className="font-medium">{t("account.createdOnce")}</p>
          <p>
            {t("auth.username")}
            {t("form.colon")}
            <code className="text-lg">{actionData.created.username}</code>
          </p>
          <p>
            {t("account.oneTimePassword")}
            {t("form.colon")}
            <code className="text-lg" data-testid="one-time-password">
              {actionData.created.password}
            </code>
          </p>
          <Link to={`/admin/users/${actionData.created.id}`} className="text-brand-700 underline">
            {t("account.open")}
          </Link>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="max-w-lg space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
        <OnceField token={once} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <TextField label={t("auth.username")} meta={fields.username} autoComplete="off" autoCapitalize="none" />
        <TextField label={t("account.displayName")} meta={fields.displayName} />
        <TextField label={t("roster.field.phone")} meta={fields.phone} type="tel" />
        <Field label={t("account.role")} meta={fields.role}>
          <select {...getSelectProps(fields.role)} className={inputClass}>
            <option value="">{t("form.choose")}</option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("account.org")} meta={fields.orgUnitId}>
          <select {...getSelectProps(fields.orgUnitId)} className={inputClass}>
            <option value="">{t("form.choose")}</option>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {"\u3000".repeat(o.level)}
                {o.name}
              </option>
            ))}
          </select>
        </Field>
        <SubmitButton>{t("account.create")}</SubmitButton>
      </Form>
    </div>
  );
}
