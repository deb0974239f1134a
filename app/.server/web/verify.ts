import type { VerifyOutcome } from "~/lib/certificate";
import { verifyCertificate } from "../certificates/verify";
import { i18next, i18nInstance } from "../i18n";
import { clientIp } from "./session";

const STATUS: Record<VerifyOutcome["kind"], number> = { found: 200, mistyped: 400, notFound: 404, limited: 429 };

/**
 * The public certificate check as a response: /verify (the form) and /verify/<code> (the result).
 * A static document, no session, no script: what a phone needs after scanning the QR code. The
 * status code says what happened (404 unknown, 400 mistyped, 429 throttled).
 */
export type VerifyDocumentProps = {
  t: (key: string, options?: Record<string, unknown>) => string;
  lng: string;
  outcome: VerifyOutcome | null;
  /** What was typed, shown again in the form when it found nothing. */
  typed?: string;
  path: string;
};

export async function verifyPage(
  request: Request,
  code: string | undefined,
  render: (props: VerifyDocumentProps) => string,
): Promise<Response> {
  const lng = await i18next.getLocale(request);
  const i18n = await i18nInstance(lng);
  const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, options) as string;
  const outcome = code === undefined ? null : await verifyCertificate(code, clientIp(request));
  const path = new URL(request.url).pathname;
  const html = render({ t, lng, outcome, typed: outcome && outcome.kind !== "found" ? code : undefined, path });
  const headers: Record<string, string> = {
    "Content-Type": "text/html; charset=utf-8",
    // The status can change (a revocation): browsers and proxies always ask again.
    "Cache-Control": "no-cache",
    "X-Robots-Tag": "noindex",
  };
  if (outcome?.kind === "limited") headers["Retry-After"] = "600";
  return new Response(html, { status: outcome ? STATUS[outcome.kind] : 200, headers });
}

/** The absolute address of this deployment, for links that leave the site (QR codes, shared links). */
export function publicOrigin(request: Request): string {
  return (process.env.PUBLIC_ORIGIN ?? new URL(request.url).origin).replace(/\/+$/, "");
}
