import { normaliseUsername } from "../accounts";
import { User } from "../db/models";
import { burnPasswordCheck, verifyPassword } from "../auth/password";
import { clearLoginFailures, loginBlockedFor, recordLoginFailure } from "../auth/rate-limit";
import { createSession } from "./session";

export type LoginResult =
  | { ok: true; setCookie: string; mustChangePassword: boolean }
  | { ok: false; error: "invalid" | "disabled" | "rateLimited"; minutes?: number };

/**
 * Checks the credentials and opens a session. Wrong username and wrong password look the same
 * (same message, same bcrypt work); a disabled account is named only to someone who knows its
 * password.
 */
export async function login(request: Request, input: { username: string; password: string; ip: string }): Promise<LoginResult> {
  const username = normaliseUsername(input.username);
  const minutes = await loginBlockedFor(username, input.ip);
  if (minutes > 0) return { ok: false, error: "rateLimited", minutes };

  const user = await User.findOne({ where: { username } });
  const valid = user ? await verifyPassword(input.password, user.passwordHash) : (await burnPasswordCheck(input.password), false);
  if (!user || !valid) {
    await recordLoginFailure(username, input.ip);
    return { ok: false, error: "invalid" };
  }
  if (user.status !== "active") return { ok: false, error: "disabled" };

  await clearLoginFailures(username);
  await user.update({ lastLoginAt: new Date() });
  return { ok: true, setCookie: await createSession(user.id, request), mustChangePassword: user.mustChangePassword };
}
