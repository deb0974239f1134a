import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/.server/access";
import { payTableOf, savePayTable } from "~/.server/levels/pay";
import { provinceTarget, schemeOfProvince } from "~/.server/levels/scheme";
import { requireAccess } from "~/.server/web/guards";
import { readFormData } from "~/.server/web/form";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { BandText } from "~/components/LevelStanding";
import { payTableSchema } from "~/lib/pay";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("pay.title");

const ADMIN_ROLES = ["bureau_admin", "sysadmin"];
const target = (request: Request) => (user: { grants: readonly { role: string; orgPath: string }[] }) =>
  provinceTarget(
    new URL(request.url).searchParams.get("org"),
    user.grants.filter((g) => ADMIN_ROLES.includes(g.role)).map((g) => g.orgPath),
  );

/** A province's allowance bands per level (薪酬考核): read by its admins, set by the admins over the province. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, target: province } = await requireAccess(request, "levels:read", target(request));
  const [{ scheme }, table] = await Promise.all([schemeOfProvince(province.id), payTableOf(province.id)]);
  return {
    province: { id: province.id, name: province.name },
    levels: scheme.levels.map((l) => {
      const band = table?.bands.find((b) => b.level === l.key);
      return { key: l.key, name: l.name, from: band?.from ?? null, to: band?.to ?? null, note: band?.note ?? null };
    }),
    note: table?.note ?? null,
    canEdit: can(user, "levels:configure", province),
    saved: new URL(request.url).searchParams.get("saved") === "1",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, target: province } = await requireAccess(request, "levels:configure", target(request));
  const submission = parseWithZod(await readFormData(request), { schema: payTableSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const saved = await savePayTable(actor, province.id, submission.value);
  if (!saved.ok) return data({ result: submission.reply({ formErrors: ["pay.error.level"] }) }, { status: 400 });
  throw redirect(`/levels/pay?org=${province.id}&saved=1`);
}

export default function PayTablePage() {
  const { t } = useTranslation();
  const { province, levels, note, canEdit, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: {
      bands: levels.map((l) => ({
        level: l.key,
        from: l.from === null ? "" : String(l.from),
        to: l.to === null ? "" : String(l.to),
        note: l.note ?? "",
      })),
      note: note ?? "",
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: payTableSchema }),
  });
  const bands = fields.bands.getFieldList();
  return (
    <article className="space-y-5">
      <Link to={`/levels/scheme?org=${province.id}`} className="text-sm text-brand-700 underline">
        {t("pay.backToScheme")}
      </Link>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold text-brand-800">{t("pay.heading", { province: province.name })}</h1>
        <p className="text-sm text-stone-600">{t("pay.intro")}</p>
      </header>
      {saved ? (
        <p role="status" className="rounded bg-emerald-50 p-3 text-sm text-emerald-800">
          {t("pay.saved")}
        </p>
      ) : null}
      {canEdit ? (
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <FormErrors id={form.errorId} errors={form.errors} />
          {bands.map((band, i) => {
            const f = band.getFieldset();
            return (
              <fieldset key={band.key} className="grid gap-3 rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:grid-cols-3">
                <legend className="px-1 font-semibold">{levels[i].name}</legend>
                <input {...getInputProps(f.level, { type: "hidden" })} />
                <TextField label={t("pay.from")} meta={f.from} type="number" inputMode="numeric" min={0} />
                <TextField label={t("pay.to")} meta={f.to} type="number" inputMode="numeric" min={0} />
                <TextField label={t("pay.note")} meta={f.note} maxLength={60} />
              </fieldset>
            );
          })}
          <TextField label={t("pay.tableNote")} meta={fields.note} maxLength={300} hint={t("pay.tableNoteHint")} />
          <SubmitButton>{t("pay.save")}</SubmitButton>
        </Form>
      ) : (
        <section className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
          <p className="mb-2 text-sm text-stone-600">{t("pay.readOnly")}</p>
          <dl className="space-y-1 text-sm">
            {levels.map((l) => (
              <div key={l.key} className="flex flex-wrap gap-2">
                <dt className="font-medium">{l.name}</dt>
                <dd>
                  {l.from !== null || l.to !== null || l.note ? (
                    <BandText band={{ level: l.key, from: l.from, to: l.to, note: l.note }} />
                  ) : (
                    "—"
                  )}
                </dd>
              </div>
            ))}
          </dl>
          {note ? <p className="mt-2 text-sm text-stone-600">{note}</p> : null}
        </section>
      )}
    </article>
  );
}
