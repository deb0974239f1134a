import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess } from "~/.server/web/guards";
import { onceToken, submitOnce } from "~/.server/web/form-once";
import { readLogForm } from "~/.server/web/log-form";
import { mediatorOf, saveLog, supervisorOptions } from "~/.server/training/logs";
import { TrainingLogForm } from "~/components/TrainingLogForm";
import { refusal, refuse } from "~/.server/web/reply";
import { tooLargeError } from "~/.server/uploads";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("training.newLog");

/** A signed-in user with a roster record logs their practical training. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAccess(request, "log:write");
  const mediator = await mediatorOf(user.id);
  return { hasProfile: Boolean(mediator), supervisors: mediator ? await supervisorOptions(mediator.orgPath) : [], once: onceToken() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireAccess(request, "log:write");
  const read = await readLogForm(request);
  if (read.tooLarge) return refuse(refusal({ fieldErrors: { files: [tooLargeError] } }), 413);
  const { submission, files, once } = read;
  if (submission.status !== "success") return refuse(submission.reply());
  const content = { ...submission.value, files: files.map((f) => [f.name, f.bytes.length]) };
  return submitOnce(user.id, once, content, async () => {
    const saved = await saveLog(user, submission.value, files);
    if (!saved.ok) return refuse(submission.reply({ fieldErrors: saved.errors }));
    throw redirect(`/training/logs/${saved.log.id}`);
  });
}

export default function NewLog() {
  const { t } = useTranslation();
  const { hasProfile, supervisors, once } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <Link to="/training" className="text-sm text-brand-700 underline">
        {t("training.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("training.newLog")}</h1>
      {hasProfile ? (
        <div className="rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6">
          <TrainingLogForm lastResult={actionData?.result} supervisors={supervisors} once={once} />
        </div>
      ) : (
        <p className="rounded-md bg-amber-50 p-4 text-amber-950">{t("training.noProfile")}</p>
      )}
    </div>
  );
}
