import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { itemForCommittee, uploadScans } from "~/.server/reviews/items";
import { requireAccess } from "~/.server/web/guards";
import { filesFrom, readMultipart } from "~/.server/web/uploads";
import { uploadError } from "~/.server/uploads";
import { ReviewedFile, Scans } from "~/components/ReviewedFile";
import { ErrorList, SubmitButton, inputClass } from "~/components/form";
import { MAX_SCANS, uploadSchema } from "~/lib/case-review";
import { MAX_FILE_BYTES } from "~/lib/training-log";
import { message as formatMessage } from "~/lib/messages";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("review.assignedTitle", "file.fileNo");

const load = (id: string | undefined) => () => itemForCommittee(Number(id));

/** The admins over a sampled file's committee: upload its scan, and correct it when it comes back. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = await requireAccess(request, "review:upload", load(params.id));
  const { orgPath: _path, ...view } = target;
  const rubric = view.review.rubric;
  // The reviewer's per-item comments, for the committee to correct by.
  const comments = rubric.criteria.flatMap((c) => {
    const g = view.item.grade?.[c.id];
    const level = c.levels.find((l) => l.id === g?.levelId);
    return g && (g.comment || level) ? [{ name: c.name, level: level ? `${level.name} ${level.points}` : null, comment: g.comment }] : [];
  });
  return { ...view, comments, saved: new URL(request.url).searchParams.get("saved") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, target } = await requireAccess(request, "review:upload", load(params.id));
  const form = await readMultipart(request);
  if (!form) return data({ result: { status: "error" as const, error: { files: ["training.fileTooLarge"] } } }, { status: 413 });
  const submission = parseWithZod(form, { schema: uploadSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const files = await filesFrom(form);
  const bad = uploadError(files, { max: MAX_SCANS });
  if (bad) return data({ result: submission.reply({ fieldErrors: { files: [bad] } }) }, { status: 400 });
  const result = await uploadScans(actor, target.item.id, files, submission.value.note ?? "");
  if (!result.ok) {
    const field = result.error === "noteRequired" ? "note" : ["noFiles", "tooMany", "storage"].includes(result.error) ? "files" : null;
    const message =
      result.error === "tooMany"
        ? formatMessage("training.tooManyFiles", { max: MAX_SCANS })
        : result.error === "storage"
          ? "uploads.storageFailed"
          : `review.error.${result.error === "noFiles" ? "scanRequired" : result.error}`;
    return data(
      { result: submission.reply(field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] }) },
      { status: result.error === "closed" ? 409 : 400 },
    );
  }
  throw redirect(`/reviews/items/${target.item.id}/upload?saved=${result.stage}`);
}

export default function UploadScan() {
  const { t } = useTranslation();
  const { item, review, file, scans, comments, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: uploadSchema }),
  });
  const correcting = item.stage === "returned" || item.stage === "mismatch";
  const canUpload = review.state === "open" && item.stage !== "passed";
  const fileErrors = (form.allErrors?.files ?? []) as string[];
  return (
    <article className="space-y-4">
      <Link to="/reviews" className="text-sm text-brand-700 underline">
        {t("review.back")}
      </Link>
      {saved ? (
        <p role="status" className="rounded bg-emerald-50 p-3 text-emerald-800">
          {t("review.saved", { stage: t(`review.stage.${saved}`) })}
        </p>
      ) : null}
      <header>
        <h1 className="text-xl font-bold text-brand-800">{file.fileNo}</h1>
        <p className="text-sm text-stone-600">
          {review.title} · {t(`review.stage.${item.stage}`)} · {t("review.deadlineValue", { date: review.deadline })} ·{" "}
          {t("review.reviewerValue", { name: item.reviewer ?? "—" })}
        </p>
      </header>
      {correcting ? (
        <section className="space-y-1 rounded-lg bg-seal-50 p-4 text-sm text-seal-800" aria-labelledby="back">
          <h2 id="back" className="font-semibold">
            {item.stage === "mismatch" ? t("review.mismatchBack") : t("review.returnedBack", { pass: review.passLine })}
          </h2>
          {item.comment ? <p>{item.comment}</p> : null}
          <ul className="list-disc pl-5">
            {comments.map((c) => (
              <li key={c.name}>
                {c.name}
                {c.level ? `（${c.level}）` : ""}
                {c.comment ? `：${c.comment}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <ReviewedFile file={file} item={item} />
        <Scans caseFileId={file.id} scans={scans} />
      </div>
      {canUpload ? (
        <Form
          method="post"
          encType="multipart/form-data"
          {...getFormProps(form)}
          className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200"
        >
          <h2 className="font-semibold">{correcting ? t("review.correct") : t("review.upload")}</h2>
          {form.errors?.length ? (
            <p role="alert" className="rounded bg-seal-50 p-3 text-seal-700">
              {form.errors.map((e) => t(e)).join(" ")}
            </p>
          ) : null}
          <label className="block text-sm font-medium">
            {t("review.field.scans")}
            <input
              type="file"
              name="files"
              multiple
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              className={`${inputClass} mt-1`}
            />
            <span className="mt-1 block text-xs font-normal text-stone-500">
              {t("review.hint.scans", { max: MAX_SCANS, mb: MAX_FILE_BYTES / 1024 / 1024 })}
            </span>
          </label>
          <ErrorList errors={fileErrors} />
          <label className="block text-sm font-medium">
            {t("review.field.note")}
            <textarea {...getTextareaProps(fields.note)} rows={3} maxLength={500} className={`${inputClass} mt-1`} />
            <span className="mt-1 block text-xs font-normal text-stone-500">
              {correcting ? t("review.hint.noteRequired") : t("review.hint.note")}
            </span>
          </label>
          <ErrorList errors={fields.note.errors} />
          <SubmitButton>{correcting ? t("review.correct") : t("review.upload")}</SubmitButton>
        </Form>
      ) : (
        <p className="rounded-lg bg-white p-4 text-sm ring-1 ring-stone-200">
          {review.state === "open" ? t("review.passedNote") : t("review.closedNote")}
        </p>
      )}
    </article>
  );
}
