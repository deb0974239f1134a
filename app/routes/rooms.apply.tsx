import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { levelsAt } from "~/.server/rooms/eligibility";
import { applyChoices, saveRoom } from "~/.server/rooms/rooms";
import { requireAccess } from "~/.server/web/guards";
import { refuse, refusal } from "~/.server/web/reply";
import { filesFrom, readMultipart } from "~/.server/web/uploads";
import { tooLargeError } from "~/.server/uploads";
import { EligibilityList, RoomForm } from "~/components/RoomForm";
import { inputClass } from "~/components/form";
import { pageTitle } from "~/lib/meta";
import { roomSchema } from "~/lib/rooms";

export const meta = pageTitle("rooms.apply.title");

/**
 * Applying for a room (申请命名调解室): a mediator for their own room (they lead it), an admin over
 * a committee for a team room (choosing the committee first, then the lead and members). The rules
 * in force and each offered mediator's check are shown before submitting; unmet rules refuse the
 * submission (a draft can be saved).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scopes } = await requireAccess(request, "room:apply");
  const asked = Number(new URL(request.url).searchParams.get("committee"));
  const choices = await applyChoices(user.id, scopes, Number.isSafeInteger(asked) && asked > 0 ? asked : null);
  const names = new Map(choices.mediators.map((m) => [m.id, m.name]));
  return {
    committees: choices.committees.map((c) => ({ id: c.id, name: c.name })),
    committee: choices.committee ? { id: choices.committee.id, name: choices.committee.name } : null,
    mediators: choices.mediators,
    fixedLead: choices.admin || !choices.own ? null : { id: choices.own.id, name: choices.own.name },
    policy: choices.policy,
    eligibility: choices.eligibility.map((e) => ({ ...e, name: names.get(e.mediatorId) ?? "" })),
    levels: choices.committee ? await levelsAt(choices.committee.path) : [],
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, scopes, actor } = await requireAccess(request, "room:apply");
  const form = await readMultipart(request);
  if (!form) return refuse(refusal({ fieldErrors: { photo: [tooLargeError] } }), 413);
  const submission = parseWithZod(form, { schema: roomSchema });
  if (submission.status !== "success") return refuse(submission.reply());
  const [photo] = await filesFrom(form, "photo");
  const [logo] = await filesFrom(form, "logo");
  const saved = await saveRoom({ id: user.id, grants: user.grants, scopes, ip: actor.ip }, null, submission.value, { photo, logo });
  if (!saved.ok) {
    const { form: formErrors, ...fieldErrors } = saved.errors;
    return refuse(
      submission.reply({ fieldErrors: fieldErrors as Record<string, string[]>, formErrors }),
      formErrors?.[0] === "rooms.error.notEligible" ? 409 : 400,
    );
  }
  throw redirect(`/rooms/manage/${saved.room.id}?${saved.room.status === "submitted" ? "submitted" : "saved"}=1`);
}

export default function ApplyRoom() {
  const { t } = useTranslation();
  const { committees, committee, mediators, fixedLead, policy, eligibility, levels } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <article className="space-y-4">
      <Link to="/rooms/manage" className="text-sm text-brand-700 underline">
        {t("rooms.manage.title")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("rooms.apply.title")}</h1>
      <p className="text-sm text-stone-700">{t("rooms.apply.intro")}</p>
      {!committee ? (
        <p role="alert" className="rounded bg-seal-50 p-3 text-seal-700">
          {t("rooms.apply.noCommittee")}
        </p>
      ) : (
        <>
          {committees.length > 1 ? (
            <Form method="get" className="flex flex-wrap items-end gap-2">
              <label className="min-w-0 flex-1 text-sm">
                {t("rooms.field.committee")}
                <select name="committee" defaultValue={committee.id} className={inputClass}>
                  {committees.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="min-h-11 rounded-md border border-brand-700 px-4 py-2 text-brand-800">
                {t("rooms.apply.choose")}
              </button>
            </Form>
          ) : (
            <p className="text-sm">
              <span className="font-medium">
                {t("rooms.field.committee")}
                {t("form.colon")}
              </span>
              {committee.name}
            </p>
          )}
          {policy ? (
            <section className="space-y-2" aria-labelledby="rules-heading">
              <h2 id="rules-heading" className="text-lg font-semibold">
                {t("rooms.apply.rules")}
              </h2>
              <p className="text-sm text-stone-600">{t("rooms.apply.rulesHint")}</p>
              {eligibility.map((e) => (
                <EligibilityList key={e.mediatorId} name={e.name} check={e} levels={levels} />
              ))}
            </section>
          ) : null}
          <RoomForm
            action="/rooms/apply"
            committeeId={committee.id}
            mediators={mediators}
            fixedLead={fixedLead}
            lastResult={actionData?.result}
          />
        </>
      )}
    </article>
  );
}
