import { pageTitle } from "~/lib/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { findEvent } from "~/.server/events/events";
import { requireAccess, requireCan } from "~/.server/web/guards";
import { CODE_PERIOD_MS, checkinCode } from "~/.server/events/checkin-code";

/** The page an organiser projects at the venue; it reloads itself so the code keeps up. */
export const meta: MetaFunction = pageTitle("events.checkinScreen", "title", [{ httpEquiv: "refresh", content: "15" }]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, target } = await requireAccess(request, "event:read", (user) => findEvent(user, params.id));
  requireCan(user, "event:run", target);
  const { event } = target;
  const link = new URL(`/events/${event.id}/attend`, request.url).toString();
  return {
    title: event.title,
    code: checkinCode(event.id),
    secondsLeft: Math.ceil((CODE_PERIOD_MS - (Date.now() % CODE_PERIOD_MS)) / 1000),
    link,
    qr: await QRCode.toDataURL(link, { margin: 1, width: 320 }),
  };
}

export default function CheckinScreen() {
  const { t } = useTranslation();
  const { title, code, link, qr, secondsLeft } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4 text-center">
      <h1 className="text-2xl font-bold text-brand-800">{title}</h1>
      <p className="text-stone-600">{t("events.checkinHelp")}</p>
      <p className="font-mono text-6xl font-bold tracking-[0.3em] text-brand-800" data-testid="checkin-code">
        {code}
      </p>
      <p className="text-sm text-stone-500">{t("events.codeRotates", { seconds: secondsLeft })}</p>
      <img src={qr} alt={t("events.qrAlt")} width={320} height={320} className="mx-auto" />
      <p className="break-all text-sm text-stone-600">{link}</p>
    </div>
  );
}
