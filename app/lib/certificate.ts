import { z } from "zod";
import { oneOf, requiredText } from "./validation";

/**
 * Grade certificates (等级证书) as both sides see them: the verification code's alphabet and
 * check character, the public masking of names, the statuses and revocation reasons, the forms.
 */

/**
 * Codes use 31 characters that cannot be confused when read off paper or typed on a phone: no
 * 0/O, 1/I/L. 31 is prime, so the weighted check below catches every single wrong character and
 * every swap of two neighbours (the two commonest typing mistakes).
 */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/** Random characters before the check character: 31^11 ≈ 2.5 × 10^16 codes (about 54 bits). */
export const CODE_BODY_LENGTH = 11;
export const CODE_LENGTH = CODE_BODY_LENGTH + 1;

const N = CODE_ALPHABET.length;
const valueOf = (ch: string) => CODE_ALPHABET.indexOf(ch);

/** Σ (position × value) over the body, positions from 1. */
const weightedSum = (body: string) => [...body].reduce((sum, ch, i) => (sum + (i + 1) * valueOf(ch)) % N, 0);

/** The modular inverse of the check character's weight, so that the whole code sums to 0 mod 31. */
const CHECK_WEIGHT_INVERSE = (() => {
  for (let x = 1; x < N; x++) if ((CODE_LENGTH * x) % N === 1) return x;
  throw new Error("no inverse");
})();

/** The check character of a code body: chosen so that Σ position × value over all 12 is 0 (mod 31). */
export function checkCharacter(body: string): string {
  const sum = weightedSum(body);
  return CODE_ALPHABET[(((N - sum) % N) * CHECK_WEIGHT_INVERSE) % N];
}

/** What a person typed, without spaces, dashes and case: "abcd-efgh jkmn" → "ABCDEFGHJKMN". */
export const normaliseCode = (input: string) =>
  input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-‐‑–—_.·]/g, "");

export type CodeCheck =
  | { ok: true; code: string }
  /** length: too short or long; character: a character no code has (0, O, 1, I, L…); check: a wrong or swapped character. */
  | { ok: false; problem: "length" | "character" | "check" };

/** Whether a typed code can be a real one. Every failure is a typing mistake, not an unknown code. */
export function checkCode(input: string): CodeCheck {
  const code = normaliseCode(input);
  if ([...code].some((ch) => valueOf(ch) < 0)) return { ok: false, problem: "character" };
  if (code.length !== CODE_LENGTH) return { ok: false, problem: "length" };
  const total = [...code].reduce((sum, ch, i) => (sum + (i + 1) * valueOf(ch)) % N, 0);
  return total === 0 ? { ok: true, code } : { ok: false, problem: "check" };
}

/** A code as printed and shown: three groups of four, "ABCD-EFGH-JKMN". */
export const formatCode = (code: string) => code.match(/.{1,4}/g)?.join("-") ?? code;

/** The public address of a certificate (the QR code and the share link carry the grouped form). */
export const verifyPath = (code: string) => `/verify/${formatCode(code)}`;

/**
 * A name as public pages show it: the first and last characters, the rest masked, so "张振胜" is
 * "张*胜", "李明" is "李*", "欧阳振华" is "欧**华". One function for every public page.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return "*";
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * The issuing authority as a certificate names it, from its org node: a province's 司法厅, a city's
 * or county's 司法局, a township's 司法所 ("青山县" → "青山县司法局"); a node already named so stays.
 */
export function bureauName(kind: string, name: string): string {
  if (/(司法厅|司法局|司法所|调解员协会)$/.test(name)) return name;
  const suffix = kind === "province" ? "司法厅" : kind === "township" ? "司法所" : "司法局";
  return `${name}${suffix}`;
}

/** A day as the certificate pages print it: "2026年3月15日" in Chinese, "2026-03-15" otherwise. */
export function displayDay(day: string, lng: string): string {
  if (!lng.startsWith("zh")) return day;
  const [y, m, d] = day.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** Stored statuses; "expired" is not stored: a valid certificate whose date has passed is expired. */
export const STORED_STATUSES = ["valid", "revoked", "downgraded", "superseded"] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];
export const CERTIFICATE_STATUSES = ["valid", "expired", "revoked", "downgraded", "superseded"] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** The status a certificate shows on a day: a later decision wins over the date. */
export function statusOn(stored: StoredStatus, validUntil: string, today: string): CertificateStatus {
  if (stored !== "valid") return stored;
  return validUntil < today ? "expired" : "valid";
}

/**
 * Why a level is revoked (the public sees the category, never the text): misconduct (违法违纪),
 * a mediation that went wrong through the mediator's fault (调解不当引发严重后果), false application
 * material (弄虚作假), leaving the post (离岗、解聘), a certificate issued in error (颁发有误).
 */
export const REVOCATION_CATEGORIES = ["misconduct", "improper_mediation", "false_material", "left_post", "issued_in_error"] as const;
export type RevocationCategory = (typeof REVOCATION_CATEGORIES)[number];

export const revocationSchema = z.object({
  category: oneOf(REVOCATION_CATEGORIES),
  reason: requiredText(500),
});
export type RevocationInput = z.infer<typeof revocationSchema>;

/** The lookup form of /verify: the code as typed; the page says whether it is mistyped. */
export const verifyFormSchema = z.object({ code: requiredText(40) });

/** One line of a mediator's level history on the verify page. */
export type LevelHistoryEntry = {
  levelName: string;
  issuerName: string;
  issuedOn: string;
  validUntil: string;
  status: CertificateStatus;
  statusOn: string | null;
};

/** Everything the public verify page shows, and nothing more. */
export type VerifyView = {
  code: string;
  maskedName: string;
  levelName: string;
  issuerName: string;
  issuedOn: string;
  validUntil: string;
  status: CertificateStatus;
  /** When it was revoked, downgraded or superseded. */
  statusOn: string | null;
  revocationCategory: RevocationCategory | null;
  /** The newer certificate's code, for superseded (and downgraded, when a new one was issued). */
  newerCode: string | null;
  history: LevelHistoryEntry[];
};

export type VerifyOutcome =
  | { kind: "found"; view: VerifyView }
  | { kind: "mistyped"; problem: "length" | "character" | "check" }
  | { kind: "notFound" }
  | { kind: "limited" };

/** A certificate as its holder and the bureau see it (the printable page, 我的档案). */
export type CertificateView = {
  id: number;
  code: string;
  holderName: string;
  level: string;
  levelName: string;
  issuerName: string;
  issuedOn: string;
  validUntil: string;
  status: CertificateStatus;
  statusOn: string | null;
  revocationCategory: RevocationCategory | null;
  newerCode: string | null;
};
