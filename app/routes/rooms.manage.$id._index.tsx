import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { levelsAt } from "~/.server/rooms/eligibility";
import { countyPathOf, moveRoom, moverKinds, movesFor } from "~/.server/rooms/moves";
import { proposeRating, rateRoom, ratingWindowFor, ratingsOf } from "~/.server/rooms/ratings";
import { rosterEntryOfAccount } from "~/.server/roster/account-entry";
import { committeeMediators, findRoom, roomMediators, saveRoom } from "~/.server/rooms/rooms";
import { notFound, requireAccess, requireCan } from "~/.server/web/guards";
import { refuse, refusal } from "~/.server/web/reply";
import { filesFrom, readForm } from "~/.server/web/uploads";
import { tooLargeError } from "~/.server/uploads";
import { EligibilityList, RoomForm } from "~/components/RoomForm";
import { Field, FormErrors, SubmitButton, TextField, inputClass, resultBesides, resultFor } from "~/components/form";
import { pageTitle } from "~/lib/meta";
import {
  EDITABLE_STATUSES,
  PUBLIC_STATUSES,
  REASON_MOVES,
  ratingSchema,
  roomMoveSchema,
  roomPath,
  roomSchema,
  type RoomMove,
} from "~/lib/rooms";

export const meta = pageTitle("rooms.manage.roomTitle", "room.name");

const load = (id: string | undefined) => () => findRoom(id);

