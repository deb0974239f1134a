import crypto from "node:crypto";
import { redirect } from "@remix-run/node";
import { Op, UniqueConstraintError } from "sequelize";
import { FormSubmission } from "../db/models";

/**
 * Create forms carry a one-time token (hidden field `once`, drawn by the page's loader), so that a
 * double tap or a resent form makes one record, not two. The first request with a token claims it
 * and runs; if it ends in a redirect, where it led is kept. A repeat with the same token and the
 * same content waits for the first and is sent to the same place. If the first ends without a
 * redirect (its form had errors), the claim is released and the repeat runs on its own. The same
 * token with other content (a form reused through the back button) runs as a new submission.
 */
export const ONCE_FIELD = "once";
const TOKEN = /^[0-9a-f]{32}$/;
const KEEP_MS = 24 * 60 * 60 * 1000;
const WAIT_MS = 15_000;
const POLL_MS = 100;

/** A fresh token for a create form. */
export const onceToken = () => crypto.randomBytes(16).toString("hex");

const digestOf = (content: unknown) => crypto.createHash("sha256").update(JSON.stringify(content)).digest("hex");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Claim = { kind: "mine"; row: FormSubmission } | { kind: "repeat"; location: string } | { kind: "other" };

async function claim(userId: number, token: string, digest: string): Promise<Claim> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      return { kind: "mine", row: await FormSubmission.create({ userId, token, digest, location: null }) };
    } catch (error) {
      if (!(error instanceof UniqueConstraintError)) throw error;
    }
    const row = await FormSubmission.findOne({ where: { userId, token } });
    if (!row) continue; // released in the meantime: claim it again
    if (row.digest !== digest) return { kind: "other" };
    if (row.location) return { kind: "repeat", location: row.location };
    // The first one is still running; after WAIT_MS it is taken to have died with its process.
    if (Date.now() > deadline) return { kind: "other" };
    await sleep(POLL_MS);
  }
}

const redirectTo = (thrown: unknown) =>
  thrown instanceof Response && thrown.status >= 300 && thrown.status < 400 ? thrown.headers.get("Location") : null;

/**
 * Runs a create action's write once per (user, token, content). `content` is what the user sent,
 * as plain data (files by name and size). A repeat is thrown a redirect (as actions throw them) to
 * where the first one led: its redirect, or for an action that answers with a page, the place
 * `leadsTo` names for its result.
 */
export async function submitOnce<T>(
  userId: number,
  token: unknown,
  content: unknown,
  run: () => Promise<T>,
  leadsTo: (result: T) => string | null = redirectTo,
): Promise<T> {
  if (typeof token !== "string" || !TOKEN.test(token)) return run();
  const claimed = await claim(userId, token, digestOf(content));
  if (claimed.kind === "other") return run();
  if (claimed.kind === "repeat") throw redirect(claimed.location);
  let location: string | null = null;
  try {
    const result = await run();
    location = redirectTo(result) ?? leadsTo(result);
    return result;
  } catch (thrown) {
    location = redirectTo(thrown);
    throw thrown;
  } finally {
    if (location) await claimed.row.update({ location: location.slice(0, 255) });
    else await claimed.row.destroy();
    await FormSubmission.destroy({ where: { userId, createdAt: { [Op.lt]: new Date(Date.now() - KEEP_MS) } } });
  }
}
