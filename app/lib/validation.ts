import { z } from "zod";
import { isIsoDate, parseLocalDateTime, todayInChina } from "./dates";
import { message } from "./messages";

/**
 * Zod building blocks shared by forms on both sides. Error messages are locale keys, with their
 * values where they need one (app/lib/messages.ts); <ErrorList> translates them.
 */
export const PASSWORD_MIN_LENGTH = 8;

export const msg = (key: string) => `validation.${key}`;
export const tooLong = (max: number) => message("validation.tooLong", { max });
export const tooShort = (min: number) => message("validation.tooShort", { min });

/**
 * Control characters no text field may hold (NUL, ESC, DEL …; tab, line feed and carriage return
 * are text). The form reader refuses them centrally (app/.server/web/form.ts); the text helpers
 * below say so on the field (in the browser, and for rows of an imported sheet).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex -- as above
const WITHOUT_CONTROL_CHARS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
export const CONTROL_CHARS_MESSAGE = "harden.controlChars";
export const hasControlChars = (value: string) => CONTROL_CHARS.test(value);

/** The one rule for free text: `schema` (a string) refuses control characters on its field. */
export const plainText = (schema: z.ZodString = z.string()) => schema.regex(WITHOUT_CONTROL_CHARS, CONTROL_CHARS_MESSAGE);

export const requiredText = (max: number) =>
  plainText(
    z
      .string({ required_error: msg("required") })
      .trim()
      .min(1, msg("required"))
      .max(max, tooLong(max)),
  );

export const optionalText = (max: number) => plainText(z.string().trim().max(max, tooLong(max))).optional();

/** Mobile 1[3-9]x (11 digits) or a landline with area code such as 0551-6543210. */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
export const phone = z.string().trim().regex(PHONE_PATTERN, msg("phone"));

/** 18-character resident ID with a valid GB 11643 check digit. */
export function isValidIdCard(value: string): boolean {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return "10X98765432"[sum % 11] === id[17];
}
export const idCard = z.string().trim().toUpperCase().refine(isValidIdCard, msg("idCard"));

/** The strict calendar check (app/lib/dates.ts), here for the schemas that import it from here. */
export { isIsoDate };

/** A date field (YYYY-MM-DD, a day that exists), trimmed; `message` for anything else. */
export const isoDate = (message = msg("date")) =>
  z
    .string({ required_error: msg("required") })
    .trim()
    .refine(isIsoDate, message);

/** A datetime-local field: a real day and time, normalised to YYYY-MM-DDTHH:MM; `message` for anything else. */
export const localDateTime = (message = msg("date"), required = msg("required")) =>
  z.string({ required_error: required }).transform((v, ctx) => {
    const parsed = parseLocalDateTime(v);
    if (parsed === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message });
      return z.NEVER;
    }
    return parsed;
  });

export const pastDate = isoDate().refine((v) => v <= todayInChina(), msg("dateFuture"));

export const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { errorMap: () => ({ message: msg("choice") }) });
