import crypto from "node:crypto";
import bcrypt from "bcryptjs";

/** bcrypt cost; tests lower it through BCRYPT_ROUNDS to stay fast. */
const rounds = () => Number(process.env.BCRYPT_ROUNDS ?? 11);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, rounds());
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** Compared against when the username does not exist, so both paths take as long. */
let dummyHash: string | undefined;
export async function burnPasswordCheck(password: string) {
  dummyHash ??= await bcrypt.hash("no-such-user-placeholder", rounds());
  await bcrypt.compare(password, dummyHash);
}

/**
 * A one-time password an admin reads out or writes down: 10 characters without look-alikes
 * (no 0/O, 1/l/I), grouped for dictation, e.g. "k7mq-4xtv-9c".
 */
export function generateOneTimePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = crypto.randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}
