import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { scopesFor } from "~/.server/access";
import { complianceNode } from "~/.server/compliance/target";
import { roomDashboard } from "~/.server/rooms/dashboard";
import { levelsAt } from "~/.server/rooms/eligibility";
import { policyAt, savePolicy } from "~/.server/rooms/policy";
import { readFormData } from "~/.server/web/form";
import { requireAccess } from "~/.server/web/guards";
import { refuse } from "~/.server/web/reply";
import { Field, FormErrors, SubmitButton, TextField, inputClass } from "~/components/form";
import { pageTitle } from "~/lib/meta";
import { policySchema } from "~/lib/rooms";

export const meta = pageTitle("rooms.admin.title");

const orgQuery = z.object({ org: z.coerce.number().int().positive().optional().catch(undefined) });

const nodeOf = (request: Request) => async (user: Parameters<typeof scopesFor>[0]) => {
  const asked = orgQuery.parse(Object.fromEntries(new URL(request.url).searchParams)).org;
  const node = await complianceNode(asked ?? scopesFor(user, "room:manage")[0]?.rootId);
  return node && { node, orgPath: node.path };
};

/**
 * The bureau's room dashboard (调解室统计) for a node of its subtree (`?org=`): named rooms against
 * the target the node sets (Mianyang: ≥ 10), per child node; the stars distribution; rooms waiting
 * at each status; named rooms due for this year's rating. Below, the node's rules (eligibility,
 * rating window, target), its own or inherited.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { target } = await requireAccess(request, "room:manage", nodeOf(request));
  const { node } = target;
  const [dashboard, policy, levels] = await Promise.all([roomDashboard(node), policyAt(node.path), levelsAt(node.path)]);
  return {
    dashboard,
    policy: policy.policy,
    own: policy.source === node.id,
    inherited: policy.source,
    levels,
    saved: new URL(request.url).searchParams.has("saved"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, target } = await requireAccess(request, "room:manage", nodeOf(request));
  const submission = parseWithZod(await readFormData(request), { schema: policySchema });
  if (submission.status !== "success") return refuse(submission.reply());
  await savePolicy(actor, target.node.id, submission.value);
  throw redirect(`/rooms/admin?org=${target.node.id}&saved=1`);
}

export default function RoomsAdmin() {
  const { t } = useTranslation();
  const { dashboard, policy, own, levels, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: {
      minYears: String(policy.minYears),
      minDisputesPerYear: String(policy.minDisputesPerYear),
      minSuccessRate: String(policy.minSuccessRate),
      minLevel: policy.minLevel ?? "",
      spanYears: String(policy.spanYears),
      ratingOpens: policy.ratingOpens,
      ratingCloses: policy.ratingCloses,
      target: policy.target === null ? "" : String(policy.target),
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: policySchema }),
  });
  const maxStars = Math.max(1, ...dashboard.stars.map((s) => s.rooms));
  return (
    <article className="space-y-5">
      <Link to="/rooms/manage" className="text-sm text-brand-700 underline">
        {t("rooms.manage.title")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("rooms.admin.heading", { node: dashboard.node.name })}</h1>
      {saved ? (
        <p role="status" className="rounded bg-emerald-50 p-3 text-emerald-800">
          {t("rooms.admin.saved")}
        </p>
      ) : null}
      <p className="text-lg" data-testid="rooms-named">
        {dashboard.target === null
          ? t("rooms.admin.named", { n: dashboard.named })
          : t("rooms.admin.namedOfTarget", { n: dashboard.named, target: dashboard.target })}
      </p>
      {dashboard.children.length ? (
        <div
          role="region"
          aria-label={t("rooms.admin.children")}
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable table box is focusable (axe)
          tabIndex={0}
          className="overflow-x-auto rounded-lg bg-white ring-1 ring-stone-200"
        >
          <table className="w-full text-left text-sm">
            <thead className="bg-stone-50 text-stone-600">
              <tr>
                <th className="p-2">{t("rooms.admin.node")}</th>
                <th className="p-2">{t("rooms.admin.namedCol")}</th>
                <th className="p-2">{t("rooms.admin.target")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {dashboard.children.map((c) => (
                <tr key={c.id}>
                  <td className="p-2">
                    <Link to={`/rooms/admin?org=${c.id}`} className="text-brand-700 underline">
                      {c.name}
                    </Link>
                  </td>
                  <td className="p-2">{c.named}</td>
                  <td className={`p-2 ${c.target !== null && c.named < c.target ? "text-seal-700" : ""}`}>{c.target ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("rooms.admin.stars")}</h2>
        <ul className="space-y-1 text-sm">
          {dashboard.stars.map((s) => (
            <li key={s.stars} className="flex items-center gap-2">
              <span className="w-16 shrink-0">{t("rooms.public.starsOption", { stars: s.stars })}</span>
              <span className="h-3 rounded bg-amber-500" style={{ width: `${(s.rooms / maxStars) * 60}%` }} aria-hidden="true" />
              <span>{s.rooms}</span>
            </li>
          ))}
          <li className="text-stone-600">{t("rooms.admin.unrated", { n: dashboard.unrated })}</li>
        </ul>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("rooms.admin.byStatus")}</h2>
        <ul className="flex flex-wrap gap-2 text-sm">
          {Object.entries(dashboard.byStatus).map(([status, n]) => (
            <li key={status} className="rounded bg-stone-100 px-2 py-1">
              {t(`rooms.status.${status}`)}
              {t("form.colon")}
              {n}
            </li>
          ))}
        </ul>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("rooms.admin.due")}</h2>
        {dashboard.ratingYear === null ? (
          <p className="text-sm text-stone-600">{t("rooms.admin.windowClosed")}</p>
        ) : dashboard.due.length === 0 ? (
          <p className="text-sm text-stone-600">{t("rooms.admin.noneDue", { year: dashboard.ratingYear })}</p>
        ) : (
          <>
            <p className="text-sm text-stone-600">{t("rooms.admin.dueHint", { year: dashboard.ratingYear, n: dashboard.due.length })}</p>
            <ul className="space-y-1 text-sm">
              {dashboard.due.map((r) => (
                <li key={r.id}>
                  <Link to={`/rooms/manage/${r.id}`} className="text-brand-700 underline">
                    {r.name}
                  </Link>
                  {r.stars ? ` · ${t("rooms.public.starsText", { stars: r.stars, year: r.starsYear })}` : ""}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("rooms.admin.rules")}</h2>
        <p className="text-sm text-stone-600">{own ? t("rooms.admin.ownRules") : t("rooms.admin.inheritedRules")}</p>
        <Form method="post" {...getFormProps(form)} className="grid gap-3 rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:grid-cols-2">
          <TextField label={t("rooms.rule.years")} meta={fields.minYears} type="number" min={0} max={40} />
          <TextField label={t("rooms.rule.disputes")} meta={fields.minDisputesPerYear} type="number" min={0} max={1000} />
          <TextField label={t("rooms.rule.success")} meta={fields.minSuccessRate} type="number" min={0} max={100} />
          <Field label={t("rooms.rule.level")} meta={fields.minLevel}>
            <select name={fields.minLevel.name} id={fields.minLevel.id} defaultValue={policy.minLevel ?? ""} className={inputClass}>
              <option value="">{t("rooms.rule.none")}</option>
              {levels.map((l) => (
                <option key={l.key} value={l.key}>
                  {l.name}
                </option>
              ))}
            </select>
          </Field>
          <TextField label={t("rooms.rule.span")} meta={fields.spanYears} type="number" min={1} max={5} />
          <TextField label={t("rooms.admin.targetField")} meta={fields.target} type="number" min={0} />
          <TextField label={t("rooms.admin.opens")} meta={fields.ratingOpens} maxLength={5} hint={t("rooms.hint.monthDay")} />
          <TextField label={t("rooms.admin.closes")} meta={fields.ratingCloses} maxLength={5} hint={t("rooms.hint.monthDay")} />
          <div className="sm:col-span-2">
            <FormErrors id={form.errorId} errors={form.errors} />
            <SubmitButton>{t("rooms.admin.saveRules")}</SubmitButton>
          </div>
        </Form>
      </section>
    </article>
  );
}
