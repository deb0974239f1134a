import { getFormProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { addGrant, findAccount, manageableBy, removeGrant, resetPassword, setAccountStatus, signOutEverywhere } from "~/.server/accounts";
import { forbidden, notFound, requireAccess } from "~/.server/web/guards";
import type { OrgUnit } from "~/.server/db/models";
import { orgOptions } from "~/.server/roster/scope";
import { ErrorList, FormErrors, SubmitButton, inputClass, resultBesides, resultFor } from "~/components/form";
import { refusal, refuse } from "~/.server/web/reply";
import { grantSchema, reasonSchema } from "~/lib/account";
import { ROLES } from "~/lib/roles";
import { pageTitle } from "~/lib/meta";
import { idOf, readFormData } from "~/.server/web/form";

export const meta = pageTitle("account.title", "user.displayName");

async function load(request: Request, id: string | undefined) {
  const { actor, target: account } = await requireAccess(request, "account:manage", () => findAccount(id));
  return { actor, ...account, manageable: manageableBy(actor, account) };
}

/** Bureau admins: an account with a grant in their subtree; changes only when all its grants are theirs. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, user, grants, manageable } = await load(request, params.id);
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      phone: user.phone,
      status: user.status,
      lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    },
    grants: grants.map((g) => ({ id: g.id, role: g.role, org: (g.get("orgUnit") as OrgUnit).name })),
    manageable,
    orgs: manageable ? await orgOptions(actor.scopes, { limit: 1000 }) : [],
    roles: ROLES.filter((r) => r !== "sysadmin" || actor.isSysadmin),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, user, manageable } = await load(request, params.id);
  if (!manageable) throw forbidden();
  const form = await readFormData(request);
  const intent = form.get("intent");
  switch (intent) {
    case "disable":
    case "enable": {
      const submission = parseWithZod(form, { schema: reasonSchema });
      if (submission.status !== "success") return refuse(submission.reply());
      await setAccountStatus(actor, user, intent === "disable" ? "disabled" : "active", submission.value.reason);
      break;
    }
    case "reset":
      return { intent, password: await resetPassword(actor, user) };
    case "signout":
      await signOutEverywhere(actor, user);
      break;
    case "addGrant": {
      const submission = parseWithZod(form, { schema: grantSchema });
      if (submission.status !== "success") return refuse(submission.reply());
      const result = await addGrant(actor, user, submission.value.role, submission.value.orgUnitId);
      if (!result.ok) {
        const field = result.error === "roleNotAllowed" ? "role" : "orgUnitId";
        return refuse(submission.reply({ fieldErrors: { [field]: [`account.error.${result.error}`] } }));
      }
      break;
    }
    case "removeGrant":
      if (!(await removeGrant(actor, user, idOf(form.get("grantId"))))) throw notFound();
      break;
    default:
      return refuse(refusal({ formErrors: ["validation.choice"] }));
  }
  throw redirect(`/admin/users/${user.id}?done=${intent}`);
}

export default function AccountDetail() {
  const { t } = useTranslation();
  const { user, grants, manageable, orgs, roles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = actionData && "result" in actionData ? actionData.result : undefined;
  const password = actionData && "password" in actionData ? actionData.password : null;
  const statusIntent = user.status === "active" ? "disable" : "enable";
  const [statusForm, status] = useForm({
    id: "account-status",
    lastResult: resultFor(result, statusIntent),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reasonSchema }),
  });
  const [grantForm, grant] = useForm({
    id: "add-grant",
    lastResult: resultFor(result, "addGrant"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: grantSchema }),
  });
  const otherErrors = resultBesides(result, [statusIntent, "addGrant"])?.error?.[""] ?? undefined;
  // Sent here by a repeated new-account form: the first answer, with the password, may be lost.
  const again = useSearchParams()[0].get("again") === "1" && !password;
  const box = "rounded-lg bg-white p-4 ring-1 ring-stone-200";
  return (
    <div className="space-y-5">
      <Link to="/admin/users" className="text-sm text-brand-700 underline">
        {t("account.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{user.displayName}</h1>
      <section className={box}>
        <p>
          {t("auth.username")}
          {t("form.colon")}
          <code>{user.username}</code>
        </p>
        <p>
          {t("roster.field.phone")}
          {t("form.colon")}
          {user.phone ?? "—"}
        </p>
        <p>
          {t("account.statusLabel")}
          {t("form.colon")}
          {t(`account.status.${user.status}`)}
        </p>
        <ul className="mt-3 space-y-1">
          {grants.map((g) => (
            <li key={g.id} className="flex items-center justify-between gap-2 rounded bg-stone-50 px-3 py-1">
              <span>
                {t(`role.${g.role}`)} · {g.org}
              </span>
              {manageable ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="removeGrant" />
                  <input type="hidden" name="grantId" value={g.id} />
                  <button type="submit" className="min-h-11 px-2 text-sm text-seal-600 underline">
                    {t("account.removeGrant")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      {again ? (
        <p role="status" className="rounded-md bg-amber-50 p-4 text-amber-950">
          {t("account.createdAgain")}
        </p>
      ) : null}
      <FormErrors errors={otherErrors} />
      {password ? (
        <div role="status" className="rounded-md bg-amber-50 p-4 text-amber-950">
          <p className="font-medium">{t("account.resetOnce")}</p>
          <p>
            {t("account.oneTimePassword")}
            {t("form.colon")}
            <code className="text-lg" data-testid="one-time-password">
              {password}
            </code>
          </p>
        </div>
      ) : null}
      {manageable ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Form method="post" {...getFormProps(statusForm)} className={`${box} space-y-2`}>
            <h2 className="font-semibold">{user.status === "active" ? t("account.disable") : t("account.enable")}</h2>
            <input type="hidden" name="intent" value={statusIntent} />
            <label className="block text-sm">
              {t("roster.statusReason")}
              <textarea {...getTextareaProps(status.reason)} rows={2} required maxLength={500} className={inputClass} />
            </label>
            <ErrorList id={status.reason.errorId} errors={status.reason.errors} />
            <SubmitButton>{user.status === "active" ? t("account.disable") : t("account.enable")}</SubmitButton>
          </Form>
          <div className={`${box} space-y-3`}>
            <Form method="post">
              <input type="hidden" name="intent" value="reset" />
              <SubmitButton>{t("account.reset")}</SubmitButton>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="signout" />
              <SubmitButton>{t("account.signOutEverywhere")}</SubmitButton>
            </Form>
          </div>
          <Form method="post" {...getFormProps(grantForm)} className={`${box} space-y-2 sm:col-span-2`}>
            <h2 className="font-semibold">{t("account.addGrant")}</h2>
            <input type="hidden" name="intent" value="addGrant" />
            <div className="grid gap-2 sm:grid-cols-2">
              <div>
                <select {...getSelectProps(grant.role)} required className={inputClass} aria-label={t("account.role")}>
                  {roles.map((r) => (
                    <option key={r} value={r}>
                      {t(`role.${r}`)}
                    </option>
                  ))}
                </select>
                <ErrorList id={grant.role.errorId} errors={grant.role.errors} />
              </div>
              <div>
                <select {...getSelectProps(grant.orgUnitId)} required className={inputClass} aria-label={t("account.org")}>
                  {orgs.map((o) => (
                    <option key={o.id} value={o.id}>
                      {"\u3000".repeat(o.level)}
                      {o.name}
                    </option>
                  ))}
                </select>
                <ErrorList id={grant.orgUnitId.errorId} errors={grant.orgUnitId.errors} />
              </div>
            </div>
            <SubmitButton>{t("account.addGrant")}</SubmitButton>
          </Form>
        </div>
      ) : (
        <p className="text-sm text-stone-600">{t("account.readOnly")}</p>
      )}
    </div>
  );
}
