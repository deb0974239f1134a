import { normaliseUsername } from "../accounts";
import { User } from "../db/models";
import { burnPasswordCheck, verifyPassword } from "../auth/password";
import { loginSucceeded, takeLoginTry, type LimitKind } from "../auth/rate-limit";
import { createSession } from "./session";

export type LoginResult =
  | { ok: true; setCookie: string; mustChangePassword: boolean }
  | { ok: false; error: "invalid" | "disabled" }
  | { ok: false; error: "rateLimited"; limit: LimitKind; minutes: number };

/**
 * Checks the credentials and opens a session. Wrong username and wrong password look the same
 * (same message, same bcrypt work); a disabled account is named only to someone who knows its
 * password. The try is counted before the password is checked (see auth/rate-limit.ts), so
 * parallel guesses cannot all slip past the limit.
 */
export async function login(request: Request, input: { username: string; password: string; ip: string }): Promise<LoginResult> {
  const username = normaliseUsername(input.username);
  const verdict = await takeLoginTry(username, input.ip);
  if (!verdict.ok) return { ok: false, error: "rateLimited", limit: verdict.limit, minutes: verdict.minutes };

  const user = await User.findOne({ where: { username } });
  const valid = user ? await verifyPassword(input.password, user.passwordHash) : (await burnPasswordCheck(input.password), false);
  if (!user || !valid) return { ok: false, error: "invalid" };
  if (user.status !== "active") return { ok: false, error: "disabled" };

  await loginSucceeded(username, input.ip);
  await user.update({ lastLoginAt: new Date() });
  return { ok: true, setCookie: await createSession(user.id, request), mustChangePassword: user.mustChangePassword };
}
