import { QueryTypes } from "sequelize";
import { findAccount, resetPassword, setAccountStatus, signOutEverywhere, type AccountActor } from "~/.server/accounts";
import { audit } from "~/.server/audit";
import { requireUser } from "~/.server/web/guards";
import { login } from "~/.server/web/login";
import { LIMITS, takeLoginTry } from "~/.server/auth/rate-limit";
import { getCurrentUser } from "~/.server/web/session";
import { getSequelize, inTransaction } from "~/.server/db/connection";
import { AuditEvent, Session, User } from "~/.server/db/models";
import { getOrgScope } from "~/.server/org";
import * as loginRoute from "~/routes/login";
import * as languageRoute from "~/routes/language";
import * as passwordRoute from "~/routes/account.password";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { BASE, callRoute, cookieFor, seedWithPersonas } from "../support/personas";
import { readMessage } from "~/lib/messages";

let db: TestDatabase;
let ids: Awaited<ReturnType<typeof seedWithPersonas>>;
let countyAdmin: AccountActor;

beforeAll(async () => {
  db = await createMigratedDatabase();
  ids = await seedWithPersonas();
  const admin = (await User.findOne({ where: { username: "demo_county" } }))!;
  countyAdmin = { id: admin.id, scopes: [(await getOrgScope(ids.county1.id))!], isSysadmin: false, ip: "test" };
});
afterAll(() => db.drop());

const requestWith = (cookie: string | null, path = "/me") => new Request(`${BASE}${path}`, { headers: cookie ? { Cookie: cookie } : {} });

const postLogin = (form: Record<string, string>, ip = "203.0.113.7") =>
  callRoute(async (args) => loginRoute.action({ ...args, request: withIp(args.request, ip) } as never), { url: "/login", form });

function withIp(request: Request, ip: string) {
  const headers = new Headers(request.headers);
  headers.set("x-academy-client-ip", ip);
  return new Request(request, { headers });
}

