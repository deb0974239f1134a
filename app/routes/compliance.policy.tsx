import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireComplianceTarget } from "~/.server/web/compliance-target";
import { TrainingPolicy } from "~/.server/db/models";
import { orgOptions } from "~/.server/roster/scope";
import { clearPolicy, effectivePolicy, setPolicy } from "~/.server/training/policies";
import { ErrorList, SubmitButton, inputClass } from "~/components/form";
import { refuse } from "~/.server/web/reply";
import { PRACTICAL_EVENT_FORMS, policyInputSchema } from "~/lib/policy";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";
import { latestPolicyRefresh } from "~/.server/jobs/policy-refresh";
import { RecomputeProgress } from "~/components/RecomputeProgress";
import { usePoll } from "~/utils/poll";

export const meta = pageTitle("policy.title");

/** Which node and year the admin is looking at; 404 for a node outside their subtree. */
/** Bureau admins: the training policy in force at a node of their subtree for a year, and its own override. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, node: unit, year } = await requireComplianceTarget(request, "compliance:read");
  const [policy, own, orgs, job] = await Promise.all([
    effectivePolicy(unit.path, year),
    TrainingPolicy.findOne({ where: { orgUnitId: unit.id, year }, attributes: ["id"] }),
    orgOptions(actor.scopes, { limit: 500 }),
    latestPolicyRefresh(unit.id, year),
  ]);
  const recompute = job
    ? { status: job.status, total: job.total, processed: job.processed, finishedAt: job.finishedAt?.toISOString() ?? null }
    : null;
  return {
    unit: { id: unit.id, name: unit.name },
    year,
    policy,
    hasOwn: Boolean(own),
    orgs: orgs.filter((o) => o.kind !== "committee"),
    recompute,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, node: unit, year } = await requireComplianceTarget(request, "compliance:policy");
  const form = await readFormData(request);
  const back = `/compliance/policy?org=${unit.id}&year=${year}`;
  if (form.get("intent") === "clear") {
    await clearPolicy(actor, unit.id, year);
    throw redirect(`${back}&saved=cleared`);
  }
  const submission = parseWithZod(form, { schema: policyInputSchema });
  if (submission.status !== "success") return refuse(submission.reply());
  await setPolicy(actor, unit.id, year, submission.value);
  throw redirect(`${back}&saved=set`);
}

export default function PolicyPage() {
  const { t } = useTranslation();
  const { unit, year, policy, hasOwn, orgs, recompute } = useLoaderData<typeof loader>();
  const working = recompute?.status === "queued" || recompute?.status === "running";
  usePoll(3000, working);
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: {
      minPractical: String(policy.minPractical),
      minHours: String(policy.minHours),
      preserviceHours: String(policy.preserviceHours),
      preserviceDays: String(policy.preserviceDays),
      eventForms: policy.practical.find((r) => r.source === "event")?.forms ?? [],
      logs: policy.practical.some((r) => r.source === "log") ? "on" : undefined,
      exercises: policy.practical.some((r) => r.source === "exercise") ? "on" : undefined,
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: policyInputSchema }),
  });
  // What the form shows: the policy in force, or what was sent when it was refused.
  const eventForms = ([] as unknown[]).concat(fields.eventForms.initialValue ?? []);
  const number = (name: "minPractical" | "minHours" | "preserviceHours" | "preserviceDays") => (
    <div>
      <label className="block text-sm font-medium">
        {t(`policy.field.${name}`)}
        <input {...getInputProps(fields[name], { type: "text" })} inputMode="decimal" className={`${inputClass} mt-1 max-w-40`} />
      </label>
      <ErrorList id={fields[name].errorId} errors={fields[name].errors} />
    </div>
  );
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold text-brand-800">{t("policy.title")}</h1>
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="mb-1 block">{t("policy.node")}</span>
          <select name="org" defaultValue={unit.id} className={inputClass}>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>{`${"　".repeat(o.level)}${o.name}`}</option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block">{t("policy.year")}</span>
          <input name="year" type="number" defaultValue={year} className={`${inputClass} w-28`} />
        </label>
        <button type="submit" className="min-h-11 rounded-md border border-brand-700 px-4 text-brand-700">
          {t("grading.filter.apply")}
        </button>
      </Form>
      <p className="rounded bg-stone-100 p-3 text-sm">
        {policy.source
          ? t("policy.inForce", { node: unit.name, year, source: policy.source.name })
          : t("policy.defaults", { node: unit.name, year })}
      </p>
      {recompute ? <RecomputeProgress {...recompute} /> : null}
      <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-lg bg-white p-4 ring-1 ring-stone-200">
        <h2 className="font-semibold">
          {hasOwn ? t("policy.ownHeading", { node: unit.name }) : t("policy.overrideHeading", { node: unit.name })}
        </h2>
        <div className="grid gap-3 sm:grid-cols-2">
          {number("minPractical")}
          {number("minHours")}
          {number("preserviceHours")}
          {number("preserviceDays")}
        </div>
        <fieldset>
          <legend className="text-sm font-medium">{t("policy.practicalLegend")}</legend>
          <div className="mt-1 grid grid-cols-2 gap-1 sm:grid-cols-3">
            {PRACTICAL_EVENT_FORMS.map((f) => (
              <label key={f} className="flex min-h-11 items-center gap-2 text-sm">
                <input type="checkbox" name={fields.eventForms.name} value={f} defaultChecked={eventForms.includes(f)} className="size-5" />
                {t("policy.eventOf", { form: t(`trainingForm.${f}`) })}
              </label>
            ))}
            <label className="flex min-h-11 items-center gap-2 text-sm">
              <input {...getInputProps(fields.logs, { type: "checkbox" })} className="size-5" />
              {t("policy.logs")}
            </label>
            <label className="flex min-h-11 items-center gap-2 text-sm">
              <input {...getInputProps(fields.exercises, { type: "checkbox" })} className="size-5" />
              {t("policy.exercises")}
            </label>
          </div>
          <p className="text-xs text-stone-500">{t("policy.hoursNote")}</p>
          <ErrorList id={fields.eventForms.errorId} errors={fields.eventForms.errors} />
        </fieldset>
        <div className="flex flex-wrap gap-3">
          <SubmitButton>{t("policy.save")}</SubmitButton>
          {hasOwn ? (
            <button
              type="submit"
              name="intent"
              value="clear"
              formNoValidate
              className="min-h-11 rounded-md border border-seal-600 px-4 text-seal-700"
            >
              {t("policy.clear")}
            </button>
          ) : null}
        </div>
      </Form>
    </div>
  );
}
