import crypto from "node:crypto";
import { appSecret } from "../secret";

/** The check-in code shown at the venue: 6 digits, a new one every minute, derived from a secret. */
export const CODE_PERIOD_MS = 60_000;

export function checkinCode(eventId: number, at = Date.now()): string {
  const window = Math.floor(at / CODE_PERIOD_MS);
  const digest = crypto.createHmac("sha256", appSecret()).update(`checkin:${eventId}:${window}`).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, "0");
}

/** The current code, or the one just before it (someone typing as the minute turns). */
export function isValidCode(eventId: number, code: string, at = Date.now()): boolean {
  const typed = code.trim();
  return typed === checkinCode(eventId, at) || typed === checkinCode(eventId, at - CODE_PERIOD_MS);
}
