import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { announcementOf, announcementQuery, fileObjection } from "~/.server/rounds/objections";
import { notFound } from "~/.server/web/guards";
import { readFormData } from "~/.server/web/form";
import { clientIp } from "~/.server/web/session";
import { Pagination } from "~/components/Pagination";
import { Field, FormErrors, SubmitButton, TextField, inputClass } from "~/components/form";
import { pageTitle } from "~/lib/meta";
import { message } from "~/lib/messages";
import { objectionSchema, type PublicResult } from "~/lib/round-panel";
import { HoneypotField, honeypotFilled } from "~/utils/honeypot";

export const meta = pageTitle("roundPanel.announcement.title", "round.title");

/**
 * The public announcement (公示) of a round's results: no sign-in, only for a round that is
 * announcing or final (404 otherwise), and only the masked view (app/.server/rounds/objections.ts).
 * Public by decision: it asks nothing of the permission table. Fifty results a page (?page=),
 * searchable by committee or org name (?q=) and by result (?level=), all plain links and GET forms.
 * Each row's "提出异议" link (?object=<application>#objection) points the objection form below at
 * that one application; without it the objection is about the round as a whole. The form has a
 * honeypot field and a per-address limit, and takes objections only during the period.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const view = await announcementOf(params.roundId, announcementQuery(url.searchParams));
  if (!view) throw notFound();
  return { ...view, filed: url.searchParams.get("filed") === "1" };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const view = await announcementOf(params.roundId, { page: 1 });
  if (!view) throw notFound();
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema: objectionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  if (honeypotFilled(form)) return data({ result: submission.reply({ formErrors: ["roundPanel.error.honeypot"] }) }, { status: 400 });
  const result = await fileObjection(view.round.id, submission.value, clientIp(request));
  if (!result.ok) {
    const error =
      result.error === "limited"
        ? message("roundPanel.error.limited", { minutes: result.minutes ?? 1 })
        : `roundPanel.error.${result.error}`;
    return data(
      { result: submission.reply({ formErrors: [error] }) },
      { status: result.error === "limited" ? 429 : result.error === "closed" ? 409 : 400 },
    );
  }
  throw redirect(`/announcements/${view.round.id}?filed=1`);
}

function ResultText({ result }: { result: PublicResult }) {
  const { t } = useTranslation();
  return <>{t(`roundPanel.result.${result.kind}`, { level: result.name })}</>;
}

export default function Announcement() {
  const { t } = useTranslation();
  const { round, rows, open, filed, levels, filter, page, pages, total, object, objectMissing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: objectionSchema }),
  });
  /** This page's link with the objection form pointed at an application (or at the round: null). */
  const objectLink = (id: number | null) => {
    const next = new URLSearchParams();
    if (filter.q) next.set("q", filter.q);
    if (filter.level) next.set("level", filter.level);
    if (page > 1) next.set("page", String(page));
    if (id) next.set("object", String(id));
    return `?${next}#objection`;
  };
  return (
    <article className="space-y-4">
      <header className="space-y-1">
        <p className="text-sm text-stone-600">{round.bureau}</p>
        <h1 className="text-xl font-bold text-brand-800">{t("roundPanel.announcement.heading", { title: round.title })}</h1>
        <p className="text-sm text-stone-700">{t("roundPanel.announcement.period", { from: round.periodFrom, to: round.periodTo })}</p>
        {round.state === "final" ? (
          <p className="text-sm text-stone-700">{t("roundPanel.announcement.final")}</p>
        ) : (
          <p className="text-sm text-stone-700">
            {t("roundPanel.announcement.dates", { from: round.announcedOn, until: round.objectionsUntil })}
          </p>
        )}
      </header>
      <Form method="get" role="search" className="grid grid-cols-2 items-end gap-2">
        <label className="col-span-2 block text-sm">
          <span className="text-stone-700">{t("roundPanel.announcement.search")}</span>
          <input type="search" name="q" defaultValue={filter.q ?? ""} maxLength={40} className={inputClass} />
        </label>
        <label className="block text-sm">
          <span className="text-stone-700">{t("roundPanel.announcement.level")}</span>
          <select name="level" defaultValue={filter.level ?? ""} className={inputClass}>
            <option value="">{t("roundPanel.announcement.allLevels")}</option>
            {levels.map((l) => (
              <option key={l.key} value={l.key}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 text-white hover:bg-brand-800">
          {t("roundPanel.announcement.find")}
        </button>
      </Form>
      <p className="text-sm text-stone-600" role="status">
        {filter.q || filter.level
          ? t("roundPanel.announcement.found", { count: total })
          : t("roundPanel.announcement.count", { count: total })}
      </p>
      {rows.length === 0 ? (
        <p className="text-stone-600">
          {filter.q || filter.level ? t("roundPanel.announcement.none") : t("roundPanel.announcement.empty")}
        </p>
      ) : (
        <div
          role="region"
          aria-label={t("roundPanel.announcement.title")}
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          tabIndex={0}
          className="overflow-x-auto rounded-lg bg-white ring-1 ring-stone-200"
        >
          <table className="w-full text-left text-sm">
            <thead className="bg-stone-50 text-stone-600">
              <tr>
                <th className="p-2">{t("roundPanel.announcement.name")}</th>
                <th className="p-2">{t("roundPanel.announcement.committee")}</th>
                <th className="p-2">{t("roundPanel.announcement.result")}</th>
                {open ? <th className="p-2 sr-only">{t("roundPanel.objection.heading")}</th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="p-2 whitespace-nowrap">{r.name}</td>
                  <td className="p-2">{r.committee}</td>
                  <td className="p-2">
                    <ResultText result={r.result} />
                  </td>
                  {open ? (
                    <td className="p-2 whitespace-nowrap">
                      <Link
                        to={objectLink(r.id)}
                        preventScrollReset
                        className="text-brand-700 underline"
                        aria-label={t("roundPanel.objection.aboutOne", { name: r.name, committee: r.committee })}
                      >
                        {t("roundPanel.objection.heading")}
                      </Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageCount={pages} />
      <p className="text-xs text-stone-500">{t("roundPanel.announcement.masked")}</p>
      {filed ? (
        <p role="status" className="rounded bg-emerald-50 p-3 text-emerald-800">
          {t("roundPanel.objection.filed")}
        </p>
      ) : null}
      {open ? (
        <section id="objection" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200">
          <h2 className="font-semibold">{t("roundPanel.objection.heading")}</h2>
          <p className="text-sm text-stone-600">{t("roundPanel.objection.hint", { until: round.objectionsUntil })}</p>
          {objectMissing ? (
            <p role="alert" className="rounded bg-amber-50 p-3 text-sm text-amber-900">
              {t("roundPanel.objection.missing")}
            </p>
          ) : null}
          <p className="text-sm">
            <span className="text-stone-600">{t("roundPanel.objection.about")}</span>
            {object ? (
              <>
                <strong className="font-medium">
                  {object.name} · {object.committee}
                </strong>{" "}
                <Link to={objectLink(null)} preventScrollReset className="text-brand-700 underline">
                  {t("roundPanel.objection.aboutRoundInstead")}
                </Link>
              </>
            ) : (
              <>
                <strong className="font-medium">{t("roundPanel.objection.aboutRound")}</strong>
                {rows.length ? <span className="text-stone-600">{t("roundPanel.objection.pickHint")}</span> : null}
              </>
            )}
          </p>
          <Form method="post" {...getFormProps(form)} className="relative space-y-3">
            <HoneypotField />
            <FormErrors id={form.errorId} errors={form.errors} />
            {object ? <input {...getInputProps(fields.applicationId, { type: "hidden" })} key={object.id} value={object.id} /> : null}
            <TextField label={t("roundPanel.objection.objector")} meta={fields.objector} maxLength={50} autoComplete="name" />
            <TextField
              label={t("roundPanel.objection.contact")}
              meta={fields.contact}
              maxLength={100}
              hint={t("roundPanel.objection.contactHint")}
            />
            <Field label={t("roundPanel.objection.text")} meta={fields.text}>
              <textarea {...getTextareaProps(fields.text)} rows={5} maxLength={2000} className={inputClass} />
            </Field>
            <SubmitButton>{t("roundPanel.objection.submit")}</SubmitButton>
          </Form>
        </section>
      ) : round.state === "announcing" ? (
        <p className="text-sm text-stone-600">{t("roundPanel.objection.closed")}</p>
      ) : null}
    </article>
  );
}
