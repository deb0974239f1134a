import { renderToStaticMarkup } from "react-dom/server";
import { displayDay, formatCode, verifyPath, type VerifyOutcome, type VerifyView } from "~/lib/certificate";

/**
 * The public certificate check (/verify and /verify/<code>) as a complete, static HTML document:
 * no script, one small stylesheet (/verify.css), a few kilobytes in all, so it opens at once on a
 * phone that has just scanned the QR code. Rendered to a string on the server (renderVerifyDocument,
 * handed to app/.server/web/verify.ts by the routes).
 */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

type Props = { t: Translate; lng: string; outcome: VerifyOutcome | null; typed?: string; path: string };

/** The document as HTML, doctype first. */
export const renderVerifyDocument = (props: Props) => `<!DOCTYPE html>${renderToStaticMarkup(<VerifyDocument {...props} />)}`;

export function VerifyDocument({ t, lng, outcome, typed, path }: Props) {
  const title = outcome?.kind === "found" ? `${t(`certificate.status.${outcome.view.status}`)} · ${t("verify.title")}` : t("verify.title");
  return (
    <html lang={lng}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} · ${t("app.name")}`}</title>
        <link rel="stylesheet" href="/verify.css" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <header className="bar">
          <a href="/" className="brand">
            {t("app.name")}
          </a>
          <form method="post" action="/language">
            <input type="hidden" name="lng" value={lng.startsWith("zh") ? "en" : "zh-CN"} />
            <input type="hidden" name="redirectTo" value={path} />
            <button type="submit" className="lang">
              {t("verify.language")}
            </button>
          </form>
        </header>
        <main>
          <h1>{t("verify.title")}</h1>
          {outcome?.kind === "found" ? <Found t={t} lng={lng} view={outcome.view} /> : null}
          {outcome && outcome.kind !== "found" ? (
            <p className="alert" role="alert">
              {outcome.kind === "mistyped"
                ? t(`verify.mistyped.${outcome.problem}`)
                : outcome.kind === "notFound"
                  ? t("verify.notFound")
                  : t("verify.limited")}
            </p>
          ) : null}
          {outcome?.kind === "found" ? (
            <p className="more">
              <a href="/verify">{t("verify.another")}</a>
            </p>
          ) : (
            <LookupForm t={t} typed={typed} />
          )}
        </main>
      </body>
    </html>
  );
}

function LookupForm({ t, typed }: { t: Translate; typed?: string }) {
  return (
    <form method="get" action="/verify" className="lookup">
      {typed === undefined ? <p>{t("verify.intro")}</p> : null}
      <label htmlFor="code">{t("verify.input")}</label>
      <input
        id="code"
        name="code"
        defaultValue={typed}
        required
        maxLength={40}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        aria-describedby="code-hint"
      />
      <p id="code-hint" className="hint">
        {t("verify.inputHint")}
      </p>
      <button type="submit">{t("verify.submit")}</button>
    </form>
  );
}

function Found({ t, lng, view }: { t: Translate; lng: string; view: VerifyView }) {
  const day = (d: string) => displayDay(d, lng);
  const note =
    view.status === "valid"
      ? t("certificate.note.valid")
      : view.status === "expired"
        ? t("certificate.note.expired", { date: day(view.validUntil) })
        : view.status === "revoked"
          ? t("certificate.note.revoked", {
              date: view.statusOn ? day(view.statusOn) : "",
              category: view.revocationCategory ? t(`certificate.revocation.${view.revocationCategory}`) : "",
            })
          : t(`certificate.note.${view.status}`, { date: view.statusOn ? day(view.statusOn) : "" });
  return (
    <>
      <section className={`card s-${view.status}`} aria-labelledby="status">
        <p id="status" className="badge">
          {t(`certificate.status.${view.status}`)}
        </p>
        <p className="note">
          {note}
          {view.newerCode ? (
            <>
              {" "}
              <a href={verifyPath(view.newerCode)}>{t("certificate.note.newer")}</a>
            </>
          ) : null}
        </p>
        <dl>
          <dt>{t("certificate.holder")}</dt>
          <dd>{view.maskedName}</dd>
          <dt>{t("certificate.level")}</dt>
          <dd className="level">{view.levelName}</dd>
          <dt>{t("certificate.issuer")}</dt>
          <dd>{view.issuerName}</dd>
          <dt>{t("certificate.issuedOn")}</dt>
          <dd>{day(view.issuedOn)}</dd>
          <dt>{t("certificate.validUntil")}</dt>
          <dd>{day(view.validUntil)}</dd>
          <dt>{t("certificate.code")}</dt>
          <dd className="code">{formatCode(view.code)}</dd>
        </dl>
        <p className="hint">{t("verify.masked")}</p>
      </section>
      <section aria-labelledby="history">
        <h2 id="history">{t("verify.history")}</h2>
        <p className="hint">{t("verify.historyHint")}</p>
        <ol className="history">
          {view.history.map((h, i) => (
            <li key={i}>
              <span className="when">{day(h.issuedOn)}</span> <strong>{h.levelName}</strong> · {h.issuerName} ·{" "}
              {t("certificate.validUntil")} {day(h.validUntil)} ·{" "}
              <span className={`tag s-${h.status}`}>{t(`certificate.status.${h.status}`)}</span>
              {h.statusOn && h.status !== "valid" && h.status !== "expired" ? ` (${day(h.statusOn)})` : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
