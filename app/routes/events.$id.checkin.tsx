import { pageTitle } from "~/lib/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { usePoll } from "~/utils/poll";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { checkinCounts, findEvent } from "~/.server/events/events";
import { requireAccess, requireCan } from "~/.server/web/guards";
import { CODE_PERIOD_MS, checkinCode } from "~/.server/events/checkin-code";

export const meta: MetaFunction = pageTitle("events.checkinScreen", "title");

/** How often the projected page asks for a fresh code and count (with JavaScript). */
const POLL_MS = 5000;

/** The page an organiser projects at the venue: the rotating code, its QR code and the live count. */
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
    counts: await checkinCounts(event.id),
  };
}

export default function CheckinScreen() {
  const { t } = useTranslation();
  const { title, code, link, qr, secondsLeft, counts } = useLoaderData<typeof loader>();
  usePoll(POLL_MS);
  return (
    <div className="space-y-4 text-center">
      <noscript>
        <meta httpEquiv="refresh" content="15" />
      </noscript>
      <h1 className="text-2xl font-bold text-brand-800">{title}</h1>
      <p className="text-stone-600">{t("events.checkinHelp")}</p>
      <p className="font-mono text-6xl font-bold tracking-[0.3em] text-brand-800" data-testid="checkin-code">
        {code}
      </p>
      <p className="text-sm text-stone-500">{t("events.codeRotates", { seconds: secondsLeft })}</p>
      <p role="status" aria-live="polite" className="text-2xl font-semibold text-brand-800" data-testid="checkin-count">
        {t("events.checkedInCount", counts)}
      </p>
      <img src={qr} alt={t("events.qrAlt")} width={320} height={320} className="mx-auto max-w-full" />
      <p className="break-all text-sm text-stone-600">{link}</p>
    </div>
  );
}
