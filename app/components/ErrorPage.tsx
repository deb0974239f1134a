import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Why a request was refused (400), as the server names it: only these keys are shown, never the body itself. */
const REASONS = /^harden\.reason\.(notForm|controlChars|intent|query|field)$/;

/** The translated page for 400s, 404s and unexpected errors. It never shows a stack trace. */
export function ErrorPage({ status, reason }: { status: number; reason?: string }) {
  const { t } = useTranslation();
  const kind = status === 404 ? "notFound" : status === 403 ? "forbidden" : status === 503 ? "unavailable" : "generic";
  const title = status === 400 ? t("harden.badRequest.title") : t(`error.${kind}.title`);
  const text = status === 400 ? t(reason && REASONS.test(reason) ? reason : "harden.reason.field") : t(`error.${kind}.text`);
  return (
    <section className="mx-auto max-w-xl py-10 text-center">
      <p className="text-sm font-medium text-stone-500">{t("error.status", { status })}</p>
      <h1 className="mt-2 text-2xl font-bold text-stone-900">{title}</h1>
      <p className="mt-4 text-stone-700">{text}</p>
      <Link to="/" className="mt-8 inline-block rounded-md bg-brand-700 px-5 py-3 font-medium text-white hover:bg-brand-800">
        {t("error.backHome")}
      </Link>
    </section>
  );
}
