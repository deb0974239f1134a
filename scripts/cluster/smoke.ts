/**
 * `npm run cluster:smoke`: the instances of `npm run cluster:up` are stateless — checked through
 * nginx and through each instance directly:
 *   - every entry answers /healthz;
 *   - a sign-in made on one instance is a session on the other and through nginx (sessions are
 *     random tokens looked up in the database: app/.server/web/session.ts);
 *   - failed sign-ins for one username, spread over both instances, hit the one limit (rate_limits
 *     table, migration 0023): the try after LIMITS.user is refused on either;
 *   - signing out on one instance ends the session on the other.
 * Exits 1 on the first broken check.
 */
import crypto from "node:crypto";
import { LIMITS } from "../../app/.server/auth/rate-limit";
import { clusterLayout } from "./layout";

const layout = clusterLayout();
const nginx = `http://127.0.0.1:${layout.nginx.port}`;
const [one, two] = layout.apps.map((a) => `http://127.0.0.1:${a.port}`);
const password = process.env.DEMO_PASSWORD ?? "mediate-2026";
let failed = false;

function check(ok: boolean, line: string) {
  console.log(`${ok ? "✓" : "✖"} ${line}`);
  if (!ok) failed = true;
}

/** POST /login as a browser would (same-origin form post); the status, the session cookie if any. */
async function signIn(origin: string, username: string, pass: string) {
  const response = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams({ username, password: pass }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.includes("session"));
  return { status: response.status, cookie };
}

/** Whether `cookie` is a live session on `origin`: /account/password answers 200 rather than a redirect to /login. */
async function signedIn(origin: string, cookie: string) {
  const response = await fetch(`${origin}/account/password`, { redirect: "manual", headers: { Cookie: cookie } });
  return response.status === 200;
}

for (const [name, origin] of [
  ["nginx", nginx],
  ["app1", one],
  ["app2", two],
] as const) {
  const response = await fetch(`${origin}/healthz`).catch(() => null);
  check(!!response?.ok, `${name} ${origin}/healthz answers ${response?.status ?? "nothing"}`);
}
if (failed) process.exit(1);

const session = await signIn(one, "demo_mediator", password);
check(session.status === 302 && !!session.cookie, `sign-in on app1 (${one}) answers ${session.status} with a session cookie`);
if (session.cookie) {
  check(await signedIn(two, session.cookie), "the same cookie is signed in on app2");
  check(await signedIn(nginx, session.cookie), "and through nginx");
  const out = await fetch(`${two}/logout`, { method: "POST", redirect: "manual", headers: { Cookie: session.cookie, Origin: two } });
  check(out.status === 302, `sign-out on app2 answers ${out.status}`);
  check(!(await signedIn(one, session.cookie)), "after signing out on app2, the cookie is signed out on app1 too");
}

const stranger = `smoke_${crypto.randomBytes(4).toString("hex")}`;
const statuses: number[] = [];
for (let i = 0; i < LIMITS.user; i++) statuses.push((await signIn(i % 2 ? two : one, stranger, "wrong-password")).status);
const over = await signIn(nginx, stranger, "wrong-password");
check(
  statuses.every((s) => s === 400) && over.status === 429,
  `${LIMITS.user} wrong passwords for one username spread over app1 and app2 (${statuses.join(", ")}), then the next through nginx: ${over.status} (429 = limited)`,
);

console.log(failed ? "\nSome checks failed." : "\nAll checks passed: the instances share their state through the database.");
process.exit(failed ? 1 : 0);
