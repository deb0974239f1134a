import { useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { displayDay, formatCode, type CertificateView } from "~/lib/certificate";

/**
 * 我的档案's certificates: the current level with its public link to share (a copy button once
 * scripts run; without them the link is there to select), then every certificate with its status.
 */
const noSubscribe = () => () => {};

export function MyCertificates({ certificates, shareUrl }: { certificates: CertificateView[]; shareUrl: string | null }) {
  const { t, i18n } = useTranslation();
  const day = (d: string) => displayDay(d, i18n.language);
  const current = certificates.find((c) => c.status === "valid") ?? null;
  // False in the server's HTML and on hydration, true once scripts run: the copy button needs them.
  const scripted = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
  const [copied, setCopied] = useState(false);
  return (
    <section className="rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6" aria-labelledby="certificates">
      <h2 id="certificates" className="text-lg font-semibold">
        {t("certificate.mine.title")}
      </h2>
      {certificates.length === 0 ? <p className="mt-2 text-stone-600">{t("certificate.mine.none")}</p> : null}
      {current && shareUrl ? (
        <div className="mt-3 space-y-2">
          <p>
            {t("certificate.mine.current")}：<strong className="text-brand-800">{current.levelName}</strong> · {current.issuerName} ·{" "}
            {t("certificate.validUntil")} {day(current.validUntil)}
          </p>
          <label htmlFor="share-link" className="block text-sm font-medium">
            {t("certificate.mine.share")}
          </label>
          <div className="flex flex-col gap-2 sm:flex-row">
            <input
              id="share-link"
              readOnly
              value={shareUrl}
              className="block w-full rounded-md border border-stone-300 bg-stone-50 px-3 py-2 text-sm"
              onFocus={(e) => e.currentTarget.select()}
            />
            {scripted ? (
              <button
                type="button"
                className="min-h-11 shrink-0 rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
                onClick={() =>
                  navigator.clipboard?.writeText(shareUrl).then(
                    () => setCopied(true),
                    () => setCopied(false),
                  )
                }
              >
                {copied ? t("certificate.mine.copied") : t("certificate.mine.copy")}
              </button>
            ) : null}
          </div>
          <p className="text-xs text-stone-500">{t("certificate.mine.shareHint")}</p>
        </div>
      ) : null}
      {certificates.length > 0 ? (
        <>
          <h3 className="mt-4 text-sm font-semibold text-stone-700">{t("certificate.mine.all")}</h3>
          <ul className="mt-2 divide-y divide-stone-100">
            {certificates.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
                <a href={`/certificates/${c.id}`} className="font-medium text-brand-700 underline">
                  {c.levelName}
                </a>
                <span>
                  {day(c.issuedOn)} – {day(c.validUntil)}
                </span>
                <span className="rounded-full bg-stone-100 px-2">{t(`certificate.status.${c.status}`)}</span>
                <span className="font-mono text-xs text-stone-500">{formatCode(c.code)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
