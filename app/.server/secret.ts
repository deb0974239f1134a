import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

let cached: string | undefined;

/**
 * The installation's secret for HMACs (ID-card numbers). APP_SECRET wins; otherwise one is made
 * on first use and kept in data/app-secret, so a single-server install needs no setup. Servers
 * that share a database must share APP_SECRET.
 */
export function appSecret(): string {
  if (cached) return cached;
  if (process.env.APP_SECRET) return (cached = process.env.APP_SECRET);
  const file = path.resolve(process.cwd(), "data", "app-secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fresh = crypto.randomBytes(32).toString("hex");
    try {
      fs.writeFileSync(file, fresh, { flag: "wx", mode: 0o600 });
      cached = fresh;
    } catch {
      cached = fs.readFileSync(file, "utf8").trim();
    }
  }
  return cached!;
}

export function hmac(value: string): string {
  return crypto.createHmac("sha256", appSecret()).update(value).digest("hex");
}
