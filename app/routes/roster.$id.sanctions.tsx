import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/.server/access";
import { addSanction, removeSanction, sanctionsOf } from "~/.server/levels/sanctions";
import { findMediator } from "~/.server/roster/queries";
import { requireAccess } from "~/.server/web/guards";
import { ErrorList, Field, SubmitButton, TextField, inputClass } from "~/components/form";
import { sanctionSchema } from "~/lib/levels";
import { requiredText } from "~/lib/validation";
import { z } from "zod";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("levels.sanction.link");

const removalSchema = z.object({ sanctionId: z.coerce.number().int().positive(), reason: requiredText(200) });

/** The sanctions list (处分记录) of a roster entry: bureau admins over the mediator read and enter it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, target: mediator } = await requireAccess(request, "roster:read", () => findMediator(params.id));
  return {
    mediator: { id: mediator.id, name: mediator.name },
    sanctions: await sanctionsOf(mediator.id),
    canWrite: can(user, "sanction:write", mediator),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, target: mediator } = await requireAccess(request, "sanction:write", () => findMediator(params.id));
  const form = await readFormData(request);
  if (form.get("intent") === "remove") {
    const submission = parseWithZod(form, { schema: removalSchema });
    if (submission.status !== "success")
      return data({ intent: "remove" as const, id: String(form.get("sanctionId")), result: submission.reply() }, { status: 400 });
    const removed = await removeSanction(actor, mediator, submission.value.sanctionId, submission.value.reason);
    if (!removed.ok)
      return data(
        {
          intent: "remove" as const,
          id: String(submission.value.sanctionId),
          result: submission.reply({ formErrors: ["levels.error.notFound"] }),
        },
        { status: 404 },
      );
    throw redirect(`/roster/${mediator.id}/sanctions?saved=removed`);
  }
  const submission = parseWithZod(form, { schema: sanctionSchema });
  if (submission.status !== "success") return data({ intent: "add" as const, result: submission.reply() }, { status: 400 });
  await addSanction(actor, mediator, submission.value);
  throw redirect(`/roster/${mediator.id}/sanctions?saved=added`);
}

function AddForm() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.intent === "add" ? actionData.result : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: sanctionSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="max-w-lg space-y-2">
      <ErrorList id={form.errorId} errors={form.errors} />
      <TextField label={t("levels.sanction.on")} meta={fields.on} type="date" />
      <TextField label={t("levels.sanction.documentNo")} meta={fields.documentNo} placeholder="青司处〔2026〕3号" />
      <Field label={t("levels.sanction.reason")} meta={fields.reason}>
        <textarea {...getTextareaProps(fields.reason)} rows={3} className={inputClass} />
      </Field>
      <Field label={t("levels.sanction.note")} meta={fields.note}>
        <textarea {...getTextareaProps(fields.note)} rows={2} className={inputClass} />
      </Field>
      <SubmitButton>{t("levels.sanction.add")}</SubmitButton>
    </Form>
  );
}

function RemoveForm({ id }: { id: number }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const mine = actionData?.intent === "remove" && actionData.id === String(id);
  const [form, fields] = useForm({
    id: `remove-${id}`,
    lastResult: mine ? actionData.result : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: removalSchema }),
  });
  return (
    <details open={mine}>
      <summary className="cursor-pointer text-sm text-seal-700">{t("levels.sanction.remove")}</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 space-y-2">
        <input type="hidden" name="intent" value="remove" />
        <input type="hidden" name="sanctionId" value={id} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field label={t("levels.sanction.removeReason")} meta={fields.reason}>
          <textarea {...getTextareaProps(fields.reason)} rows={2} className={inputClass} />
        </Field>
        <button type="submit" className="min-h-11 rounded-md border border-seal-600 px-4 text-seal-700">
          {t("levels.sanction.confirmRemove")}
        </button>
      </Form>
    </details>
  );
}

export default function Sanctions() {
  const { t } = useTranslation();
  const { mediator, sanctions, canWrite } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-5">
      <Link to={`/roster/${mediator.id}`} className="text-sm text-brand-700 underline">
        {t("levels.backToProfile")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("levels.sanction.title", { name: mediator.name })}</h1>
      <p className="text-sm text-stone-600">{t("levels.sanction.intro")}</p>
      {sanctions.length === 0 ? (
        <p className="rounded bg-stone-100 p-3" data-testid="no-sanctions">
          {t("levels.sanction.none")}
        </p>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200">
          {sanctions.map((s) => (
            <li key={s.id} className="space-y-1 p-4">
              <p className="font-medium">
                {s.on}　{s.documentNo}
              </p>
              <p>{s.reason}</p>
              {s.note ? <p className="text-sm text-stone-600">{s.note}</p> : null}
              {canWrite ? <RemoveForm id={s.id} /> : null}
            </li>
          ))}
        </ul>
      )}
      {canWrite ? (
        <section className="rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6" aria-labelledby="add-sanction">
          <h2 id="add-sanction" className="text-lg font-semibold">
            {t("levels.sanction.addHeading")}
          </h2>
          <div className="mt-3">
            <AddForm />
          </div>
        </section>
      ) : null}
    </div>
  );
}
