import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { attachmentViews, removeAttachment } from "~/.server/attachments";
import { clientIp } from "~/.server/web/session";
import { notFound, requireAccess } from "~/.server/web/guards";
import { readLogForm } from "~/.server/web/log-form";
import { canDecide, findLog, logPeople, rejectLog, saveLog, supervisorOptions, verifyLogs } from "~/.server/training/logs";
import { ErrorList, FormErrors, SubmitButton, inputClass, resultBesides, resultFor } from "~/components/form";
import { refusal, refuse } from "~/.server/web/reply";
import { tooLargeError } from "~/.server/uploads";
import { AttachmentList } from "~/components/AttachmentList";
import { TrainingLogForm } from "~/components/TrainingLogForm";
import { rejectLogSchema } from "~/lib/training-log";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("training.title");

/**
 * A log: its author edits it while draft or returned (and removes files while it is a draft); its
 * supervisor or an admin verifies or returns it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const {
    user,
    target: { log },
  } = await requireAccess(request, "log:read", () => findLog(params.id));
  const editable = log.authorUserId === user.id && (log.status === "draft" || log.status === "rejected");
  const decides = canDecide(user, log);
  return {
    people: await logPeople(log),
    // Someone deciding on another person's log came from the verification queue and goes back there.
    backTo: decides && log.authorUserId !== user.id ? "/training/verify" : "/training",
    log: {
      id: log.id,
      type: log.type,
      occurredOn: log.occurredOn,
      hours: log.hours,
      place: log.place,
      supervisorUserId: log.supervisorUserId,
      supervisorName: log.supervisorName,
      reflection: log.reflection,
      status: log.status,
      rejectionReason: log.rejectionReason,
      files: await attachmentViews("log", log.id),
    },
    editable,
    removable: log.authorUserId === user.id && log.status === "draft",
    canDecide: decides,
    supervisors: editable ? await supervisorOptions(log.orgPath) : [],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const {
    user,
    target: { log },
  } = await requireAccess(request, "log:read", () => findLog(params.id));
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const read = await readLogForm(request);
    if (read.tooLarge) return refuse(refusal({ fieldErrors: { files: [tooLargeError] } }), 413);
    if (read.submission.status !== "success") return refuse(read.submission.reply());
    const saved = await saveLog(user, read.submission.value, read.files, log);
    if (!saved.ok) return refuse(read.submission.reply({ fieldErrors: saved.errors }));
    throw redirect(`/training/logs/${log.id}`);
  }
  const form = await readFormData(request);
  if (form.get("intent") === "remove-file") {
    // Only the author, only while a draft: anyone else (and a file the log does not hold) gets 404.
    const removed = await removeAttachment(user.id, { kind: "log", id: log.id }, Number(form.get("attachmentId")));
    if (removed === "notFound") throw notFound();
    if (removed === "notDraft")
      return refuse(refusal({ fieldErrors: { attachmentId: ["attachment.notDraft"] } }, { intent: "remove-file" }), 409);
    throw redirect(`/training/logs/${log.id}`);
  }
  if (!canDecide(user, log)) return new Response("Forbidden", { status: 403 });
  if (form.get("intent") === "verify") {
    await verifyLogs(user, [log.id], clientIp(request));
    throw redirect(`/training/logs/${log.id}`);
  }
  const reject = parseWithZod(form, { schema: rejectLogSchema });
  if (reject.status !== "success") return refuse(reject.reply());
  if (!(await rejectLog(user, log, reject.value.reason, clientIp(request))))
    return refuse(reject.reply({ formErrors: ["training.notEditable"] }), 409);
  throw redirect(`/training/logs/${log.id}`);
}

export default function LogDetail() {
  const { t } = useTranslation();
  const { log, people, backTo, editable, removable, canDecide, supervisors } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const fileErrors = resultFor(actionData?.result, "remove-file")?.error?.attachmentId ?? undefined;
  const [rejectForm, reject] = useForm({
    id: "reject",
    lastResult: resultFor(actionData?.result, "reject"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rejectLogSchema }),
  });
  return (
    <div className="space-y-5">
      <Link to={backTo} className="text-sm text-brand-700 underline">
        {t(backTo === "/training" ? "training.back" : "training.backToQueue")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">
        {t(`training.logType.${log.type}`)} · {log.occurredOn}
      </h1>
      <p className="inline-block rounded bg-stone-100 px-2 py-1 text-sm">{t(`training.status.${log.status}`)}</p>
      <dl className="grid gap-3 rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:grid-cols-3">
        <div>
          <dt className="text-xs text-stone-500">{t("training.by")}</dt>
          <dd>{people.mediatorName}</dd>
        </div>
        <div>
          <dt className="text-xs text-stone-500">{t("training.committee")}</dt>
          <dd>{people.committee}</dd>
        </div>
        <div>
          <dt className="text-xs text-stone-500">{t("training.field.supervisor")}</dt>
          <dd>{people.supervisor || t("training.noSupervisor")}</dd>
        </div>
      </dl>
      {log.status === "rejected" && log.rejectionReason ? (
        <p className="rounded bg-amber-50 p-3 text-amber-950">{t("training.rejected", { reason: log.rejectionReason })}</p>
      ) : null}
      {editable ? (
        <div className="rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6">
          <TrainingLogForm
            lastResult={resultBesides(actionData?.result, ["remove-file", "reject"])}
            supervisors={supervisors}
            storedKey={log.files.map((f) => f.id).join(",")}
            hasStored={log.files.length > 0}
            defaultValue={{ ...log, supervisorUserId: log.supervisorUserId ?? undefined, supervisorName: log.supervisorName ?? undefined }}
          />
        </div>
      ) : (
        <dl className="grid gap-3 rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:grid-cols-2">
          <div>
            <dt className="text-xs text-stone-500">{t("training.field.hours")}</dt>
            <dd>{log.hours}</dd>
          </div>
          <div>
            <dt className="text-xs text-stone-500">{t("training.field.place")}</dt>
            <dd>{log.place}</dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-xs text-stone-500">{t("training.field.reflection")}</dt>
            <dd className="whitespace-pre-line">{log.reflection}</dd>
          </div>
        </dl>
      )}
      <AttachmentList files={log.files} href={(id) => `/training/logs/${log.id}/files/${id}`} removable={removable} errors={fileErrors} />
      {canDecide && (log.status === "submitted" || log.status === "verified") ? (
        <div className="grid gap-4 sm:grid-cols-2">
          {log.status === "submitted" ? (
            <Form method="post" className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
              <input type="hidden" name="intent" value="verify" />
              <SubmitButton>{t("training.verify")}</SubmitButton>
            </Form>
          ) : (
            <div />
          )}
          <Form method="post" {...getFormProps(rejectForm)} className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
            <input type="hidden" name="intent" value="reject" />
            <label className="block text-sm font-medium">
              {t("training.rejectReason")}
              <textarea {...getTextareaProps(reject.reason)} rows={2} maxLength={500} className={inputClass} />
            </label>
            <ErrorList id={reject.reason.errorId} errors={reject.reason.errors} />
            <FormErrors id={rejectForm.errorId} errors={rejectForm.errors} />
            <button type="submit" className="min-h-11 rounded-md bg-white px-4 text-seal-600 ring-1 ring-seal-600">
              {t("training.reject")}
            </button>
          </Form>
        </div>
      ) : null}
    </div>
  );
}
