import { z } from "zod";
import { message } from "./messages";

/**
 * Zod building blocks shared by forms on both sides. Error messages are locale keys, with their
 * values where they need one (app/lib/messages.ts); <ErrorList> translates them.
 */
export const PASSWORD_MIN_LENGTH = 8;

export const msg = (key: string) => `validation.${key}`;
export const tooLong = (max: number) => message("validation.tooLong", { max });
export const tooShort = (min: number) => message("validation.tooShort", { min });

export const requiredText = (max: number) =>
  z
    .string({ required_error: msg("required") })
    .trim()
    .min(1, msg("required"))
    .max(max, tooLong(max));

export const optionalText = (max: number) => z.string().trim().max(max, tooLong(max)).optional();

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

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
export const pastDate = z
  .string()
  .trim()
  .refine(isIsoDate, msg("date"))
  .refine((v) => v <= new Date().toISOString().slice(0, 10), msg("dateFuture"));

export const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { errorMap: () => ({ message: msg("choice") }) });
