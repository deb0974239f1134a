import fs from "node:fs";
import path from "node:path";

/** The shortest APP_SECRET accepted in production: 32 characters (e.g. 16 random bytes in hex). */
export const MIN_SECRET_LENGTH = 32;

/**
 * A deployment (NODE_ENV=production given by the operator to `npm start`) refuses to start without APP_SECRET, the key of the ID-number
 * HMAC: a key made on the fly and kept only in data/app-secret is lost with that folder, and
 * every stored ID-number check with it. Returns the one line to print, or null when all is well.
 * The app has no other secret: sessions are random tokens checked against the database (only
 * their hash is stored), so there is no cookie-signing key to set.
 */
export function productionSecretProblem(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | null {
  if (env.NODE_ENV !== "production") return null;
  const secret = env.APP_SECRET ?? "";
  const generated = path.resolve(cwd, "data", "app-secret");
  if (!secret) {
    return fs.existsSync(generated)
      ? `APP_SECRET is not set: production mode needs it; this install's key is in ${generated}, so set APP_SECRET to that file's contents (a new key would invalidate every stored ID-number check)`
      : `APP_SECRET is not set: production mode needs it (at least ${MIN_SECRET_LENGTH} characters, e.g. APP_SECRET=$(openssl rand -hex 32)); keep it with your backups, it keys the ID-number check`;
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    return `APP_SECRET is too short (${secret.length} characters): production mode needs at least ${MIN_SECRET_LENGTH} (e.g. APP_SECRET=$(openssl rand -hex 32))`;
  }
  return null;
}
