import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/.server/access";
import { removeAttachment } from "~/.server/attachments";
import { applicationFacts, applicationView, editable, saveApplication, withdrawApplication } from "~/.server/rounds/applications";
import { reviewApplication, reviewMovesFor, reviewerGrants } from "~/.server/rounds/prereview";
import { tooLargeError, uploadError } from "~/.server/uploads";
import { notFound, requireAccess, requireCan } from "~/.server/web/guards";
import { refusal, refuse } from "~/.server/web/reply";
import { applicationFiles } from "~/.server/web/round-forms";
import { readForm } from "~/.server/web/uploads";
import { AttachmentList } from "~/components/AttachmentList";
import { DateTime } from "~/components/DateTime";
import { CriterionRow, MeetsLine } from "~/components/Criteria";
import { ErrorList, FormErrors, inputClass, resultBesides, resultFor } from "~/components/form";
import { message } from "~/lib/messages";
import { pageTitle } from "~/lib/meta";
import {
  MAX_APPLICATION_FILES,
  MAX_STATEMENT,
  applicationSchema,
  filesField,
  isReturn,
  nextStep,
  reviewOf,
  reviewSchema,
  statementField,
} from "~/lib/round-apply";
import { MOVE_ROUND_STATES, canMove } from "~/lib/rounds";

export const meta = pageTitle("roundApply.applicationTitle", "mediator.name");

const load = (id: string | undefined) => () => applicationFacts(id);

