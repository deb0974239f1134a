import { AuditEvent, TrainingPolicy, User } from "~/.server/db/models";
import { getOrgScope, type OrgScope } from "~/.server/org";
import { clearPolicy, effectivePolicy, setPolicy } from "~/.server/training/policies";
import { yearSummary } from "~/.server/training/summary";
import { mediatorStanding } from "~/.server/training/standing";
import { recordTraining, removeTraining } from "~/.server/training/ledger";
import { inTransaction } from "~/.server/db/connection";
import { Mediator } from "~/.server/db/models";
import { createTakers } from "../support/quiz-takers";
import { DEFAULT_POLICY, policyInputSchema, type PolicyInput } from "~/lib/policy";
import * as policyRoute from "~/routes/compliance.policy";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { callRoute, seedWithPersonas } from "../support/personas";
import { changeMediator } from "~/.server/roster/entries";

let db: TestDatabase;
let ids: Awaited<ReturnType<typeof seedWithPersonas>>;
let county: { id: number; scopes: OrgScope[] };
let township: { id: number; scopes: OrgScope[] };
beforeAll(async () => {
  db = await createMigratedDatabase();
  ids = await seedWithPersonas();
  county = { id: (await User.findOne({ where: { username: "demo_county" } }))!.id, scopes: [(await getOrgScope(ids.county1.id))!] };
  township = { id: (await User.findOne({ where: { username: "demo_township" } }))!.id, scopes: [(await getOrgScope(ids.township.id))!] };
});
afterAll(() => db.drop());

const input = (over: Partial<PolicyInput>): PolicyInput => ({
  minPractical: 2,
  minHours: 24,
  preserviceHours: 12,
  preserviceDays: 60,
  eventForms: ["drill"],
  logs: true,
  exercises: false,
  ...over,
});
const path = () => ids.townshipMediator.orgPath;

describe("training policies", () => {
  it("uses the defaults where no node set anything", async () => {
    expect(await effectivePolicy(path(), 2026)).toEqual({ ...DEFAULT_POLICY, source: null });
  });

  it("inherits a county's policy down the tree, for the year it names only", async () => {
    expect(await setPolicy(county, ids.county1.id, 2026, input({}))).toEqual({ ok: true, recompute: "inline" });
    const atTownship = await effectivePolicy(path(), 2026);
    expect(atTownship).toMatchObject({
      minPractical: 2,
      minHours: 24,
      preserviceHours: 12,
      preserviceDays: 60,
      source: { orgUnitId: ids.county1.id },
    });
    expect(atTownship.practical).toEqual([{ source: "event", forms: ["drill"] }, { source: "log" }]);
    expect((await effectivePolicy(path(), 2027)).source).toBeNull();
    expect((await effectivePolicy(ids.county2Mediator.orgPath, 2026)).source).toBeNull();
  });

  it("lets a township override it and fall back again, auditing both", async () => {
    await setPolicy(township, ids.township.id, 2026, input({ minPractical: 3, exercises: true }));
    expect(await effectivePolicy(path(), 2026)).toMatchObject({ minPractical: 3, source: { orgUnitId: ids.township.id } });
    await setPolicy(township, ids.township.id, 2026, input({ minPractical: 4, exercises: true }));
    const change = (await AuditEvent.findAll({ where: { action: "policy.set", orgUnitId: ids.township.id }, order: [["id", "ASC"]] })).at(
      -1,
    )!;
    expect(JSON.parse(change.beforeSummary!)).toMatchObject({ minPractical: 3 });
    expect(JSON.parse(change.afterSummary!)).toMatchObject({ minPractical: 4 });
    await clearPolicy(township, ids.township.id, 2026);
    expect((await effectivePolicy(path(), 2026)).source?.orgUnitId).toBe(ids.county1.id);
    expect(await AuditEvent.count({ where: { action: "policy.clear" } })).toBe(1);
  });

  it("refuses nodes outside the admin's subtree and absurd figures, writing nothing", async () => {
    const before = await TrainingPolicy.count();
    expect(await setPolicy(county, ids.county2.id, 2026, input({}))).toEqual({ ok: false, error: "notFound" });
    for (const bad of [
      { minPractical: -1 },
      { minPractical: 100 },
      { minHours: 500 },
      { minHours: 2.3 },
      { preserviceDays: 0 },
      { minHours: "" },
      { minPractical: "" },
    ]) {
      expect(policyInputSchema.safeParse({ ...input({}), ...bad }).success).toBe(false);
    }
    const refused = await callRoute(policyRoute.action as never, {
      url: `/compliance/policy?org=${ids.county1.id}&year=2026`,
      cookie: ids.cookies.county,
      form: { minPractical: "-3", minHours: "20", preserviceHours: "10", preserviceDays: "90" },
    });
    expect(refused).toMatchObject({ status: 400, body: { result: { error: { minPractical: ["policy.minPracticalRange"] } } } });
    const empty = await callRoute(policyRoute.action as never, {
      url: `/compliance/policy?org=${ids.county1.id}&year=2026`,
      cookie: ids.cookies.county,
      form: { minPractical: "1", minHours: "", preserviceHours: "10", preserviceDays: "90", eventForms: "astrology" },
    });
    expect(empty).toMatchObject({
      status: 400,
      body: { result: { error: { minHours: ["policy.number"], "eventForms[0]": ["validation.choice"] } } },
    });
    const foreign = await callRoute(policyRoute.loader as never, {
      url: `/compliance/policy?org=${ids.county2.id}`,
      cookie: ids.cookies.county,
    });
    expect(foreign.status).toBe(404);
    expect(await TrainingPolicy.count()).toBe(before);
  });

  it("drives 我的培训: the targets and what counts as practical follow the policy in force", async () => {
    const summary = await yearSummary(ids.mediatorUser.id, 2026);
    expect(summary.targets).toEqual({ practical: 2, hours: 24 });
    expect(summary.policySource).toBe(ids.county1.name);
  });
});

