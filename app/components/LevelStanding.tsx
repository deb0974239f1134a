import { useTranslation } from "react-i18next";
import type { PayBand } from "~/lib/pay";

type Standing = {
  current: { level: string; name: string; from: string } | null;
  validUntil: string | null;
  band: PayBand | null;
  history: { id: number; name: string; from: string; until: string | null }[];
};

/** The band in words: "每月 300–500 元", "每月不低于 300 元", or only its note. */
export function BandText({ band }: { band: PayBand }) {
  const { t } = useTranslation();
  const range =
    band.from !== null && band.to !== null
      ? band.from === band.to
        ? t("pay.exact", { amount: band.from })
        : t("pay.range", { from: band.from, to: band.to })
      : band.from !== null
        ? t("pay.atLeast", { amount: band.from })
        : band.to !== null
          ? t("pay.atMost", { amount: band.to })
          : "";
  return <>{[range, band.note].filter(Boolean).join(t("pay.separator"))}</>;
}

/** The level held now, its validity and allowance band, and the dated history of levels. */
export function LevelStanding({ standing }: { standing: Standing }) {
  const { t } = useTranslation();
  const { current, validUntil, band, history } = standing;
  return (
    <div className="space-y-2 text-sm">
      <p>
        {t("levels.currentLevel")}：<strong>{current ? current.name : t("pay.ungraded")}</strong>
        {current ? `　${t("pay.since", { date: current.from })}` : ""}
        {validUntil ? `　${t("pay.validUntil", { date: validUntil })}` : ""}
      </p>
      {band ? (
        <p>
          {t("pay.band")}：<BandText band={band} />
          <span className="block text-xs text-stone-500">{t("pay.hint")}</span>
        </p>
      ) : null}
      {history.length ? (
        <ol className="space-y-1" aria-label={t("pay.history")}>
          {history.map((l) => (
            <li key={l.id}>{`${l.name}　${l.from} — ${l.until ?? t("levels.untilNow")}`}</li>
          ))}
        </ol>
      ) : (
        <p className="text-stone-600">{t("levels.noHistory")}</p>
      )}
    </div>
  );
}