/**
 * One application (申报): its applicant (and the admins over the committee) fill it in while it is
 * a draft or returned and submit or withdraw it; the admins whose grants make a pre-review pass or
 * return it; the panel reads it once it has reached them.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, target } = await requireAccess(request, "application:read", load(params.id));
  const { application, round } = target;
  const writer = can(user, "application:write", target);
  const roundAllows = (move: keyof typeof MOVE_ROUND_STATES) => MOVE_ROUND_STATES[move].includes(round.state);
  const moves =
    can(user, "application:review", target) && roundAllows("committeePass") ? reviewMovesFor(reviewerGrants(user), application, round) : [];
  return {
    ...(await applicationView(application, round)),
    mayEdit: writer && editable(application.stage) && roundAllows("submit"),
    mayWithdraw: writer && canMove("withdraw", application.stage) && roundAllows("withdraw"),
    removable: writer && editable(application.stage),
    moves,
    review: reviewOf(application.stage),
    mine: application.userId === user.id,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, actor, target } = await requireAccess(request, "application:read", load(params.id));
  const { application } = target;
  const form = await readForm(request);
  if (!form) return refuse(refusal({ fieldErrors: { files: [tooLargeError] } }), 413);
  const intent = form.get("intent");
  if (intent === "remove-file") {
    requireCan(user, "application:write", target);
    const removed = await removeAttachment(user.id, { kind: "application", id: application.id }, Number(form.get("attachmentId")));
    if (removed === "notFound") throw notFound();
    if (removed === "notDraft")
      return refuse(refusal({ fieldErrors: { attachmentId: ["attachment.notDraft"] } }, { intent: "remove-file" }), 409);
    throw redirect(`/applications/${application.id}`);
  }
  if (intent === "withdraw") {
    requireCan(user, "application:write", target);
    const withdrawn = await withdrawApplication(actor, application.id);
    if (!withdrawn.ok && withdrawn.error === "notFound") throw notFound();
    if (!withdrawn.ok) return refuse(refusal({ formErrors: [`round.error.${withdrawn.error}`] }, { intent: "withdraw" }), 409);
    throw redirect(`/applications/${application.id}`);
  }
  if (intent === "review") {
    requireCan(user, "application:review", target);
    const submission = parseWithZod(form, { schema: reviewSchema });
    if (submission.status !== "success") return refuse(submission.reply());
    const reviewed = await reviewApplication(
      { id: user.id, grants: user.grants },
      application.id,
      submission.value.move,
      submission.value.reason,
    );
    if (!reviewed.ok) {
      if (reviewed.error === "notFound") throw notFound();
      if (reviewed.error === "reason") return refuse(submission.reply({ fieldErrors: { reason: ["roundApply.error.reasonRequired"] } }));
      if (reviewed.error === "notAllowed") return refuse(submission.reply({ formErrors: ["roundApply.error.notAllowed"] }), 403);
      return refuse(submission.reply({ formErrors: [`round.error.${reviewed.error}`] }), 409);
    }
    throw redirect(`/applications/${application.id}?reviewed=${submission.value.move}`);
  }
  // Saving or submitting the application itself (a multipart form with its evidence files).
  requireCan(user, "application:write", target);
  const submission = parseWithZod(form, { schema: applicationSchema });
  if (submission.status !== "success") return refuse(submission.reply());
  const files = await applicationFiles(form);
  const bad = uploadError(files.all, { max: MAX_APPLICATION_FILES });
  if (bad) return refuse(submission.reply({ fieldErrors: { files: [bad] } }));
  const saved = await saveApplication(actor, application.id, submission.value, files.byCriterion);
  if (!saved.ok) {
    if (saved.error === "notFound") throw notFound();
    const error =
      saved.error === "files"
        ? message("training.tooManyFiles", { max: saved.max ?? MAX_APPLICATION_FILES })
        : `roundApply.error.${saved.error}`;
    const status = saved.error === "stage" || saved.error === "roundState" ? 409 : 400;
    return refuse(submission.reply(saved.field ? { fieldErrors: { [saved.field]: [error] } } : { formErrors: [error] }), status);
  }
  throw redirect(`/applications/${application.id}${submission.value.intent === "submit" ? "?submitted=1" : "?saved=1"}`);
}

export default function ApplicationPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { application, round, mediator, levels, criteria, meetsAutomatic, files, mayEdit, mayWithdraw, removable, moves, review } = data;
  const actionData = useActionData<typeof action>();
  const main = resultBesides(actionData?.result, ["remove-file", "withdraw", "review"]);
  const reviewResult = resultFor(actionData?.result, "review");
  const [form, fields] = useForm({
    id: "application",
    lastResult: main,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: applicationSchema }),
  });
  const [reviewForm, reviewFields] = useForm({
    id: "review",
    lastResult: reviewResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reviewSchema }),
  });
  const errorsOf = (name: string) => (main?.error?.[name] ?? undefined) as string[] | undefined;
  const unmet = criteria.filter((c) => c.status === "notMet").length;
  const back = data.mine ? "/applications" : `/rounds`;
  return (
    <article className="space-y-5">
      <Link to={back} className="text-sm text-brand-700 underline">
        {data.mine ? t("roundApply.backMine") : t("roundApply.back")}
      </Link>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold text-brand-800">
          {mediator.name} · {application.levelName}
        </h1>
        <p className="text-sm text-stone-600">
          {round.title} · {mediator.committee}
        </p>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className="rounded bg-stone-100 px-2 py-0.5" data-testid="stage">
            {t(`round.stage.${application.stage}`)}
          </span>
          <span className="text-stone-600">{t(nextStep(application.stage))}</span>
        </p>
        {application.nominatedBy ? (
          <p className="text-xs text-stone-500">{t("roundApply.nominatedBy", { name: application.nominatedBy })}</p>
        ) : null}
        {application.submittedAt ? (
          <p className="text-xs text-stone-500">
            {t("roundApply.submittedAt")} <DateTime value={application.submittedAt} />
          </p>
        ) : null}
      </header>
      {application.stage === "returned" && application.returnedReason ? (
        <p role="alert" className="rounded bg-amber-50 p-3 text-amber-950">
          {t("roundApply.returnedBecause", { reason: application.returnedReason })}
        </p>
      ) : null}

      <section className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200" aria-labelledby="criteria">
        <h2 id="criteria" className="font-semibold">
          {t("roundApply.criteriaOf", { level: application.levelName })}
        </h2>
        <MeetsLine meets={meetsAutomatic} unmet={unmet} />
        <p className="text-xs text-stone-500">{application.snapshotAt ? t("roundApply.snapshotNote") : t("roundApply.figuresNote")}</p>
        <ul className="divide-y divide-stone-100">
          {criteria.map((c) => (
            <li key={c.index} className="space-y-1 py-2">
              <CriterionRow r={c} />
              {c.source === "evidence" && !mayEdit ? (
                <div className="rounded bg-stone-50 p-2 text-sm">
                  <p className="whitespace-pre-wrap">{c.statement || t("roundApply.noStatement")}</p>
                  {c.files.length ? (
                    <ul className="mt-1 flex flex-wrap gap-3">
                      {c.files.map((f) => (
                        <li key={f.id}>
                          <a href={`/applications/${application.id}/files/${f.id}`} className="text-brand-700 underline">
                            {f.name}
                          </a>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {mayEdit ? (
        <Form
          method="post"
          encType="multipart/form-data"
          {...getFormProps(form)}
          className="space-y-4 rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6"
        >
          <h2 className="font-semibold">{t("roundApply.fillIn")}</h2>
          <FormErrors errors={form.errors} />
          <label className="block text-sm font-medium">
            {t("roundApply.field.level")}
            <select name={fields.level.name} defaultValue={application.level} className={`mt-1 ${inputClass}`}>
              {levels.map((l) => (
                <option key={l.key} value={l.key}>
                  {l.name}
                </option>
              ))}
            </select>
            <span className="mt-1 block text-xs font-normal text-stone-500">{t("roundApply.hint.level")}</span>
          </label>
          <ErrorList errors={fields.level.errors} />
          {criteria
            .filter((c) => c.source === "evidence")
            .map((c) => (
              <fieldset key={c.index} className="space-y-2 rounded-md border border-stone-200 p-3">
                <legend className="px-1 font-medium">{t(`levels.kind.${c.kind}`)}</legend>
                {c.evidence ? <p className="text-xs text-stone-500">{t("roundApply.evidenceAsked", { what: c.evidence })}</p> : null}
                <label className="block text-sm">
                  {t("roundApply.field.statement")}
                  <textarea
                    name={statementField(c.index)}
                    defaultValue={c.statement}
                    rows={3}
                    maxLength={MAX_STATEMENT}
                    className={`mt-1 ${inputClass}`}
                  />
                </label>
                <ErrorList errors={errorsOf(statementField(c.index))} />
                {c.files.length ? (
                  <p className="text-xs text-stone-600">{t("roundApply.filesKept", { names: c.files.map((f) => f.name).join("、") })}</p>
                ) : null}
                <label className="block text-sm">
                  {t("roundApply.field.files")}
                  <input
                    type="file"
                    name={filesField(c.index)}
                    multiple
                    accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                    className={`mt-1 ${inputClass}`}
                  />
                </label>
              </fieldset>
            ))}
          <p className="text-xs text-stone-500">{t("roundApply.hint.files", { max: MAX_APPLICATION_FILES })}</p>
          <ErrorList errors={errorsOf("files")} />
          <div className="flex flex-wrap gap-2">
            <button type="submit" name="intent" value="save" className="min-h-11 rounded-md border border-brand-700 px-5 text-brand-700">
              {t("roundApply.saveDraft")}
            </button>
            <button type="submit" name="intent" value="submit" className="min-h-11 rounded-md bg-brand-700 px-5 font-medium text-white">
              {application.stage === "returned" ? t("roundApply.resubmit") : t("roundApply.submit")}
            </button>
          </div>
          {!meetsAutomatic ? <p className="text-sm text-seal-700">{t("roundApply.unmetWarning")}</p> : null}
        </Form>
      ) : null}

      {removable && files.length ? (
        <section className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
          <AttachmentList
            files={files}
            href={(id) => `/applications/${application.id}/files/${id}`}
            removable
            errors={(resultFor(actionData?.result, "remove-file")?.error?.attachmentId ?? undefined) as string[] | undefined}
          />
        </section>
      ) : null}

      {moves.length ? (
        <Form method="post" {...getFormProps(reviewForm)} className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200">
          <input type="hidden" name="intent" value="review" />
          <h2 className="font-semibold">{t(`roundApply.review.${review}`)}</h2>
          <p className="text-xs text-stone-500">{t(`roundApply.reviewHint.${review}`)}</p>
          <FormErrors errors={reviewForm.errors} />
          <label className="block text-sm">
            {t("roundApply.field.reason")}
            <textarea name={reviewFields.reason.name} rows={2} maxLength={500} className={`mt-1 ${inputClass}`} />
          </label>
          <ErrorList errors={reviewFields.reason.errors} />
          <div className="flex flex-wrap gap-2">
            {moves.map((m) => (
              <button
                key={m}
                type="submit"
                name="move"
                value={m}
                className={
                  isReturn(m)
                    ? "min-h-11 rounded-md px-5 text-seal-700 ring-1 ring-seal-600"
                    : "min-h-11 rounded-md bg-brand-700 px-5 font-medium text-white"
                }
              >
                {t(`roundApply.move.${m}`)}
              </button>
            ))}
          </div>
        </Form>
      ) : null}

      {mayWithdraw ? (
        <Form method="post" className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
          <input type="hidden" name="intent" value="withdraw" />
          <FormErrors errors={(resultFor(actionData?.result, "withdraw")?.error?.[""] ?? undefined) as string[] | undefined} />
          <p className="mb-2 text-xs text-stone-500">{t("roundApply.withdrawHint")}</p>
          <button type="submit" className="min-h-11 rounded-md px-5 text-seal-700 ring-1 ring-seal-600 hover:bg-seal-50">
            {t("roundApply.withdraw")}
          </button>
        </Form>
      ) : null}
    </article>
  );
}
