import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { applyFacts, applyRefusal, levelCheck, roundLevels, startApplication } from "~/.server/rounds/applications";
import { requireAccess } from "~/.server/web/guards";
import { readFormData } from "~/.server/web/form";
import { CriterionRow, MeetsLine } from "~/components/Criteria";
import { ErrorList, FormErrors, SubmitButton, inputClass } from "~/components/form";
import { pageTitle } from "~/lib/meta";
import { startSchema } from "~/lib/round-apply";

export const meta = pageTitle("roundApply.applyTitle", "round.title");

const load = (id: string | undefined) => (user: { id: number }) => applyFacts(id, user.id);

/**
 * A mediator applies in a round: chooses a level of its range and sees, before starting, every
 * criterion of that level with the system's figure and the unmet ones flagged. Says plainly why
 * they may not apply (outside the window, outside the round's area, not active). An application
 * they already have opens instead.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = await requireAccess(request, "application:write", load(params.id));
  const { round, mediator, existing } = target;
  if (existing) throw redirect(`/applications/${existing.id}`);
  const levels = await roundLevels(round);
  const asked = new URL(request.url).searchParams.get("level");
  const level = levels.find((l) => l.key === asked) ?? levels[levels.length - 1];
  const refused = applyRefusal(round, mediator!);
  const check = refused ? null : await levelCheck(round, mediator!.id, level.key);
  return {
    round: { id: round.id, title: round.title, applicationsFrom: round.applicationsFrom, applicationsUntil: round.applicationsUntil },
    levels,
    level: level.key,
    refused,
    check,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, target } = await requireAccess(request, "application:write", load(params.id));
  const submission = parseWithZod(await readFormData(request), { schema: startSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const started = await startApplication(actor, target.round.id, target.mediator!.id, submission.value.level);
  if (!started.ok) {
    const error = `roundApply.error.${started.error}`;
    return data(
      { result: submission.reply(started.error === "level" ? { fieldErrors: { level: [error] } } : { formErrors: [error] }) },
      { status: started.error === "twice" ? 409 : 400 },
    );
  }
  throw redirect(`/applications/${started.application.id}`);
}

export default function Apply() {
  const { t } = useTranslation();
  const { round, levels, level, refused, check } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: startSchema }),
  });
  const unmet = check?.criteria.filter((c) => c.status === "notMet").length ?? 0;
  return (
    <article className="space-y-4">
      <Link to="/applications" className="text-sm text-brand-700 underline">
        {t("roundApply.backMine")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{round.title}</h1>
      <p className="text-sm text-stone-600">{t("roundApply.windowValue", { from: round.applicationsFrom, to: round.applicationsUntil })}</p>
      {refused ? (
        <p role="alert" className="rounded bg-seal-50 p-3 text-seal-700">
          {t(`roundApply.error.${refused}`)}
        </p>
      ) : (
        <>
          <Form method="get" className="flex flex-wrap items-end gap-2">
            <label className="text-sm">
              <span className="mb-1 block">{t("roundApply.field.level")}</span>
              <select name="level" defaultValue={level} className={inputClass}>
                {levels.map((l) => (
                  <option key={l.key} value={l.key}>
                    {l.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="min-h-11 rounded-md border border-brand-700 px-4 text-brand-700">
              {t("roundApply.showCriteria")}
            </button>
          </Form>
          {check ? (
            <section className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200" aria-labelledby="criteria">
              <h2 id="criteria" className="font-semibold">
                {t("roundApply.criteriaOf", { level: check.name })}
              </h2>
              <MeetsLine meets={check.meetsAutomatic} unmet={unmet} />
              <ul className="divide-y divide-stone-100">
                {check.criteria.map((r, i) => (
                  <li key={i} className="py-2">
                    <CriterionRow r={r} />
                  </li>
                ))}
              </ul>
              <p className="text-xs text-stone-500">{t("roundApply.figuresNote")}</p>
            </section>
          ) : null}
          <Form method="post" {...getFormProps(form)} className="space-y-2">
            <input type="hidden" name={fields.level.name} value={level} />
            <FormErrors errors={form.errors} />
            <ErrorList errors={fields.level.errors} />
            <SubmitButton>{t("roundApply.start")}</SubmitButton>
          </Form>
        </>
      )}
    </article>
  );
}
