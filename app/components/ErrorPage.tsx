import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The translated page for 404s and unexpected errors. It never shows a stack trace. */
export function ErrorPage({ status }: { status: number }) {
  const { t } = useTranslation();
  const kind = status === 404 ? "notFound" : status === 403 ? "forbidden" : status === 503 ? "unavailable" : "generic";
  return (
    <section className="mx-auto max-w-xl py-10 text-center">
      <p className="text-sm font-medium text-stone-500">{t("error.status", { status })}</p>
      <h1 className="mt-2 text-2xl font-bold text-stone-900">{t(`error.${kind}.title`)}</h1>
      <p className="mt-4 text-stone-700">{t(`error.${kind}.text`)}</p>
      <Link to="/" className="mt-8 inline-block rounded-md bg-brand-700 px-5 py-3 font-medium text-white hover:bg-brand-800">
        {t("error.backHome")}
      </Link>
    </section>
  );
}
