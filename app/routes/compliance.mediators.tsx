import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireComplianceTarget } from "~/.server/web/compliance-target";
import { REMINDER_LIMIT, countMediators, mediatorRows, sendReminders } from "~/.server/compliance/mediators";
import { MediatorTable } from "~/components/MediatorTable";
import { Pagination } from "~/components/Pagination";
import { ErrorList, FormErrors, SubmitButton, inputClass } from "~/components/form";
import { refuse } from "~/.server/web/reply";
import { STATE_FILTERS, listQuerySchema, reminderSchema } from "~/lib/compliance";
import { message } from "~/lib/messages";
import { todayInChina } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";
import { readFormData } from "~/.server/web/form";

export const meta = pageTitle("compliance.list.title");

const PAGE = 50;
const PRINT_LIMIT = 2000;

/** Bureau admins: the mediators of a node for a year, behind by default, filterable; `?print=1` is the notice list. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { node, year } = await requireComplianceTarget(request, "compliance:read");
  const params = new URL(request.url).searchParams;
  const query = listQuerySchema.parse(Object.fromEntries(params));
  const print = params.get("print") === "1";
  const today = todayInChina();
  const count = await countMediators(node, year, query);
  const pageCount = Math.max(1, Math.ceil(count / PAGE));
  const page = Math.min(query.page, pageCount);
  const rows = await mediatorRows(node, year, query, print ? PRINT_LIMIT : PAGE, print ? 0 : (page - 1) * PAGE, today);
  const sent = params.get("sent");
  return {
    node: { id: node.id, name: node.name },
    year,
    query,
    print,
    today,
    count,
    page,
    pageCount,
    rows,
    sent: sent ? { sent: Number(sent), skipped: Number(params.get("skipped") ?? 0) } : null,
  };
}

/** "Send reminders" to the mediators the filters list (all pages). */
export async function action({ request }: ActionFunctionArgs) {
  const { actor, node, year } = await requireComplianceTarget(request, "compliance:remind");
  const submission = parseWithZod(await readFormData(request), { schema: reminderSchema });
  if (submission.status !== "success") return refuse(submission.reply());
  const query = { ...submission.value, page: 1 };
  const result = await sendReminders(actor, node, year, query, todayInChina());
  // More on the list than one sending may reach: the admin narrows the list first.
  if (!result.ok)
    return refuse(
      submission.reply({ formErrors: [message("compliance.list.tooMany", { total: result.total, limit: REMINDER_LIMIT })] }),
      409,
    );
  const back = new URLSearchParams({
    org: String(node.id),
    year: String(year),
    state: query.state,
    ...(query.employment ? { employment: query.employment } : {}),
    sent: String(result.sent),
    skipped: String(result.skipped),
  });
  throw redirect(`/compliance/mediators?${back}`);
}

export default function ComplianceMediators() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>()?.result.error;
  const refused = refusal?.[""] ?? undefined;
  const [params] = useSearchParams();
  const { node, year, query } = data;
  const withPrint = new URLSearchParams(params);
  withPrint.set("print", "1");
  withPrint.delete("sent");
  withPrint.delete("skipped");
  if (data.print) {
    const back = new URLSearchParams(withPrint);
    back.delete("print");
    return (
      <div className="space-y-3">
        <p className="print:hidden">
          <Link to={`?${back}`} className="underline">
            {t("compliance.list.printBack")}
          </Link>
        </p>
        <h1 className="text-center text-xl font-bold">{t("compliance.list.printTitle", { node: node.name, year })}</h1>
        <p className="text-sm">{`${t("compliance.list.printDate", { date: data.today })}　${t(
          `compliance.list.states.${query.state}`,
        )}　${t("compliance.list.count", { count: data.count })}`}</p>
        {data.count > data.rows.length ? (
          <p className="text-sm text-amber-800">{t("compliance.list.printTruncated", { shown: data.rows.length, count: data.count })}</p>
        ) : null}
        <MediatorTable rows={data.rows} caption={t("compliance.list.printTitle", { node: node.name, year })} withPhone />
        <p className="text-sm">{t("compliance.list.printNote")}</p>
        <p className="pt-6 text-sm">{t("compliance.list.printSign")}</p>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/compliance?org=${node.id}&year=${year}`} className="underline">{`${node.name} · ${t("compliance.title")}`}</Link>
      </p>
      <h1 className="text-2xl font-bold text-brand-800">{`${t("compliance.list.title")} · ${year}`}</h1>
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="org" value={node.id} />
        <input type="hidden" name="year" value={year} />
        <label className="text-sm">
          <span className="mb-1 block">{t("compliance.list.state")}</span>
          <select name="state" defaultValue={query.state} className={inputClass}>
            {STATE_FILTERS.map((s) => (
              <option key={s} value={s}>
                {t(`compliance.list.states.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block">{t("compliance.list.employment")}</span>
          <select name="employment" defaultValue={query.employment ?? ""} className={inputClass}>
            <option value="">{t("compliance.list.all")}</option>
            <option value="full_time">{t("employment.full_time")}</option>
            <option value="part_time">{t("employment.part_time")}</option>
          </select>
        </label>
        <SubmitButton>{t("compliance.list.filter")}</SubmitButton>
      </Form>
      {data.sent ? (
        <p role="status" className="rounded bg-emerald-50 p-3 text-sm text-emerald-900">
          {t("compliance.list.sent", data.sent)}
        </p>
      ) : null}
      <FormErrors errors={refused} />
      <p className="text-sm text-stone-700">{t("compliance.list.count", { count: data.count })}</p>
      <div className="flex flex-wrap items-start gap-2">
        {query.state !== "compliant" && data.count > 0 ? (
          <Form method="post" className="space-y-1">
            <input type="hidden" name="state" value={query.state} />
            <input type="hidden" name="employment" value={query.employment ?? ""} />
            <label className="flex min-h-11 items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="confirm"
                required
                aria-invalid={refusal?.confirm ? true : undefined}
                aria-describedby={refusal?.confirm ? "confirm-error" : undefined}
                className="size-5"
              />
              {t("compliance.list.confirmRemind", { count: data.count })}
            </label>
            <ErrorList id="confirm-error" errors={refusal?.confirm ?? undefined} />
            <SubmitButton>{t("compliance.list.remind")}</SubmitButton>
            <p className="max-w-sm text-xs text-stone-600">{t("compliance.list.remindHint")}</p>
          </Form>
        ) : null}
        <Link to={`?${withPrint}`} className="flex min-h-11 items-center rounded-md bg-white px-4 text-sm ring-1 ring-stone-300">
          {t("compliance.list.print")}
        </Link>
      </div>
      <MediatorTable rows={data.rows} caption={t("compliance.list.title")} />
      <Pagination page={data.page} pageCount={data.pageCount} />
    </div>
  );
}
