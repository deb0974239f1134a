import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess } from "~/.server/web/guards";
import { readFormData } from "~/.server/web/form";
import { ONCE_FIELD, onceToken, submitOnce } from "~/.server/web/form-once";
import { refuse } from "~/.server/web/reply";
import { now } from "~/.server/clock";
import { createExam, examFormValue, examOrgOptions, poolIndex } from "~/.server/exams/exams";
import { ExamForm } from "~/components/ExamForm";
import { examSchema } from "~/lib/exam";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("exam.new");

/** Bureau admins and trainers schedule an exam for a node of their subtree. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scopes } = await requireAccess(request, "exam:manage");
  const { nodes, committees } = await examOrgOptions(scopes);
  return { nodes, committees, pools: poolIndex(), defaultValue: examFormValue(null), once: onceToken() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAccess(request, "exam:manage");
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema: examSchema });
  if (submission.status !== "success") return refuse(submission.reply());
  return submitOnce(actor.id, form.get(ONCE_FIELD), submission.value, async () => {
    const created = await createExam(actor, submission.value, now());
    if (!created.ok) return refuse(submission.reply({ fieldErrors: created.fieldErrors, formErrors: created.formErrors }));
    throw redirect(`/exams/${created.exam.id}?saved=1`);
  });
}

export default function NewExam() {
  const { t } = useTranslation();
  const { nodes, committees, pools, defaultValue, once } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <Link to="/exams" className="text-sm text-brand-700 underline">
        {t("exam.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("exam.new")}</h1>
      <ExamForm
        lastResult={actionData?.result}
        defaultValue={defaultValue}
        nodes={nodes}
        committees={committees}
        pools={pools}
        locked={false}
        submitLabel={t("exam.create")}
        once={once}
      />
    </div>
  );
}
