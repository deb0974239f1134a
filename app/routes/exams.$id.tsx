import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess } from "~/.server/web/guards";
import { readFormData } from "~/.server/web/form";
import { refuse } from "~/.server/web/reply";
import { now } from "~/.server/clock";
import { attemptCount, examFormValue, examOrgOptions, examTarget, poolIndex, updateExam } from "~/.server/exams/exams";
import { ExamForm } from "~/components/ExamForm";
import { examLockedSchema, examQuizId, examSchema } from "~/lib/exam";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("exam.edit", "exam.title");

/** An exam of the user's subtree: its form (all of it before the first attempt; title and closing time after). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = Number(params.id);
  const { scopes, target } = await requireAccess(request, "exam:manage", () => examTarget(id));
  const { exam } = target;
  const [{ nodes, committees }, attempts] = await Promise.all([examOrgOptions(scopes), attemptCount(exam.id)]);
  return {
    exam: { id: exam.id, title: exam.title, quizId: examQuizId(exam.id) },
    attempts,
    saved: new URL(request.url).searchParams.has("saved"),
    nodes,
    committees,
    pools: poolIndex(),
    defaultValue: examFormValue(exam),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = Number(params.id);
  const { actor, target } = await requireAccess(request, "exam:manage", () => examTarget(id));
  const form = await readFormData(request);
  const locked = (await attemptCount(target.exam.id)) > 0;
  const at = now();
  if (locked) {
    const submission = parseWithZod(form, { schema: examLockedSchema });
    if (submission.status !== "success") return refuse(submission.reply());
    const updated = await updateExam(actor, target.exam.id, { kind: "locked", input: submission.value }, at);
    if (!updated.ok)
      return refuse(submission.reply({ fieldErrors: updated.fieldErrors, formErrors: updated.formErrors }), updated.formErrors ? 409 : 400);
  } else {
    const submission = parseWithZod(form, { schema: examSchema });
    if (submission.status !== "success") return refuse(submission.reply());
    const updated = await updateExam(actor, target.exam.id, { kind: "full", input: submission.value }, at);
    if (!updated.ok)
      return refuse(submission.reply({ fieldErrors: updated.fieldErrors, formErrors: updated.formErrors }), updated.formErrors ? 409 : 400);
  }
  throw redirect(`/exams/${target.exam.id}?saved=1`);
}

export default function EditExam() {
  const { t } = useTranslation();
  const { exam, attempts, saved, nodes, committees, pools, defaultValue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <Link to="/exams" className="text-sm text-brand-700 underline">
        {t("exam.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{exam.title}</h1>
      <p className="flex flex-wrap gap-4 text-sm">
        <span>{t("exam.list.attempts", { count: attempts })}</span>
        <Link to={`/quizzes/${exam.quizId}`} className="text-brand-700 underline">
          {t("exam.viewAsQuiz")}
        </Link>
        <Link to={`/quizzes/${exam.quizId}/report`} className="text-brand-700 underline">
          {t("quiz.report.link")}
        </Link>
      </p>
      {saved && !actionData ? (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
          {t("exam.saved")}
        </p>
      ) : null}
      <ExamForm
        key={attempts > 0 ? "locked" : "open"}
        lastResult={actionData?.result}
        defaultValue={defaultValue}
        nodes={nodes}
        committees={committees}
        pools={pools}
        locked={attempts > 0}
        submitLabel={t("exam.save")}
      />
    </div>
  );
}
