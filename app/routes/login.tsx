import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { login } from "~/.server/web/login";
import { clientIp, getCurrentUser } from "~/.server/web/session";
import { ErrorList, SubmitButton, TextField } from "~/components/form";
import { message } from "~/lib/messages";
import { msg, requiredText, tooLong } from "~/lib/validation";
import { HoneypotField, honeypotFilled } from "~/utils/honeypot";
import { safeRedirectPath } from "~/utils/redirect";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("auth.loginTitle");

const schema = z.object({
  username: requiredText(64),
  password: z
    .string({ required_error: msg("required") })
    .min(1, msg("required"))
    .max(200, tooLong(200)),
  redirectTo: z.string().optional(),
});

/** Public. A signed-in visitor goes straight on. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (await getCurrentUser(request)) {
    throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  }
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { username, password, redirectTo } = submission.value;
  const result = honeypotFilled(form)
    ? ({ ok: false, error: "invalid" } as const)
    : await login(request, { username, password, ip: clientIp(request) });
  if (!result.ok) {
    const error =
      result.error === "rateLimited"
        ? message(`auth.rateLimited.${result.limit}`, { minutes: result.minutes ?? 1 })
        : `auth.${result.error}`;
    return data(
      { result: submission.reply({ formErrors: [error], hideFields: ["password"] }) },
      { status: result.error === "rateLimited" ? 429 : 400 },
    );
  }
  throw redirect(result.mustChangePassword ? "/account/password" : safeRedirectPath(redirectTo), {
    headers: { "Set-Cookie": result.setCookie },
  });
}

export default function Login() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <section className="mx-auto max-w-sm rounded-xl bg-white p-6 shadow-sm ring-1 ring-stone-200">
      <h1 className="text-xl font-bold text-brand-800">{t("auth.loginTitle")}</h1>
      <Form method="post" {...getFormProps(form)} className="relative mt-6 space-y-2">
        <HoneypotField />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <TextField label={t("auth.username")} meta={fields.username} autoComplete="username" autoCapitalize="none" />
        <TextField label={t("auth.password")} meta={fields.password} type="password" autoComplete="current-password" />
        <SubmitButton pending={navigation.state !== "idle"} className="w-full">
          {t("auth.submit")}
        </SubmitButton>
      </Form>
      <p className="mt-4 text-sm text-stone-600">{t("auth.loginHint")}</p>
    </section>
  );
}