/**
 * One room as its applicant and the admins over it see it: its facts and images, status and
 * reasons, the eligibility as submitted, the moves the user may make now (consent, return, name,
 * reject, suspend, reinstate, withdraw — each of its own mover), the draft's form for its applicant,
 * and for the county bureau the yearly rating with the proposed sheet.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, target } = await requireAccess(request, "room:read", load(params.id));
  const { room } = target;
  const countyPath = await countyPathOf(room);
  const kinds = moverKinds(user, room, countyPath);
  const mediators = await roomMediators(room.id);
  const editable = EDITABLE_STATUSES.includes(room.status) && kinds.has("applicant");
  const own = await rosterEntryOfAccount(user.id);
  const admin = user.grants.some((g) => (g.role === "bureau_admin" || g.role === "sysadmin") && room.orgPath.startsWith(g.orgPath));
  const choices = editable ? (admin ? await committeeMediators(room.committeeId) : own ? [own] : []) : [];
  const rating = kinds.has("bureau") && room.status === "named" ? await ratingWindowFor(room) : null;
  const sheetYear = rating?.year ?? (rating ? Number(rating.window.opens.slice(0, 4)) : null);
  const images = room.images ?? {};
  return {
    room: {
      id: room.id,
      name: room.name,
      kind: room.kind,
      status: room.status,
      statusReason: room.statusReason,
      statusOn: room.statusOn,
      specialties: room.specialties,
      address: room.address,
      hours: room.hours,
      phone: room.phone,
      story: room.story,
      motto: room.motto,
      namedOn: room.namedOn,
      docNo: room.docNo,
      plaque: room.plaque,
      stars: room.stars,
      starsYear: room.starsYear,
      publicPath: PUBLIC_STATUSES.includes(room.status) ? roomPath(room.slug) : null,
      photo: images["photo-640.jpg"] ? `/rooms/manage/${room.id}/images/photo-640.jpg` : null,
      logo: images["logo-128.png"] ? `/rooms/manage/${room.id}/images/logo-128.png` : null,
    },
    mediators: mediators.map((m, i) => ({ id: m.id, name: m.name, lead: i === 0 })),
    eligibility: room.eligibility,
    levels: await levelsAt(room.orgPath),
    moves: movesFor(user, room, countyPath),
    editable,
    form: editable
      ? {
          committeeId: room.committeeId,
          mediators: choices.map((m) => ({ id: m.id, name: m.name })),
          fixedLead: admin || !own ? null : { id: own.id, name: own.name },
          defaults: {
            name: room.name,
            kind: room.kind,
            leadId: mediators[0]?.id,
            memberIds: mediators.slice(1).map((m) => m.id),
            specialties: room.specialties,
            address: room.address,
            hours: room.hours,
            phone: room.phone,
            story: room.story,
            motto: room.motto,
          },
          hasImages: { photo: Boolean(images["photo-640.jpg"]), logo: Boolean(images["logo-128.png"]) },
        }
      : null,
    rating: rating ? { ...rating, sheet: sheetYear ? await proposeRating(room, rating.year ?? sheetYear) : null } : null,
    ratings: (await ratingsOf(room.id)).map((r) => ({ year: r.year, stars: r.stars, proposedStars: r.proposedStars, reason: r.reason })),
    notice: ["submitted", "saved", "moved", "rated"].find((k) => new URL(request.url).searchParams.has(k)) ?? null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, actor, scopes, target } = await requireAccess(request, "room:read", load(params.id));
  const { room } = target;
  const form = await readForm(request);
  if (!form) return refuse(refusal({ fieldErrors: { photo: [tooLargeError] } }), 413);
  const mover = { id: user.id, grants: user.grants, ip: actor.ip };
  const intent = form.get("intent");
  if (intent === "move") {
    requireCan(user, "room:review", target);
    const submission = parseWithZod(form, { schema: roomMoveSchema });
    if (submission.status !== "success") return refuse(submission.reply());
    const { move, reason, namedOn, docNo, plaque } = submission.value;
    const moved = await moveRoom(
      mover,
      room.id,
      move,
      move === "name" ? { namedOn, docNo, plaque, statusReason: null } : { statusReason: REASON_MOVES.includes(move) ? reason : null },
    );
    if (!moved.ok) {
      if (moved.error === "notFound") throw notFound();
      return refuse(submission.reply({ formErrors: [`rooms.error.${moved.error}`] }), moved.error === "notAllowed" ? 403 : 409);
    }
    throw redirect(`/rooms/manage/${room.id}?moved=${move}`);
  }
  if (intent === "rate") {
    requireCan(user, "room:review", target);
    const submission = parseWithZod(form, { schema: ratingSchema });
    if (submission.status !== "success") return refuse(submission.reply());
    const rated = await rateRoom(mover, room.id, submission.value);
    if (!rated.ok) {
      if (rated.error === "notFound") throw notFound();
      const field = rated.error === "reason" ? "reason" : rated.error === "year" ? "year" : null;
      const error = `rooms.error.rate.${rated.error}`;
      return refuse(
        submission.reply(field ? { fieldErrors: { [field]: [error] } } : { formErrors: [error] }),
        rated.error === "notAllowed" ? 403 : 409,
      );
    }
    throw redirect(`/rooms/manage/${room.id}?rated=1`);
  }
  requireCan(user, "room:apply", target);
  const submission = parseWithZod(form, { schema: roomSchema });
  if (submission.status !== "success") return refuse(submission.reply());
  const [photo] = await filesFrom(form, "photo");
  const [logo] = await filesFrom(form, "logo");
  const saved = await saveRoom({ ...mover, scopes }, room.id, submission.value, { photo, logo });
  if (!saved.ok) {
    const { form: formErrors, ...fieldErrors } = saved.errors;
    return refuse(submission.reply({ fieldErrors: fieldErrors as Record<string, string[]>, formErrors }), formErrors?.length ? 409 : 400);
  }
  throw redirect(`/rooms/manage/${room.id}?${saved.room.status === "submitted" ? "submitted" : "saved"}=1`);
}

function MoveForm({ move, lastResult }: { move: RoomMove; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `move-${move}`,
    lastResult,
    defaultValue: { move, plaque: undefined },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roomMoveSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2 rounded-md bg-white p-3 ring-1 ring-stone-200">
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="move" value={move} />
      <h3 className="font-medium">{t(`rooms.move.${move}`)}</h3>
      {move === "name" ? (
        <>
          <TextField label={t("rooms.field.namedOn")} meta={fields.namedOn} type="date" />
          <TextField label={t("rooms.field.docNo")} meta={fields.docNo} maxLength={60} hint={t("rooms.hint.docNo")} />
          <TextField label={t("rooms.field.plaque")} meta={fields.plaque} maxLength={60} />
        </>
      ) : null}
      {REASON_MOVES.includes(move) ? (
        <Field label={t("rooms.field.reason")} meta={fields.reason}>
          <textarea {...getTextareaProps(fields.reason)} rows={2} maxLength={500} className={inputClass} />
        </Field>
      ) : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <SubmitButton>{t(`rooms.move.${move}`)}</SubmitButton>
    </Form>
  );
}

export default function ManageRoom() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { room, mediators, eligibility, levels, moves, editable, form, rating, ratings, notice } = data;
  const actionData = useActionData<typeof action>();
  const sent = actionData?.result;
  const [rateForm, rateFields] = useForm({
    id: "rate",
    lastResult: resultFor(sent, "rate"),
    defaultValue: { year: String(rating?.year ?? ""), stars: String(rating?.sheet?.stars ?? "") },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ratingSchema }),
  });
  return (
    <article className="space-y-4">
      <Link to="/rooms/manage" className="text-sm text-brand-700 underline">
        {t("rooms.manage.title")}
      </Link>
      <header className="flex items-center gap-3">
        {room.logo ? <img src={room.logo} alt="" width={48} height={48} className="rounded-full bg-white" /> : null}
        <div>
          <h1 className="text-2xl font-bold text-brand-800">{room.name}</h1>
          <p className="text-sm text-stone-600">
            {t(`rooms.kind.${room.kind}`)} · <span data-status={room.status}>{t(`rooms.status.${room.status}`)}</span>
            {room.statusOn ? ` · ${room.statusOn}` : ""}
          </p>
        </div>
      </header>
      {notice ? (
        <p role="status" className="rounded bg-emerald-50 p-3 text-emerald-800">
          {t(`rooms.notice.${notice}`)}
        </p>
      ) : null}
      {room.statusReason ? (
        <p className="rounded bg-amber-50 p-3 text-sm text-amber-900">
          {t("rooms.manage.reason")}
          {t("form.colon")}
          {room.statusReason}
        </p>
      ) : null}
      {room.publicPath ? (
        <p className="text-sm">
          <a href={room.publicPath} className="text-brand-700 underline">
            {t("rooms.manage.publicPage")}
          </a>{" "}
          ·{" "}
          <a href={`${room.publicPath}/plaque`} className="text-brand-700 underline">
            {t("rooms.public.plaque")}
          </a>
        </p>
      ) : null}
      {room.photo ? (
        <img
          src={room.photo}
          alt={t("rooms.public.photoAlt", { name: room.name })}
          width={640}
          height={480}
          className="w-full max-w-md rounded-lg"
        />
      ) : null}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-stone-600">{t("rooms.field.lead")}</dt>
        <dd>{mediators.map((m) => m.name).join("、")}</dd>
        <dt className="text-stone-600">{t("rooms.field.specialties")}</dt>
        <dd>{room.specialties.map((s) => t(`category.${s}`)).join("、")}</dd>
        <dt className="text-stone-600">{t("rooms.field.address")}</dt>
        <dd>{room.address}</dd>
        <dt className="text-stone-600">{t("rooms.field.hours")}</dt>
        <dd>{room.hours}</dd>
        <dt className="text-stone-600">{t("rooms.field.phone")}</dt>
        <dd>{room.phone}</dd>
        {room.namedOn ? (
          <>
            <dt className="text-stone-600">{t("rooms.field.namedOn")}</dt>
            <dd>{room.namedOn}</dd>
            <dt className="text-stone-600">{t("rooms.field.docNo")}</dt>
            <dd>{room.docNo}</dd>
          </>
        ) : null}
      </dl>
      {eligibility?.length ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t("rooms.manage.eligibility")}</h2>
          {eligibility.map((e) => (
            <EligibilityList key={e.mediatorId} name={mediators.find((m) => m.id === e.mediatorId)?.name} check={e} levels={levels} />
          ))}
        </section>
      ) : null}
      {moves.length ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t("rooms.manage.moves")}</h2>
          {moves.map((move) => (
            <MoveForm key={move} move={move} lastResult={sent && sent.initialValue?.move === move ? sent : undefined} />
          ))}
        </section>
      ) : null}
      {rating ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t("rooms.rating.title")}</h2>
          <p className="text-sm text-stone-700">
            {rating.year === null
              ? t("rooms.rating.closed", { opens: rating.window.opens, closes: rating.window.closes })
              : t("rooms.rating.open", { year: rating.year, closes: rating.window.closes })}
          </p>
          {rating.sheet ? (
            <div
              role="region"
              aria-label={t("rooms.rating.sheet")}
              // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable table box is focusable (axe)
              tabIndex={0}
              className="overflow-x-auto rounded-lg bg-white ring-1 ring-stone-200"
            >
              <table className="w-full text-left text-sm">
                <thead className="bg-stone-50 text-stone-600">
                  <tr>
                    <th className="p-2">{t("rooms.rating.item")}</th>
                    <th className="p-2">{t("rooms.rating.value")}</th>
                    <th className="p-2">{t("rooms.rating.points")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {rating.sheet.lines.map((l) => (
                    <tr key={l.item}>
                      <td className="p-2">{t(`rooms.sheet.${l.item}`)}</td>
                      <td className="p-2">{l.value ?? t("rooms.rating.noData")}</td>
                      <td className="p-2">{l.points === null ? "—" : `${l.points} / ${l.max}`}</td>
                    </tr>
                  ))}
                  <tr className="font-semibold">
                    <td className="p-2">{t("rooms.rating.total")}</td>
                    <td className="p-2">{rating.sheet.score}</td>
                    <td className="p-2">{t("rooms.rating.proposed", { stars: rating.sheet.stars })}</td>
                  </tr>
                </tbody>
              </table>
            </div>
          ) : null}
          {rating.year !== null ? (
            <Form method="post" {...getFormProps(rateForm)} className="space-y-2 rounded-md bg-white p-3 ring-1 ring-stone-200">
              <input type="hidden" name="intent" value="rate" />
              <input {...getInputProps(rateFields.year, { type: "hidden" })} />
              <TextField label={t("rooms.rating.stars")} meta={rateFields.stars} type="number" min={1} max={5} />
              <Field label={t("rooms.rating.reason")} meta={rateFields.reason}>
                <textarea {...getTextareaProps(rateFields.reason)} rows={2} maxLength={500} className={inputClass} />
              </Field>
              <FormErrors id={rateForm.errorId} errors={rateForm.errors} />
              <SubmitButton>{t("rooms.rating.confirm")}</SubmitButton>
            </Form>
          ) : null}
        </section>
      ) : null}
      {ratings.length ? (
        <section className="space-y-1">
          <h2 className="text-lg font-semibold">{t("rooms.public.ratings")}</h2>
          <ul className="text-sm">
            {ratings.map((r) => (
              <li key={r.year}>
                {t("rooms.rating.history", { year: r.year, stars: r.stars, proposed: r.proposedStars })}
                {r.reason ? `（${r.reason}）` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {editable && form ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t("rooms.manage.edit")}</h2>
          <RoomForm
            action={`/rooms/manage/${room.id}`}
            committeeId={form.committeeId}
            mediators={form.mediators}
            fixedLead={form.fixedLead}
            defaults={form.defaults}
            hasImages={form.hasImages}
            lastResult={resultBesides(sent, ["rate", "move"])}
          />
        </section>
      ) : null}
    </article>
  );
}