describe("signing in", () => {
  it("opens a DB-backed session with an httpOnly, SameSite=Lax cookie and redirects", async () => {
    const before = await Session.count();
    const outcome = await callRoute(loginRoute.action as never, {
      url: "/login",
      form: { username: "Demo_Trainer", password: "mediate-2026", redirectTo: "/me" },
    });
    expect(outcome).toMatchObject({ status: 302, location: "/me" });
    expect(await Session.count()).toBe(before + 1);
    const result = await login(requestWith(null), { username: "demo_trainer", password: "mediate-2026", ip: "t0" });
    if (!result.ok) throw new Error("login failed");
    expect(result.setCookie).toMatch(/^academy_session=[^;]{40,};/);
    expect(result.setCookie).toContain("HttpOnly");
    expect(result.setCookie).toContain("SameSite=Lax");
  });

  it("gives the same message for an unknown user and a wrong password", async () => {
    const unknown = await postLogin({ username: "nobody_here", password: "whatever-1" }, "198.51.100.1");
    const wrong = await postLogin({ username: "demo_reviewer", password: "wrong-password" }, "198.51.100.1");
    expect(unknown.status).toBe(400);
    expect(wrong.status).toBe(400);
    const errorsOf = (o: typeof unknown) => (o.body as { result: { error: Record<string, string[]> } }).result.error[""];
    expect(errorsOf(unknown)).toEqual(["auth.invalid"]);
    expect(errorsOf(wrong)).toEqual(errorsOf(unknown));
  });

  it("refuses a filled honeypot like a wrong password", async () => {
    const outcome = await postLogin(
      { username: "demo_reviewer", password: "mediate-2026", website: "http://spam.example" },
      "198.51.100.2",
    );
    expect(outcome.status).toBe(400);
  });

  it("rate-limits a username after repeated failures, even with the right password then", async () => {
    for (let i = 0; i < LIMITS.user; i++) await postLogin({ username: "demo_city", password: `bad-${i}` }, `192.0.2.${i}`);
    const blocked = await postLogin({ username: "demo_city", password: "mediate-2026" }, "192.0.2.99");
    expect(blocked.status).toBe(429);
    const refused = readMessage((blocked.body as { result: { error: Record<string, string[]> } }).result.error[""][0]);
    expect(refused).toEqual({ key: "auth.rateLimited.user", values: { minutes: expect.any(Number) } });
  });

  it("rate-limits an IP address across usernames, at a limit far above the per-username one", async () => {
    expect(LIMITS.ip).toBeGreaterThanOrEqual(20 * LIMITS.user);
    // Each counted try is what a failed sign-in leaves; the last one goes through the route.
    for (let i = 0; i < LIMITS.ip - 1; i++) expect((await takeLoginTry(`someone${i % 40}-${i}`, "192.0.2.200")).ok).toBe(true);
    expect((await postLogin({ username: "someone-last", password: "x-password" }, "192.0.2.200")).status).toBe(400);
    const blocked = await postLogin({ username: "demo_reviewer", password: "mediate-2026" }, "192.0.2.200");
    expect(blocked.status).toBe(429);
    expect(readMessage((blocked.body as { result: { error: Record<string, string[]> } }).result.error[""][0])).toEqual({
      key: "auth.rateLimited.ip",
      values: { minutes: expect.any(Number) },
    });
    expect((await postLogin({ username: "demo_reviewer", password: "mediate-2026" }, "192.0.2.201")).status).toBe(302);
  });

  it("counts parallel tries atomically: 40 at once for one username let at most the limit through", async () => {
    const passwords = Array.from({ length: 40 }, (_, i) => (i === 37 ? "mediate-2026" : `wrong-${i}`));
    const outcomes = await Promise.all(passwords.map((password, i) => postLogin({ username: "demo_trainer", password }, `198.18.0.${i}`)));
    const judged = outcomes.filter((o) => o.status !== 429);
    expect(judged.length).toBeLessThanOrEqual(LIMITS.user);
    expect(outcomes.filter((o) => o.status === 429).length).toBeGreaterThanOrEqual(40 - LIMITS.user);
    // The right password, sent later on its own, is refused too while the window lasts.
    expect((await postLogin({ username: "demo_trainer", password: "mediate-2026" }, "198.18.1.1")).status).toBe(429);
    await getSequelize().query("DELETE FROM rate_limits WHERE bucket = 'user:demo_trainer'");
  });

  it("a successful sign-in gives the address its try back and clears the username", async () => {
    for (let i = 0; i < 3; i++) await postLogin({ username: "demo_mediator", password: `bad-${i}` }, "192.0.2.210");
    expect((await postLogin({ username: "demo_mediator", password: "mediate-2026" }, "192.0.2.210")).status).toBe(302);
    const rows = await getSequelize().query<{ bucket: string; hits: number }>(
      "SELECT bucket, hits FROM rate_limits WHERE bucket IN ('user:demo_mediator', 'ip:192.0.2.210')",
      { type: QueryTypes.SELECT },
    );
    expect(rows.map((r) => [r.bucket, Number(r.hits)])).toEqual([["ip:192.0.2.210", 3]]);
  });

  it.each([
    ["/\n/evil.example", "/"],
    ["/\t/evil.example/phish", "/"],
    ["/%09/evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/me", "/me"],
  ])("after sign-in, redirectTo %j goes to %j (never a 500)", async (redirectTo, location) => {
    const ok = await callRoute(loginRoute.action as never, {
      url: "/login",
      form: { username: "Demo_Trainer", password: "mediate-2026", redirectTo },
    });
    expect(ok).toMatchObject({ status: 302, location });
  });

  it.each(["/\n/evil.example", "/\t/evil.example", "//evil.example", "/\r\nX-Evil: 1"])(
    "POST /language with redirectTo %j stays on the site",
    async (redirectTo) => {
      const outcome = await callRoute(languageRoute.action as never, { url: "/language", form: { lng: "en", redirectTo } });
      expect(outcome).toMatchObject({ status: 302, location: "/" });
    },
  );

  it("the signed-in loader redirects only to local paths", async () => {
    const cookie = await cookieFor("demo_trainer");
    const outcome = await callRoute(loginRoute.loader as never, {
      url: `/login?redirectTo=${encodeURIComponent("/\t/evil.example")}`,
      cookie,
    });
    expect(outcome).toMatchObject({ status: 302, location: "/" });
  });

  it("names a disabled account only to someone who knows its password", async () => {
    const user = (await User.findOne({ where: { username: "demo_reviewer" } }))!;
    await user.update({ status: "disabled" });
    try {
      const right = await login(requestWith(null), { username: "demo_reviewer", password: "mediate-2026", ip: "t1" });
      const wrong = await login(requestWith(null), { username: "demo_reviewer", password: "nope-nope", ip: "t1" });
      expect(right).toEqual({ ok: false, error: "disabled" });
      expect(wrong).toEqual({ ok: false, error: "invalid" });
    } finally {
      await user.update({ status: "active" });
    }
  });
});

