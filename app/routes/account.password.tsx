import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { changeOwnPassword } from "~/.server/auth/account";
import { requireAccess } from "~/.server/web/guards";
import { clientIp } from "~/.server/web/session";
import { ErrorList, SubmitButton, TextField } from "~/components/form";
import { PASSWORD_MIN_LENGTH, msg, tooLong, tooShort } from "~/lib/validation";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("auth.passwordTitle");

const schema = z
  .object({
    current: z.string({ required_error: msg("required") }).max(200, tooLong(200)),
    next: z
      .string({ required_error: msg("required") })
      .min(PASSWORD_MIN_LENGTH, tooShort(PASSWORD_MIN_LENGTH))
      .max(200, tooLong(200)),
    confirm: z.string({ required_error: msg("required") }),
  })
  .refine((v) => v.next === v.confirm, { path: ["confirm"], message: msg("passwordMismatch") });

/** Any signed-in user, for their own account only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAccess(request, "account:self");
  return { mustChange: user.mustChangePassword, changed: new URL(request.url).searchParams.has("changed") };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireAccess(request, "account:self");
  const submission = parseWithZod(await readFormData(request), { schema });
  if (submission.status !== "success") return data({ result: submission.reply({ resetForm: false }) }, { status: 400 });
  const result = await changeOwnPassword({
    userId: user.id,
    sessionId: user.sessionId,
    current: submission.value.current,
    next: submission.value.next,
    ip: clientIp(request),
  });
  if (!result.ok) {
    const field = result.error === "wrongCurrent" ? "current" : "next";
    const key = result.error === "wrongCurrent" ? "auth.wrongCurrent" : "validation.passwordSame";
    return data({ result: submission.reply({ fieldErrors: { [field]: [key] } }) }, { status: 400 });
  }
  throw redirect("/account/password?changed=1");
}

export default function ChangePassword() {
  const { t } = useTranslation();
  const { mustChange, changed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <section className="mx-auto max-w-sm rounded-xl bg-white p-6 shadow-sm ring-1 ring-stone-200">
      <h1 className="text-xl font-bold text-brand-800">{t("auth.passwordTitle")}</h1>
      {mustChange ? <p className="mt-3 rounded bg-amber-50 p-3 text-sm text-amber-900">{t("auth.mustChange")}</p> : null}
      {changed ? (
        <p role="status" className="mt-3 rounded bg-brand-50 p-3 text-sm text-brand-800">
          {t("auth.passwordChanged")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-2">
        <ErrorList id={form.errorId} errors={form.errors} />
        <TextField label={t("auth.currentPassword")} meta={fields.current} type="password" autoComplete="current-password" />
        <TextField
          label={t("auth.newPassword")}
          meta={fields.next}
          type="password"
          autoComplete="new-password"
          hint={t("auth.passwordRule")}
        />
        <TextField label={t("auth.confirmPassword")} meta={fields.confirm} type="password" autoComplete="new-password" />
        <SubmitButton pending={navigation.state !== "idle"} className="w-full">
          {t("form.save")}
        </SubmitButton>
      </Form>
    </section>
  );
}
