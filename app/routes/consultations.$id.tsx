import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { consultationFor, replyTo, threadView } from "~/.server/experts/consultations";
import { requireAccess } from "~/.server/web/guards";
import { idOf, readFormData } from "~/.server/web/form";
import { DateTime } from "~/components/DateTime";
import { Field, FormErrors, SubmitButton, inputClass } from "~/components/form";
import { replySchema } from "~/lib/experts";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("experts.consult.thread", "subject");

const load = (id: number) => (user: Parameters<typeof consultationFor>[0]) => consultationFor(user, id);

/** A consultation thread: its asker and the expert's account read and write it; anyone else gets 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, target } = await requireAccess(request, "consultation:read", load(idOf(params.id)));
  const view = await threadView(target.consultation, target.expert);
  return { ...view, asExpert: target.audience, mine: target.ownerId === user.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idOf(params.id);
  const { user } = await requireAccess(request, "consultation:read", load(id));
  const submission = parseWithZod(await readFormData(request), { schema: replySchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const done = await replyTo(user, id, submission.value);
  if (!done.ok) return data({ result: submission.reply({ formErrors: [`experts.error.${done.error}`] }) }, { status: 409 });
  throw redirect(`/consultations/${id}`);
}

export default function Thread() {
  const { t } = useTranslation();
  const thread = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: replySchema }),
  });
  return (
    <article className="space-y-4">
      <Link to="/consultations" className="text-sm text-brand-700 underline">
        {t("experts.consult.back")}
      </Link>
      <header className="space-y-1">
        <h1 className="text-xl font-bold text-brand-800">{thread.subject}</h1>
        <p className="text-sm text-stone-600">
          {t("experts.consult.between", { asker: thread.asker, committee: thread.committee, expert: thread.expert.name })} ·{" "}
          {t(`experts.status.${thread.status}`)}
        </p>
        <p className="text-xs text-stone-500">
          {t(`experts.field.${thread.expert.field}`)} · {thread.expert.organisation} · {thread.expert.pool}
        </p>
      </header>
      <section className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
        <p className="mb-1 text-xs text-stone-500">
          <DateTime value={thread.createdAt} />
        </p>
        <p className="whitespace-pre-wrap break-words text-sm">{thread.description}</p>
        {thread.caseFile ? (
          <p className="mt-2 text-xs text-stone-600">
            {t("experts.consult.caseFile")}：{thread.caseFile.fileNo} · {t(`category.${thread.caseFile.category}`)}
          </p>
        ) : null}
      </section>
      <ol className="space-y-3">
        {thread.messages.map((m) => (
          <li
            key={m.id}
            className={`rounded-lg p-3 text-sm ring-1 ${m.fromExpert ? "bg-brand-50 ring-brand-100" : "bg-white ring-stone-200"}`}
          >
            <p className="mb-1 text-xs text-stone-500">
              {m.fromExpert ? thread.expert.name : thread.asker} · <DateTime value={m.at} />
            </p>
            <p className="whitespace-pre-wrap break-words">{m.body}</p>
          </li>
        ))}
      </ol>
      {thread.status === "closed" ? (
        <p className="text-sm text-stone-600">{t("experts.consult.closed")}</p>
      ) : (
        <>
          {/* A new message remounts the form: the sent text does not stay in the box. */}
          <Form
            key={thread.messages.length}
            method="post"
            {...getFormProps(form)}
            className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200"
          >
            <input type="hidden" name="intent" value="reply" />
            <FormErrors id={form.errorId} errors={form.errors} />
            <Field label={thread.asExpert ? t("experts.consult.answer") : t("experts.consult.followUp")} meta={fields.body}>
              <textarea {...getTextareaProps(fields.body)} rows={5} maxLength={4000} className={inputClass} />
            </Field>
            <SubmitButton>{thread.asExpert ? t("experts.consult.sendAnswer") : t("experts.consult.send")}</SubmitButton>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="close" />
            <button type="submit" className="min-h-11 rounded-md px-4 text-sm text-stone-700 ring-1 ring-stone-300">
              {t("experts.consult.close")}
            </button>
          </Form>
        </>
      )}
    </article>
  );
}
