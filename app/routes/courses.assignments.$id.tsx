import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireAccess } from "~/.server/web/guards";
import { badRequest, readFormData } from "~/.server/web/form";
import { refuse } from "~/.server/web/reply";
import { assignmentBehind, changeAssignmentDue, findAssignment, remindBehind, withdrawAssignment } from "~/.server/courses/assignments";
import { getCourse } from "~/.server/courses/catalog";
import { Pagination } from "~/components/Pagination";
import { ErrorList, FormErrors, SubmitButton, inputClass, resultFor } from "~/components/form";
import { todayInChina } from "~/lib/dates";
import { isIsoDate, msg, requiredText } from "~/lib/validation";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("courses.assignmentTitle", "title");

const dueSchema = z.object({
  intent: z.literal("due"),
  dueOn: z.string({ required_error: msg("required") }).refine(isIsoDate, msg("date")),
});
const withdrawSchema = z.object({ intent: z.literal("withdraw"), reason: requiredText(500) });

/** Bureau admins: one assignment — who is behind (with a reminder to them), its due date, withdrawing it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = await requireAccess(request, "course:assign", () => findAssignment(params.id));
  const { assignment, org } = target;
  const url = new URL(request.url);
  const behind = await assignmentBehind(assignment, org, Number(url.searchParams.get("page")) || 1);
  const course = getCourse(assignment.courseSlug);
  const reminded = url.searchParams.get("sent");
  return {
    title: course?.title ?? assignment.courseSlug,
    assignment: { id: assignment.id, year: assignment.year, dueOn: assignment.dueOn, orgName: org.name },
    behind,
    reminded: reminded ? { sent: Number(reminded), skipped: Number(url.searchParams.get("skipped") ?? 0) } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, target } = await requireAccess(request, "course:assign", () => findAssignment(params.id));
  const { assignment, org } = target;
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "remind") {
    const { sent, skipped } = await remindBehind(actor, assignment, org, todayInChina());
    throw redirect(`/courses/assignments/${assignment.id}?sent=${sent}&skipped=${skipped}`);
  }
  if (intent === "due") {
    const submission = parseWithZod(form, { schema: dueSchema });
    if (submission.status !== "success") return refuse(submission.reply());
    const changed = await changeAssignmentDue(actor, assignment, org, submission.value.dueOn);
    if (!changed.ok) return refuse(submission.reply({ fieldErrors: { [changed.field]: [changed.error] } }));
    throw redirect(`/courses/assignments/${assignment.id}`);
  }
  if (intent === "withdraw") {
    const submission = parseWithZod(form, { schema: withdrawSchema });
    if (submission.status !== "success") return refuse(submission.reply());
    await withdrawAssignment(actor, assignment, org, submission.value.reason);
    throw redirect(`/courses/assignments?year=${assignment.year}`);
  }
  throw badRequest("intent");
}

export default function AssignmentDetail() {
  const { t } = useTranslation();
  const { title, assignment, behind, reminded } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [dueForm, due] = useForm({
    id: "due",
    lastResult: resultFor(actionData?.result, "due"),
    defaultValue: { dueOn: assignment.dueOn },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: dueSchema }),
  });
  const [withdrawForm, withdraw] = useForm({
    id: "withdraw",
    lastResult: resultFor(actionData?.result, "withdraw"),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: withdrawSchema }),
  });
  return (
    <div className="space-y-5">
      <Link to={`/courses/assignments?year=${assignment.year}`} className="text-sm text-brand-700 underline">
        {t("courses.backToAssignments")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{title}</h1>
      <p className="text-stone-700">
        {t("courses.assignmentSummary", { org: assignment.orgName, year: assignment.year, date: assignment.dueOn })}
      </p>

      <section aria-labelledby="behind" className="space-y-2">
        <h2 id="behind" className="text-lg font-semibold">
          {t("courses.behindTitle", { count: behind.total })}
        </h2>
        {reminded ? (
          <p role="status" className="rounded bg-emerald-50 p-3 text-sm text-emerald-900">
            {t("courses.reminded", reminded)}
          </p>
        ) : null}
        {behind.total === 0 ? (
          <p className="text-stone-600">{t("courses.behindNone")}</p>
        ) : (
          <>
            <Form method="post" className="space-y-1">
              <input type="hidden" name="intent" value="remind" />
              <p className="text-sm text-stone-600">{t("courses.remindHint")}</p>
              <SubmitButton>{t("courses.remind", { count: behind.total })}</SubmitButton>
            </Form>
            <ul className="divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200">
              {behind.rows.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 p-3 text-sm">
                  <span className="font-medium">{r.name}</span>
                  <span className="text-stone-500">{r.committee}</span>
                  <span className="ml-auto text-stone-600">
                    {r.started ? t("courses.behindStarted") : t("courses.behindNotStarted")}
                    {r.hasAccount ? "" : ` · ${t("courses.behindNoAccount")}`}
                  </span>
                </li>
              ))}
            </ul>
            <Pagination page={behind.page} pageCount={behind.pages} />
          </>
        )}
      </section>

      <Form method="post" {...getFormProps(dueForm)} className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
        <input type="hidden" name="intent" value="due" />
        <h2 className="font-semibold">{t("courses.changeDue")}</h2>
        <label htmlFor={due.dueOn.id} className="block text-sm">
          {t("courses.due")}
        </label>
        <input {...getInputProps(due.dueOn, { type: "date" })} className={`${inputClass} max-w-xs`} />
        <ErrorList id={due.dueOn.errorId} errors={due.dueOn.errors} />
        <SubmitButton>{t("courses.saveDue")}</SubmitButton>
      </Form>

      <Form method="post" {...getFormProps(withdrawForm)} className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200">
        <input type="hidden" name="intent" value="withdraw" />
        <h2 className="font-semibold">{t("courses.withdrawTitle")}</h2>
        <p className="text-sm text-stone-600">{t("courses.withdrawHint")}</p>
        <label htmlFor={withdraw.reason.id} className="block text-sm">
          {t("courses.withdrawReason")}
        </label>
        <input {...getInputProps(withdraw.reason, { type: "text" })} maxLength={500} className={inputClass} />
        <ErrorList id={withdraw.reason.errorId} errors={withdraw.reason.errors} />
        <FormErrors id={withdrawForm.errorId} errors={withdrawForm.errors} />
        <button type="submit" className="min-h-11 rounded-md px-4 text-seal-600 ring-1 ring-seal-600">
          {t("courses.withdraw")}
        </button>
      </Form>
    </div>
  );
}
