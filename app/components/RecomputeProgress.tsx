import { useTranslation } from "react-i18next";
import { DateTime } from "./DateTime";

type Props = { status: string; total: number; processed: number; finishedAt: string | null };

/**
 * The background recompute after a policy change over a large subtree: waiting, how far it got
 * (a progress bar), finished when, or failed. Without JavaScript the page refreshes itself while it runs.
 */
export function RecomputeProgress({ status, total, processed, finishedAt }: Props) {
  const { t } = useTranslation();
  if (status === "superseded") return null;
  const working = status === "queued" || status === "running";
  const percent = total > 0 ? Math.min(100, Math.floor((processed / total) * 100)) : 0;
  return (
    <section aria-live="polite" className={`rounded p-3 text-sm ${status === "failed" ? "bg-seal-50 text-seal-800" : "bg-brand-50"}`}>
      {working ? (
        <noscript>
          <meta httpEquiv="refresh" content="10" />
        </noscript>
      ) : null}
      {status === "queued" ? <p>{t("policy.recompute.queued", { total })}</p> : null}
      {status === "running" ? (
        <>
          <p>{t("policy.recompute.running", { processed, total, percent })}</p>
          <progress max={total} value={processed} className="mt-2 h-2 w-full" aria-label={t("policy.recompute.progress")} />
        </>
      ) : null}
      {status === "done" ? (
        <p>
          {t("policy.recompute.done", { total })} <DateTime value={finishedAt} />
        </p>
      ) : null}
      {status === "failed" ? <p>{t("policy.recompute.failed")}</p> : null}
    </section>
  );
}
