import { useTranslation } from "react-i18next";

type FileView = {
  id: number;
  fileNo: string;
  committee: string;
  mediator: string;
  category: string;
  outcome: string;
  agreementForm: string | null;
  confirmation: string;
  receivedOn: string;
  closedOn: string;
  followUp: boolean;
  summary: string;
  voided: boolean;
  voidReason: string | null;
};
type ItemView = {
  stage: string;
  score: number | null;
  comment: string;
  mismatch: boolean;
  correctionNote: string | null;
  reviewer: string | null;
  grade: Record<string, { levelId: string | null; comment: string }> | null;
};

/** What the register says of a sampled file, and where its review stands. */
export function ReviewedFile({ file, item }: { file: FileView; item: ItemView }) {
  const { t } = useTranslation();
  return (
    <section className="space-y-1 rounded-lg bg-white p-4 text-sm ring-1 ring-stone-200" aria-labelledby="register">
      <h2 id="register" className="font-semibold">
        {t("review.register")}
      </h2>
      <p>
        {file.committee} · {t("review.mediatorValue", { name: file.mediator })}
      </p>
      <p>
        {t(`category.${file.category}`)} · {t(`caseFile.outcome.${file.outcome}`)}
        {file.agreementForm ? ` · ${t(`caseFile.agreementForm.${file.agreementForm}`)}` : ""} ·{" "}
        {t(`caseFile.confirmation.${file.confirmation}`)}
      </p>
      <p>
        {t("review.datesValue", { received: file.receivedOn, closed: file.closedOn })}
        {file.followUp ? ` · ${t("caseFile.field.followUp")}` : ""}
      </p>
      <p className="text-stone-700">{file.summary}</p>
      {file.voided ? (
        <p className="rounded bg-seal-50 p-2 text-seal-700">
          <strong>{t("caseFile.voided")}</strong>：{t("caseFile.voidedHint")}
          {file.voidReason ? `（${file.voidReason}）` : ""}
        </p>
      ) : null}
      {item.score !== null ? <p className="font-semibold">{t("review.scoreValue", { score: item.score })}</p> : null}
      {item.comment ? <p>{t("review.commentValue", { comment: item.comment })}</p> : null}
      {item.correctionNote ? <p className="text-stone-600">{t("review.correctionValue", { note: item.correctionNote })}</p> : null}
    </section>
  );
}

/** The scans of a register file: pictures shown in place, PDFs as a link (downloads go through the one serving function). */
export function Scans({ caseFileId, scans }: { caseFileId: number; scans: { id: number; name: string; size: number }[] }) {
  const { t } = useTranslation();
  return (
    <section className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-stone-200" aria-labelledby="scans">
      <h2 id="scans" className="font-semibold">
        {t("review.scans")}
      </h2>
      {scans.length === 0 ? <p className="text-sm text-stone-600">{t("review.noScan")}</p> : null}
      {scans.map((s) => {
        const href = `/reviews/scans/${caseFileId}/${s.id}`;
        return /\.(jpe?g|png)$/i.test(s.name) ? (
          <figure key={s.id} className="space-y-1">
            <img src={href} alt={s.name} className="w-full rounded ring-1 ring-stone-200" loading="lazy" />
            <figcaption className="text-xs">
              <a href={href} className="text-brand-700 underline">
                {s.name}
              </a>
            </figcaption>
          </figure>
        ) : (
          <p key={s.id} className="text-sm">
            <a href={href} className="text-brand-700 underline">
              {s.name}
            </a>
            （{Math.ceil(s.size / 1024)} KB）
          </p>
        );
      })}
    </section>
  );
}
