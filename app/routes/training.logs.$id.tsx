import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { attachmentViews, removeAttachment } from "~/.server/attachments";
import { clientIp } from "~/.server/web/session";
import { notFound, requireAccess } from "~/.server/web/guards";
import { readLogForm } from "~/.server/web/log-form";
import { canDecide, findLog, rejectLog, saveLog, supervisorOptions, verifyLogs } from "~/.server/training/logs";
import { SubmitButton, inputClass, useErrorText } from "~/components/form";
import { AttachmentList } from "~/components/AttachmentList";
import { TrainingLogForm } from "~/components/TrainingLogForm";
import { MAX_FILE_BYTES } from "~/lib/training-log";
import { requiredText } from "~/lib/validation";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("training.title");

/**
 * A log: its author edits it while draft or returned (and removes files while it is a draft); its
 * supervisor or an admin verifies or returns it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, target: { log } } = await requireAccess(request, "log:read", () => findLog(params.id));
  const editable = log.authorUserId === user.id && (log.status === "draft" || log.status === "rejected");
  return {
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
    canDecide: canDecide(user, log),
    supervisors: editable ? await supervisorOptions(log.orgPath) : [],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, target: { log } } = await requireAccess(request, "log:read", () => findLog(params.id));
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const read = await readLogForm(request);
    if (read.tooLarge) return data({ result: { status: "error" as const, error: { files: [`training.fileTooLarge|${MAX_FILE_BYTES / 1024 / 1024}`] } } }, { status: 413 });
    if (read.submission.status !== "success") return data({ result: read.submission.reply() }, { status: 400 });
    const saved = await saveLog(user, read.submission.value, read.files, log);
    if (!saved.ok) return data({ result: read.submission.reply({ fieldErrors: saved.errors }) }, { status: 400 });
    throw redirect(`/training/logs/${log.id}`);
  }
  const form = await request.formData();
  if (form.get("intent") === "remove-file") {
    // Only the author, only while a draft: anyone else (and a file the log does not hold) gets 404.
    const removed = await removeAttachment(user.id, { kind: "log", id: log.id }, Number(form.get("attachmentId")));
    if (removed === "notFound") throw notFound();
    if (removed === "notDraft") return data({ fileError: "attachment.notDraft" }, { status: 409 });
    throw redirect(`/training/logs/${log.id}`);
  }
  if (!canDecide(user, log)) return new Response("Forbidden", { status: 403 });
  if (form.get("intent") === "verify") {
    await verifyLogs(user, [log.id], clientIp(request));
    throw redirect(`/training/logs/${log.id}`);
  }
  const reason = requiredText(500).safeParse(form.get("reason") ?? undefined);
  if (!reason.success) return data({ reasonError: reason.error.issues[0].message }, { status: 400 });
  if (!(await rejectLog(user, log, reason.data, clientIp(request)))) return data({ reasonError: "training.notEditable" }, { status: 400 });
  throw redirect(`/training/logs/${log.id}`);
}

export default function LogDetail() {
  const { t } = useTranslation();
  const text = useErrorText();
  const { log, editable, removable, canDecide, supervisors } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const reasonError = actionData && "reasonError" in actionData ? actionData.reasonError : null;
  const fileError = actionData && "fileError" in actionData ? actionData.fileError : null;
  return (
    <div className="space-y-5">
      <Link to="/training" className="text-sm text-brand-700 underline">{t("training.back")}</Link>
      <h1 className="text-2xl font-bold text-brand-800">
        {t(`training.logType.${log.type}`)} · {log.occurredOn}
      </h1>
      <p className="inline-block rounded bg-stone-100 px-2 py-1 text-sm">{t(`training.status.${log.status}`)}</p>
      {log.status === "rejected" && log.rejectionReason ? <p className="rounded bg-amber-50 p-3 text-amber-950">{t("training.rejected", { reason: log.rejectionReason })}</p> : null}
      {editable ? (
        <div className="rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6">
          <TrainingLogForm
            lastResult={actionData && "result" in actionData ? (actionData.result as never) : undefined}
            supervisors={supervisors}
            storedKey={log.files.map((f) => f.id).join(",")}
            hasStored={log.files.length > 0}
            defaultValue={{ ...log, supervisorUserId: log.supervisorUserId ?? undefined, supervisorName: log.supervisorName ?? undefined }}
          />
        </div>
      ) : (
        <dl className="grid gap-3 rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:grid-cols-2">
          <div><dt className="text-xs text-stone-500">{t("training.field.hours")}</dt><dd>{log.hours}</dd></div>
          <div><dt className="text-xs text-stone-500">{t("training.field.place")}</dt><dd>{log.place}</dd></div>
          <div className="sm:col-span-2"><dt className="text-xs text-stone-500">{t("training.field.reflection")}</dt><dd className="whitespace-pre-line">{log.reflection}</dd></div>
        </dl>
      )}
      <AttachmentList files={log.files} href={(id) => `/training/logs/${log.id}/files/${id}`} removable={removable} errors={fileError ? [fileError] : undefined} />
      {canDecide && (log.status === "submitted" || log.status === "verified") ? (
        <div className="grid gap-4 sm:grid-cols-2">
          {log.status === "submitted" ? (
            <Form method="post" className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
              <input type="hidden" name="intent" value="verify" />
              <SubmitButton>{t("training.verify")}</SubmitButton>
            </Form>
          ) : <div />}
          <Form method="post" className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
            <input type="hidden" name="intent" value="reject" />
            <label className="block text-sm font-medium">
              {t("training.rejectReason")}
              <textarea name="reason" rows={2} maxLength={500} className={inputClass} />
            </label>
            {reasonError ? <p className="text-sm text-seal-600">{text(reasonError)}</p> : null}
            <button type="submit" className="min-h-11 rounded-md bg-white px-4 text-seal-600 ring-1 ring-seal-600">{t("training.reject")}</button>
          </Form>
        </div>
      ) : null}
    </div>
  );
}
