import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createPool, listExperts, poolNodes, poolsInScopes } from "~/.server/experts/pools";
import { notFound, requireAccess } from "~/.server/web/guards";
import { readFormData } from "~/.server/web/form";
import { ONCE_FIELD, onceToken, submitOnce } from "~/.server/web/form-once";
import { idParam } from "~/.server/web/round-forms";
import { Pagination } from "~/components/Pagination";
import { Field, FormErrors, OnceField, SubmitButton, TextField, inputClass } from "~/components/form";
import { EXPERT_FIELDS, EXPERT_STATES, TERM_YEARS, poolSchema, type ExpertField, type ExpertState } from "~/lib/experts";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("experts.admin.title");

const pick = <T extends string>(values: readonly T[], value: string | null) => (values.includes(value as T) ? (value as T) : undefined);

/** Bureau admins: the experts of the pools in their subtree, searched by pool, field, state, region and name; new pools. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scopes } = await requireAccess(request, "expert:manage");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 40);
  const filter = {
    poolId: idParam(url, "pool"),
    field: pick(EXPERT_FIELDS, url.searchParams.get("field")) as ExpertField | undefined,
    state: pick(EXPERT_STATES, url.searchParams.get("state")) as ExpertState | undefined,
    org: idParam(url, "org"),
    q: q || undefined,
  };
  const page = Math.min(idParam(url, "page") ?? 1, 10_000);
  const [list, pools, nodes] = await Promise.all([listExperts(scopes, filter, page), poolsInScopes(scopes), poolNodes(scopes)]);
  if (!list) throw notFound();
  return {
    list,
    pools,
    nodes,
    filter: { pool: filter.poolId ?? "", field: filter.field ?? "", state: filter.state ?? "", org: filter.org ?? "", q },
    once: onceToken(),
  };
}

/** Sets up a pool at a city or county node of the admin's subtree. */
export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAccess(request, "expert:manage");
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema: poolSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  return submitOnce(actor.id, form.get(ONCE_FIELD), submission.value, async () => {
    const made = await createPool(actor, submission.value);
    if (!made.ok) {
      const field = made.error === "node" ? "orgUnitId" : "name";
      return data({ result: submission.reply({ fieldErrors: { [field]: [`experts.error.${made.error}`] } }) }, { status: 400 });
    }
    throw redirect(`/experts/admin?pool=${made.pool.id}`);
  });
}

export default function ExpertsAdmin() {
  const { t } = useTranslation();
  const { list, pools, nodes, filter, once } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { termYears: String(TERM_YEARS) },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: poolSchema }),
  });
  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold text-brand-800">{t("experts.admin.heading")}</h1>
        <div className="flex gap-3 text-sm">
          <Link to="/experts/admin/new" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white">
            {t("experts.admin.add")}
          </Link>
          <Link to="/experts/admin/consultations" className="py-2 text-brand-700 underline">
            {t("experts.admin.consultations")}
          </Link>
        </div>
      </header>
      <Form method="get" className="grid gap-3 rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:grid-cols-3">
        <label className="block text-sm">
          <span className="font-medium">{t("experts.filter.pool")}</span>
          <select name="pool" defaultValue={String(filter.pool)} className={inputClass}>
            <option value="">{t("experts.filter.allPools")}</option>
            {pools.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("experts.filter.field")}</span>
          <select name="field" defaultValue={filter.field} className={inputClass}>
            <option value="">{t("experts.filter.allFields")}</option>
            {EXPERT_FIELDS.map((f) => (
              <option key={f} value={f}>
                {t(`experts.field.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("experts.filter.state")}</span>
          <select name="state" defaultValue={filter.state} className={inputClass}>
            <option value="">{t("experts.filter.allStates")}</option>
            {EXPERT_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`experts.state.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("experts.filter.region")}</span>
          <select name="org" defaultValue={String(filter.org)} className={inputClass}>
            <option value="">{t("experts.filter.allRegions")}</option>
            {nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("experts.filter.q")}</span>
          <input name="q" defaultValue={filter.q} maxLength={40} className={inputClass} />
        </label>
        <div className="flex items-end">
          <button type="submit" className="min-h-11 w-full rounded-md bg-brand-700 px-4 font-medium text-white">
            {t("experts.filter.apply")}
          </button>
        </div>
      </Form>
      <p className="text-sm text-stone-600">{t("experts.public.count", { count: list.total })}</p>
      <ul className="divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200">
        {list.rows.map((e) => (
          <li key={e.id} className="p-3 text-sm">
            <Link to={`/experts/admin/${e.id}`} className="font-medium text-brand-700 underline">
              {e.name}
            </Link>{" "}
            · {t(`experts.field.${e.field}`)} · {t(`experts.state.${e.state}`)}
            <p className="text-stone-600">{[e.title, e.organisation, e.pool].filter(Boolean).join(" · ")}</p>
          </li>
        ))}
      </ul>
      <Pagination page={list.page} pageCount={list.pages} />
      <section className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200">
        <h2 className="font-semibold">{t("experts.pool.heading")}</h2>
        <ul className="text-sm">
          {pools.map((p) => (
            <li key={p.id}>
              {p.name} · {p.node} · {t("experts.pool.term", { years: p.termYears })}
            </li>
          ))}
        </ul>
        {nodes.length ? (
          <Form method="post" {...getFormProps(form)} className="space-y-3">
            <OnceField token={once} />
            <FormErrors id={form.errorId} errors={form.errors} />
            <Field label={t("experts.pool.node")} meta={fields.orgUnitId}>
              <select {...getSelectProps(fields.orgUnitId)} className={inputClass}>
                <option value="">{t("experts.pool.chooseNode")}</option>
                {nodes.map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.name}
                  </option>
                ))}
              </select>
            </Field>
            <TextField label={t("experts.pool.name")} meta={fields.name} maxLength={60} />
            <TextField label={t("experts.pool.termYears")} meta={fields.termYears} type="number" inputMode="numeric" min={1} max={10} />
            <SubmitButton>{t("experts.pool.create")}</SubmitButton>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
