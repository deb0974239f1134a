import { CONTROL_CHARS } from "~/lib/validation";

/**
 * The one reader of a posted form (routes never call request.formData() themselves). A body that
 * is no form — JSON, plain text, no Content-Type, a truncated or broken multipart body — and a form
 * holding control characters (NUL, ESC … in a name or a value; tab and line breaks are text) are
 * refused with a translated 400 page, never a 500 and never half-read into the domain.
 */

/** Why a request was refused: a locale key under "harden.reason" the 400 page shows (never the input itself). */
export type BadRequestReason = "notForm" | "controlChars" | "intent" | "query" | "field";

export const BAD_REQUEST_PREFIX = "harden.reason.";

/** A 400 answer the root error page shows translated (its body is a locale key, no user input). */
export const badRequest = (reason: BadRequestReason = "field") =>
  new Response(`${BAD_REQUEST_PREFIX}${reason}`, {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** The media type of the request's body, lower-cased, without parameters ("" when none is given). */
export const mediaType = (request: Request) => (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();

/** Throws the 400 page when a name or text value of the form holds a control character. */
export function refuseControlChars(form: FormData) {
  for (const [name, value] of form.entries()) {
    if (CONTROL_CHARS.test(name) || (typeof value === "string" && CONTROL_CHARS.test(value))) throw badRequest("controlChars");
    if (typeof value !== "string" && CONTROL_CHARS.test((value as File).name ?? "")) throw badRequest("controlChars");
  }
}

/**
 * Throws the 400 page when the address holds a control character (NUL, ESC …) in its path or
 * query, or a broken %-escape: no lookup, filter or search ever sees one. The guards call it for
 * every signed-in request.
 */
export function refuseBadUrl(request: Request) {
  const url = new URL(request.url);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    throw badRequest("query");
  }
  if (CONTROL_CHARS.test(path)) throw badRequest("controlChars");
  for (const [name, value] of url.searchParams) {
    if (CONTROL_CHARS.test(name) || CONTROL_CHARS.test(value)) throw badRequest("controlChars");
  }
}

/** The posted form (URL-encoded or multipart), checked for control characters; a 400 page for anything else. */
export async function readFormData(request: Request): Promise<FormData> {
  if (!FORM_TYPES.includes(mediaType(request))) throw badRequest("notForm");
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw badRequest("notForm");
  }
  refuseControlChars(form);
  return form;
}

/** A record id from a form field or path parameter: a positive safe integer, else 0 (which no record has, so: not found). */
export function idOf(value: unknown): number {
  const text = typeof value === "string" ? value.trim() : "";
  if (!/^\d{1,15}$/.test(text)) return 0;
  const id = Number(text);
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
}
