import { getFormProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/.server/access";
import { certificateView, findCertificate, revokeCertificate } from "~/.server/certificates/certificates";
import { qrDataUrl } from "~/.server/certificates/qr";
import { requireAccess, requireCan } from "~/.server/web/guards";
import { publicOrigin } from "~/.server/web/verify";
import { ErrorList, Field, SubmitButton, inputClass } from "~/components/form";
import { REVOCATION_CATEGORIES, displayDay, formatCode, revocationSchema, verifyPath } from "~/lib/certificate";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("certificate.heading");

/**
 * One certificate as an A4 page to print (print CSS: the site's header and footer and the buttons
 * disappear, the sheet fills the paper), with its PDF and public page. The holder and bureau admins
 * over the holder's committee read it; the issuing node's admins can revoke it here.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, target } = await requireAccess(request, "certificate:read", () => findCertificate(params.id));
  const view = await certificateView(target.certificate);
  const verifyUrl = `${publicOrigin(request)}${verifyPath(view.code)}`;
  return {
    view,
    verifyUrl,
    qr: await qrDataUrl(verifyUrl),
    canRevoke: view.status === "valid" && Boolean(target.issuerPath) && can(user, "certificate:revoke", { orgPath: target.issuerPath }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, actor, target } = await requireAccess(request, "certificate:read", () => findCertificate(params.id));
  requireCan(user, "certificate:revoke", { orgPath: target.issuerPath });
  const submission = parseWithZod(await readFormData(request), { schema: revocationSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await revokeCertificate(actor, target.certificate.id, submission.value);
  // A second tap on the button finds it revoked already: nothing to add.
  if (result.ok || (result.error === "state" && target.certificate.status === "revoked"))
    throw redirect(`/certificates/${target.certificate.id}?revoked=1`);
  return data(
    { result: submission.reply({ formErrors: [result.error === "state" ? "certificate.revoke.state" : "error.notFound.title"] }) },
    { status: 400 },
  );
}

function RevokeForm() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: revocationSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2">
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field label={t("certificate.revoke.category")} meta={fields.category}>
        <select {...getSelectProps(fields.category)} className={inputClass}>
          <option value="">{t("form.choose")}</option>
          {REVOCATION_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`certificate.revocation.${c}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("certificate.revoke.reason")} meta={fields.reason}>
        <textarea {...getTextareaProps(fields.reason)} rows={3} className={inputClass} />
      </Field>
      <SubmitButton className="bg-seal-600 hover:bg-seal-600 hover:opacity-90">{t("certificate.revoke.submit")}</SubmitButton>
    </Form>
  );
}

export default function CertificatePage() {
  const { t, i18n } = useTranslation();
  const { view, verifyUrl, qr, canRevoke } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const day = (d: string) => displayDay(d, i18n.language);
  const rows: [string, string][] = [
    [t("certificate.holder"), view.holderName],
    [t("certificate.level"), view.levelName],
    [t("certificate.issuer"), view.issuerName],
    [t("certificate.issuedOn"), day(view.issuedOn)],
    [t("certificate.validUntil"), day(view.validUntil)],
    [t("certificate.code"), formatCode(view.code)],
  ];
  return (
    <div className="space-y-6">
      {params.get("revoked") === "1" && view.status === "revoked" ? (
        <p role="status" className="rounded bg-emerald-50 p-3 text-sm text-emerald-800 print:hidden">
          {t("certificate.revoke.done")}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3 print:hidden">
        <Link to="/me" className="text-sm text-brand-700 underline">
          {t("certificate.back")}
        </Link>
        <a
          href={`/certificates/${view.id}.pdf`}
          className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
        >
          {t("certificate.pdf")}
        </a>
        <a href={verifyPath(view.code)} className="text-sm text-brand-700 underline">
          {t("certificate.publicPage")}
        </a>
        <span className="text-sm text-stone-500">
          {t("certificate.print")}
          {t("form.colon")}Ctrl+P / ⌘P
        </span>
      </div>

      <article
        data-testid="certificate-sheet"
        className="relative mx-auto flex w-full max-w-[210mm] flex-col overflow-hidden border-[6px] border-double border-seal-600 bg-white p-6 text-stone-900 sm:aspect-[210/297] sm:p-12 print:h-[265mm] print:max-w-none print:aspect-auto print:border-[8px]"
      >
        <h1 className="text-center text-2xl font-bold tracking-widest text-seal-600 sm:text-4xl">{t("certificate.heading")}</h1>
        <p className="mt-6 text-base leading-loose sm:mt-12 sm:text-xl">
          {t("certificate.awarded", { name: view.holderName, issuer: view.issuerName, level: view.levelName })}
        </p>
        <dl className="mt-6 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm sm:mt-10 sm:text-lg">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-stone-500">{label}</dt>
              <dd className="font-medium">{value}</dd>
            </div>
          ))}
        </dl>
        <div className="mt-8 flex items-end justify-between gap-4 sm:mt-auto">
          <figure className="w-24 sm:w-36">
            <img src={qr} alt={verifyUrl} className="w-full" />
            <figcaption className="mt-1 text-[10px] leading-tight text-stone-500 sm:text-xs">{t("certificate.scan")}</figcaption>
          </figure>
          <div className="text-right">
            <p className="text-base font-bold sm:text-xl">{view.issuerName}</p>
            <p className="text-sm sm:text-base">{day(view.issuedOn)}</p>
          </div>
        </div>
        {view.status !== "valid" ? (
          <p className="pointer-events-none absolute left-1/2 top-1/2 -translate-x-1/2 -translate-y-1/2 -rotate-12 rounded-lg border-4 border-seal-600 px-4 py-2 text-3xl font-bold text-seal-600 opacity-80 sm:text-5xl">
            {t(`certificate.status.${view.status}`)}
          </p>
        ) : null}
      </article>

      {canRevoke ? (
        <section className="max-w-md rounded-lg bg-white p-4 ring-1 ring-stone-200 print:hidden" aria-labelledby="revoke">
          <h2 id="revoke" className="mb-2 text-lg font-semibold">
            {t("certificate.revoke.title")}
          </h2>
          <RevokeForm />
        </section>
      ) : null}
    </div>
  );
}