describe("sessions end when they should", () => {
  it("disabling a user ends their sessions at once", async () => {
    const cookie = await cookieFor("demo_mediator");
    expect(await getCurrentUser(requestWith(cookie))).not.toBeNull();
    const account = (await findAccount(ids.mediatorUser.id))!;
    await setAccountStatus(countyAdmin, account.user, "disabled", "离职");
    expect(await getCurrentUser(requestWith(cookie))).toBeNull();
    expect(await Session.count({ where: { userId: ids.mediatorUser.id } })).toBe(0);
    await setAccountStatus(countyAdmin, account.user, "active", "复职");
  });

  it("sign out everywhere ends every session of the account", async () => {
    const a = await cookieFor("demo_mediator");
    const b = await cookieFor("demo_mediator");
    await signOutEverywhere(countyAdmin, (await User.findByPk(ids.mediatorUser.id))!);
    expect(await getCurrentUser(requestWith(a))).toBeNull();
    expect(await getCurrentUser(requestWith(b))).toBeNull();
  });

  it("expires after the idle limit and after the absolute limit", async () => {
    const idle = await cookieFor("demo_mediator");
    await Session.update({ lastSeenAt: new Date(Date.now() - 9 * 3600_000) }, { where: { userId: ids.mediatorUser.id } });
    expect(await getCurrentUser(requestWith(idle))).toBeNull();
    const old = await cookieFor("demo_mediator");
    await Session.update({ expiresAt: new Date(Date.now() - 1000) }, { where: { userId: ids.mediatorUser.id } });
    expect(await getCurrentUser(requestWith(old))).toBeNull();
  });

  it("a page's loaders share one session query, and the next request reads the session afresh", async () => {
    const cookie = await cookieFor("demo_mediator");
    const sequelize = getSequelize();
    const query = jest.spyOn(sequelize, "query");
    const sessionLookups = () => query.mock.calls.filter(([sql]) => String(sql).includes("JOIN users u ON u.id = s.user_id")).length;
    try {
      // Remix gives the root and route loaders their own copies of the request, started together.
      const [root, route] = await Promise.all([getCurrentUser(requestWith(cookie)), getCurrentUser(requestWith(cookie, "/courses"))]);
      expect(root?.username).toBe("demo_mediator");
      expect(route).toEqual(root);
      expect(sessionLookups()).toBe(1);
      await Session.destroy({ where: { userId: ids.mediatorUser.id } });
      expect(await getCurrentUser(requestWith(cookie))).toBeNull();
      expect(sessionLookups()).toBe(2);
    } finally {
      query.mockRestore();
    }
  });

  it("a touch that loses Galera certification (deadlock on its autocommit) still lets the request through; other errors do not pass", async () => {
    const cookie = await cookieFor("demo_mediator");
    await Session.update({ lastSeenAt: new Date(Date.now() - 5 * 60_000) }, { where: { userId: ids.mediatorUser.id } });
    // What Sequelize throws when the node refuses the write at commit (ER_LOCK_DEADLOCK).
    const lost = Object.assign(new Error("Deadlock found when trying to get lock; try restarting transaction"), {
      parent: { errno: 1213 },
    });
    const update = jest.spyOn(Session, "update").mockRejectedValueOnce(lost);
    try {
      expect((await getCurrentUser(requestWith(cookie)))?.username).toBe("demo_mediator");
      expect(update).toHaveBeenCalledTimes(1);
      update.mockRejectedValueOnce(new Error("disk full"));
      await expect(getCurrentUser(requestWith(cookie))).rejects.toThrow("disk full");
    } finally {
      update.mockRestore();
    }
  });

  it("a forged or unknown cookie is no session", async () => {
    expect(await getCurrentUser(requestWith("academy_session=forged-token-forged-token-forged"))).toBeNull();
  });
});

