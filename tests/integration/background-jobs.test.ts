import { BackgroundJob, Mediator, User } from "~/.server/db/models";
import { backgroundTick, LEASE, LEASE_MS, runJobs } from "~/.server/jobs/background";
import { leaseHolder, releaseLease, takeLease } from "~/.server/jobs/lease";
import { chunking, latestPolicyRefresh } from "~/.server/jobs/policy-refresh";
import { getOrgScope, pathRange, type OrgScope } from "~/.server/org";
import { compareRollups } from "~/.server/training/rollup";
import { setPolicy } from "~/.server/training/policies";
import type { PolicyInput } from "~/lib/policy";
import { Op } from "sequelize";
import * as policyRoute from "~/routes/compliance.policy";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { callRoute, seedWithPersonas } from "../support/personas";

/**
 * Issue 24: background work runs in one process at a time through a lease in the database, and
 * a policy change over a subtree larger than RECOMPUTE_INLINE_LIMIT is saved at once and
 * recomputed by a queued job whose progress the admin sees.
 */
let db: TestDatabase;
let ids: Awaited<ReturnType<typeof seedWithPersonas>>;
let county: { id: number; scopes: OrgScope[] };
beforeAll(async () => {
  db = await createMigratedDatabase();
  ids = await seedWithPersonas();
  county = { id: (await User.findOne({ where: { username: "demo_county" } }))!.id, scopes: [(await getOrgScope(ids.county1.id))!] };
});
afterAll(() => db.drop());

const strict: PolicyInput = {
  minPractical: 6,
  minHours: 120,
  preserviceHours: 40,
  preserviceDays: 30,
  eventForms: ["drill"],
  logs: false,
  exercises: false,
};

describe("the lease", () => {
  it("is held by one process at a time, renewed by its holder and taken over once it runs out", async () => {
    const t = 1_800_000_000_000;
    expect(await takeLease("test", "a", 1000, t)).toBe(true);
    expect(await takeLease("test", "b", 1000, t + 10)).toBe(false);
    expect(await takeLease("test", "a", 1000, t + 900)).toBe(true); // renewed until t + 1900
    expect(await takeLease("test", "b", 1000, t + 1500)).toBe(false);
    expect(await takeLease("test", "b", 1000, t + 1900)).toBe(true); // a stopped renewing
    expect(await takeLease("test", "a", 1000, t + 1950)).toBe(false);
    expect(await leaseHolder("test")).toEqual({ holder: "b", expiresAt: t + 2900 });
    await releaseLease("test", "a"); // not a's to give up
    expect((await leaseHolder("test"))?.holder).toBe("b");
    await releaseLease("test", "b");
    expect(await takeLease("test", "c", 1000, t + 2000)).toBe(true);
  });

  it("goes to exactly one of twenty processes asking at the same instant", async () => {
    const t = Date.now();
    const won = await Promise.all(Array.from({ length: 20 }, (_, i) => takeLease("race", `p${i}`, 60_000, t)));
    expect(won.filter(Boolean)).toHaveLength(1);
    expect((await leaseHolder("race"))?.holder).toBe(`p${won.indexOf(true)}`);
  });

  it("lets only the holder's tick do the background work", async () => {
    await releaseLease(LEASE, "whoever").catch(() => undefined);
    const now = Date.now();
    const ticks = await Promise.all([backgroundTick("one", now), backgroundTick("two", now), backgroundTick("three", now)]);
    expect(ticks.filter(Boolean)).toHaveLength(1);
    const holder = ["one", "two", "three"][ticks.indexOf(true)];
    expect(await backgroundTick(holder === "one" ? "two" : "one", now + 1000)).toBe(false);
    expect(await backgroundTick(holder, now + LEASE_MS - 1)).toBe(true);
    await releaseLease(LEASE, holder);
  });
});

describe("a policy change over a large subtree", () => {
  const saved = process.env.RECOMPUTE_INLINE_LIMIT;
  afterAll(() => {
    chunking.size = 500;
    if (saved === undefined) delete process.env.RECOMPUTE_INLINE_LIMIT;
    else process.env.RECOMPUTE_INLINE_LIMIT = saved;
  });

  it("is saved at once and recomputed by a job, in chunks, with its progress on the policy page", async () => {
    expect(await compareRollups()).toEqual([]);
    const { from, to } = pathRange(ids.county1.path);
    const total = await Mediator.count({ where: { orgPath: { [Op.gte]: from, [Op.lt]: to } } });
    expect(total).toBeGreaterThan(1);

    process.env.RECOMPUTE_INLINE_LIMIT = "0";
    expect(await setPolicy(county, ids.county1.id, 2026, strict)).toEqual({ ok: true, recompute: "queued" });
    // A second change before the job ran: the first job is superseded, one job recomputes.
    expect(await setPolicy(county, ids.county1.id, 2026, { ...strict, minHours: 100 })).toEqual({ ok: true, recompute: "queued" });
    const jobs = await BackgroundJob.findAll({ where: { orgUnitId: ids.county1.id, year: 2026 }, order: [["id", "ASC"]] });
    expect(jobs.map((j) => [j.status, j.total])).toEqual([
      ["superseded", total],
      ["queued", total],
    ]);
    // Saved, not yet recomputed: the stored rollups still follow the old rule.
    expect((await compareRollups()).length).toBeGreaterThan(0);

    const page = await callRoute(policyRoute.loader as never, {
      url: `/compliance/policy?org=${ids.county1.id}&year=2026`,
      cookie: ids.cookies.county,
    });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ recompute: { status: "queued", total, processed: 0 } });

    // A holder that loses the lease after two chunks stops there; the next holder resumes.
    chunking.size = Math.ceil(total / 4);
    let renewals = 0;
    expect(await runJobs(async () => ++renewals < 2)).toBe(0);
    const halfway = (await latestPolicyRefresh(ids.county1.id, 2026))!;
    expect([halfway.status, halfway.processed]).toEqual(["running", 2 * chunking.size]);
    expect(await runJobs(async () => true)).toBe(1);
    const job = (await latestPolicyRefresh(ids.county1.id, 2026))!;
    expect([job.status, job.processed, job.total]).toEqual(["done", total, total]);
    expect(job.finishedAt).toBeInstanceOf(Date);
    expect(await compareRollups()).toEqual([]);
    // Nothing left to run.
    expect(await runJobs(async () => true)).toBe(0);

    const after = await callRoute(policyRoute.loader as never, {
      url: `/compliance/policy?org=${ids.county1.id}&year=2026`,
      cookie: ids.cookies.county,
    });
    expect(after.body).toMatchObject({ recompute: { status: "done", total, processed: total } });
  });

  it("marks a job that throws as failed, with its message, and goes on with the next", async () => {
    await BackgroundJob.create({
      kind: "no.such.kind",
      orgUnitId: ids.county1.id,
      year: 2025,
      status: "queued",
      total: 0,
      error: null,
      requestedBy: null,
      startedAt: null,
      finishedAt: null,
    });
    jest.spyOn(console, "error").mockImplementation(() => undefined);
    process.env.RECOMPUTE_INLINE_LIMIT = "0";
    await setPolicy(county, ids.county1.id, 2025, strict);
    expect(await runJobs(async () => true)).toBe(1);
    const failed = await BackgroundJob.findOne({ where: { kind: "no.such.kind" } });
    expect([failed?.status, failed?.error]).toEqual(["failed", "no runner for no.such.kind"]);
    expect((await latestPolicyRefresh(ids.county1.id, 2025))?.status).toBe("done");
    expect(await compareRollups()).toEqual([]);
  });
});