describe("a mediator's year under the rules in force (county 1 in 2026: 2 practical, 24 hours, 12 pre-service hours in 60 days; practical = 实训演练 events and logs)", () => {
  it("goes from 未参训 to 未达标 to 达标 as the ledger fills, counting only what the rules call practical", async () => {
    const [taker] = await createTakers(1, ids.townshipMediator.orgUnitId);
    const mediator = (await Mediator.findByPk(taker.mediatorId))!;
    await changeMediator(mediator, { appointedOn: "2026-03-01" });
    const standing = () => mediatorStanding(mediator, 2026, "2026-04-15");
    expect(await standing()).toMatchObject({
      state: "none",
      practical: 0,
      hours: 0,
      preService: { due: "2026-04-30", hours: 0, required: 12, state: "pending" },
    });

    const write = (sourceId: string, source: "course" | "event" | "log", form: string, occurredOn: string, hours: number) =>
      inTransaction((t) =>
        recordTraining({ source, sourceId, userId: taker.userId, occurredOn, hours, form: form as never, kind: null, title: "测试" }, t),
      );
    await write("st-1", "course", "online_course", "2026-03-10", 4);
    await write("st-2", "event", "drill", "2026-04-01", 3);
    await write("st-3", "event", "lecture", "2026-04-20", 2);
    await write("st-4", "log", "observation", "2026-05-01", 2);
    expect(await standing()).toMatchObject({
      state: "behind",
      practical: 2,
      hours: 11,
      bySource: { course: 4, event: 5, log: 2 },
      byForm: { drill: 3, lecture: 2 },
    });
    // Pre-service: 4 + 3 + 2 hours inside 1 March – 30 April; 12 needed.
    expect((await mediatorStanding(mediator, 2026, "2026-06-01")).preService).toEqual({
      due: "2026-04-30",
      hours: 9,
      required: 12,
      state: "overdue",
    });

    await write("st-5", "course", "online_course", "2026-09-01", 13);
    expect(await standing()).toMatchObject({ state: "compliant", practical: 2, hours: 24 });
    // A log taken back no longer counts; a record in another year counts there.
    await inTransaction((t) => removeTraining("log", "st-4", t));
    await write("st-6", "log", "observation", "2027-01-05", 2);
    expect(await standing()).toMatchObject({ state: "behind", practical: 1, hours: 22 });
    expect((await mediatorStanding(mediator, 2027, "2027-02-01")).records).toBe(1);
  });
});
