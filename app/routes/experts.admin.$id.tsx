import { getFormProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuditEvent } from "~/.server/db/models";
import { expertForAdmin, moveExpert, updateExpert } from "~/.server/experts/pools";
import { requireAccess } from "~/.server/web/guards";
import { badRequest, idOf, readFormData } from "~/.server/web/form";
import { Field, FormErrors, SubmitButton, TextField, inputClass, resultFor } from "~/components/form";
import {
  AVAILABILITY,
  MOVE_NAMES,
  MOVES_WITH_REASON,
  NOTICE_DAYS,
  moveSchema,
  movesFrom,
  updateSchema,
  type ExpertMove,
} from "~/lib/experts";
import { chinaDayOf, todayInChina } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("experts.admin.detail", "name");

const load = (id: number) => async (_user: unknown, scopes: Parameters<typeof expertForAdmin>[0]) => {
  const found = await expertForAdmin(scopes, id);
  return found ? { ...found, orgPath: found.expert.orgPath } : null;
};

/** One expert as the bureau sees them (contact included), the admission moves open from their state, and the history. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = await requireAccess(request, "expert:manage", load(idOf(params.id)));
  const { expert, pool, username } = target;
  const history = await AuditEvent.findAll({
    where: { targetType: "expert", targetId: String(expert.id) },
    order: [["id", "ASC"]],
    attributes: ["id", "at", "action", "reason"],
  });
  return {
    name: expert.name,
    expert: {
      id: expert.id,
      name: expert.name,
      field: expert.field,
      title: expert.title,
      organisation: expert.organisation,
      pool: pool.name,
      termFrom: expert.termFrom,
      termUntil: expert.termUntil,
      phone: expert.phone,
      email: expert.email,
      availability: expert.availability,
      state: expert.state,
      stateReason: expert.stateReason,
      noticeFrom: expert.noticeFrom,
      noticeUntil: expert.noticeUntil,
      listedOn: expert.listedOn,
      fromRoster: expert.mediatorId !== null,
      username,
    },
    moves: movesFrom(expert.state),
    history: history.map((h) => ({ id: h.id, at: chinaDayOf(h.at) ?? "", action: h.action, reason: h.reason })),
    today: todayInChina(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idOf(params.id);
  const { actor } = await requireAccess(request, "expert:manage", load(id));
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "update") {
    const submission = parseWithZod(form, { schema: updateSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const done = await updateExpert(actor, id, { availability: submission.value.availability, username: submission.value.username ?? "" });
    if (!done.ok)
      return data({ result: submission.reply({ fieldErrors: { username: [`experts.error.${done.error}`] } }) }, { status: 400 });
    throw redirect(`/experts/admin/${id}`);
  }
  if (!MOVE_NAMES.includes(intent as ExpertMove)) throw badRequest("intent");
  const submission = parseWithZod(form, { schema: moveSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const moved = await moveExpert(actor, id, submission.value);
  if (!moved.ok) {
    return data(
      { result: submission.reply({ formErrors: [`experts.error.${moved.error}`] }) },
      { status: moved.error === "notFound" ? 404 : 409 },
    );
  }
  throw redirect(`/experts/admin/${id}`);
}

function MoveForm({ move, today, result }: { move: ExpertMove; today: string; result: ReturnType<typeof resultFor> }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `move-${move}`,
    lastResult: result,
    defaultValue: { intent: move, noticeFrom: today, noticeDays: String(NOTICE_DAYS) },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: moveSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2 rounded-md p-3 ring-1 ring-stone-200">
      <input type="hidden" name="intent" value={move} />
      <FormErrors id={form.errorId} errors={form.errors} />
      {move === "publish" ? (
        <>
          <TextField label={t("experts.move.noticeFrom")} meta={fields.noticeFrom} type="date" />
          <TextField label={t("experts.move.noticeDays")} meta={fields.noticeDays} type="number" inputMode="numeric" min={5} max={30} />
        </>
      ) : null}
      {MOVES_WITH_REASON.includes(move) ? (
        <Field label={t("experts.move.reason")} meta={fields.reason}>
          <textarea {...getTextareaProps(fields.reason)} rows={2} maxLength={300} className={inputClass} />
        </Field>
      ) : null}
      <SubmitButton>{t(`experts.move.${move}`)}</SubmitButton>
    </Form>
  );
}

export default function ExpertDetail() {
  const { t } = useTranslation();
  const { expert, moves, history, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "update",
    lastResult: resultFor(actionData?.result, "update"),
    defaultValue: { intent: "update", availability: expert.availability, username: expert.username ?? "" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updateSchema }),
  });
  return (
    <div className="space-y-5">
      <Link to="/experts/admin" className="text-sm text-brand-700 underline">
        {t("experts.admin.back")}
      </Link>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold text-brand-800">{expert.name}</h1>
        <p className="text-sm text-stone-700">
          {t(`experts.field.${expert.field}`)} · {[expert.title, expert.organisation].filter(Boolean).join(" · ")}
        </p>
        <p className="text-sm">
          <span className="rounded bg-brand-50 px-2 py-0.5 text-brand-800">{t(`experts.state.${expert.state}`)}</span>
          {expert.stateReason ? <span className="ml-2 text-stone-600">{expert.stateReason}</span> : null}
        </p>
      </header>
      <dl className="grid gap-2 rounded-lg bg-white p-4 text-sm ring-1 ring-stone-200 sm:grid-cols-2">
        <div>
          <dt className="text-stone-500">{t("experts.form.pool")}</dt>
          <dd>{expert.pool}</dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("experts.detail.term")}</dt>
          <dd>{t("experts.detail.termRange", { from: expert.termFrom, until: expert.termUntil })}</dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("experts.form.phone")}</dt>
          <dd>{expert.phone ?? "—"}</dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("experts.form.email")}</dt>
          <dd className="break-all">{expert.email ?? "—"}</dd>
        </div>
        {expert.noticeFrom ? (
          <div>
            <dt className="text-stone-500">{t("experts.detail.notice")}</dt>
            <dd>{t("experts.public.noticePeriod", { from: expert.noticeFrom, until: expert.noticeUntil })}</dd>
          </div>
        ) : null}
        <div>
          <dt className="text-stone-500">{t("experts.form.username")}</dt>
          <dd>{expert.username ?? "—"}</dd>
        </div>
        {expert.fromRoster ? <p className="text-stone-600">{t("experts.detail.fromRoster")}</p> : null}
      </dl>
      {moves.length ? (
        <section className="space-y-2">
          <h2 className="font-semibold">{t("experts.detail.moves")}</h2>
          {moves.map((m) => (
            <MoveForm key={m} move={m} today={today} result={resultFor(actionData?.result, m)} />
          ))}
        </section>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200">
        <h2 className="font-semibold">{t("experts.detail.update")}</h2>
        <input type="hidden" name="intent" value="update" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("experts.form.availability")} meta={fields.availability}>
          <select {...getSelectProps(fields.availability)} className={inputClass}>
            {AVAILABILITY.map((a) => (
              <option key={a} value={a}>
                {t(`experts.availability.${a}`)}
              </option>
            ))}
          </select>
        </Field>
        <TextField label={t("experts.form.username")} meta={fields.username} maxLength={50} hint={t("experts.form.usernameHint")} />
        <SubmitButton>{t("experts.detail.save")}</SubmitButton>
      </Form>
      <section className="space-y-1">
        <h2 className="font-semibold">{t("experts.detail.history")}</h2>
        <ol className="text-sm text-stone-700">
          {history.map((h) => (
            <li key={h.id}>
              {h.at} · {t(`experts.audit.${h.action.replace("expert.", "")}`)}
              {h.reason ? ` · ${h.reason}` : ""}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
