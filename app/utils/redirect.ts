/**
 * Where to go after signing in or switching language: only a path on this site. Anything that a
 * browser could read as another host is refused and `fallback` is used instead: a missing or
 * non-string value, a scheme ("https:", "javascript:"), a protocol-relative "//host", a backslash
 * (browsers read "/\host" as "//host"), and any control, format or line-separator character
 * (Chromium drops a tab or newline, so "/\t/evil.example" becomes "//evil.example"; a newline in a
 * Location header is also refused by Node). The same checks are made on the percent-decoded
 * value, so "/%09/evil.example" and "/%5Cevil.example" are refused as well.
 */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\\]/u;
const PROBE_ORIGIN = "http://redirect.invalid";

function decoded(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

function isLocalPath(value: string): boolean {
  if (!value.startsWith("/") || value.startsWith("//") || FORBIDDEN.test(value)) return false;
  if (value.length > 2000) return false;
  try {
    const url = new URL(value, PROBE_ORIGIN);
    if (url.origin !== PROBE_ORIGIN) return false;
  } catch {
    return false;
  }
  return true;
}

export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof value !== "string" || !isLocalPath(value)) return fallback;
  // Twice decoded: "%252F%252F" is still only text after one round, but a proxy may decode again.
  const once = decoded(value);
  const twice = once === null ? null : decoded(once);
  if (once === null || twice === null || !isLocalPath(once) || !isLocalPath(twice)) return fallback;
  return value;
}