describe("passwords", () => {
  it("an admin reset issues a one-time password that must be changed at next login", async () => {
    const user = (await User.findByPk(ids.mediatorUser.id))!;
    const oneTime = await resetPassword(countyAdmin, user);
    expect(oneTime).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{2}$/);
    const cookie = await cookieFor("demo_mediator", oneTime);
    await expect(requireUser(requestWith(cookie, "/me"))).rejects.toMatchObject({ status: 302 });
    const thrown = await requireUser(requestWith(cookie, "/me")).catch((r: Response) => r.headers.get("Location"));
    expect(thrown).toBe("/account/password");

    const mismatch = await callRoute(passwordRoute.action as never, {
      url: "/account/password",
      cookie,
      form: { current: oneTime, next: "new-pass-2026", confirm: "other-pass-2026" },
    });
    expect(mismatch.status).toBe(400);
    const changed = await callRoute(passwordRoute.action as never, {
      url: "/account/password",
      cookie,
      form: { current: oneTime, next: "new-pass-2026", confirm: "new-pass-2026" },
    });
    expect(changed).toMatchObject({ status: 302, location: "/account/password?changed=1" });
    expect((await requireUser(requestWith(cookie, "/me"))).username).toBe("demo_mediator");
    expect((await login(requestWith(null), { username: "demo_mediator", password: "new-pass-2026", ip: "t2" })).ok).toBe(true);
    const actions = (await AuditEvent.findAll({ where: { targetType: "user", targetId: String(user.id) } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["user.password_reset", "user.password_changed"]));
  });

  it("a wrong current password is a field error and changes nothing", async () => {
    const cookie = await cookieFor("demo_trainer");
    const before = (await User.findOne({ where: { username: "demo_trainer" } }))!.passwordHash;
    const outcome = await callRoute(passwordRoute.action as never, {
      url: "/account/password",
      cookie,
      form: { current: "not-it-at-all", next: "new-pass-2026", confirm: "new-pass-2026" },
    });
    expect(outcome.status).toBe(400);
    expect((await User.findOne({ where: { username: "demo_trainer" } }))!.passwordHash).toBe(before);
  });
});

describe("the audit log", () => {
  it("writes the audit row with the change, and none when the change rolls back", async () => {
    const before = await AuditEvent.count();
    await expect(
      inTransaction(async (transaction) => {
        await User.update({ displayName: "回滚测试" }, { where: { username: "demo_trainer" }, transaction });
        await audit({ actorUserId: null, action: "user.updated", targetType: "user", targetId: 1 }, transaction);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await AuditEvent.count()).toBe(before);
    expect((await User.findOne({ where: { username: "demo_trainer" } }))!.displayName).not.toBe("回滚测试");

    const account = (await findAccount(ids.mediatorUser.id))!;
    await setAccountStatus(countyAdmin, account.user, "disabled", "测试停用");
    const row = await AuditEvent.findOne({ where: { action: "user.disabled" }, order: [["id", "DESC"]] });
    expect(row).toMatchObject({ actorUserId: countyAdmin.id, reason: "测试停用", targetId: String(ids.mediatorUser.id) });
    await setAccountStatus(countyAdmin, account.user, "active", "测试恢复");
  });
});
