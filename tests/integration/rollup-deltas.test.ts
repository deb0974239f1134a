import { QueryTypes } from "sequelize";
import type { CurrentUser } from "~/.server/auth/users";
import { nodeDashboard, type Node } from "~/.server/compliance/dashboard";
import { getSequelize } from "~/.server/db/connection";
import { TrainingEvent, User } from "~/.server/db/models";
import { checkinCode } from "~/.server/events/checkin-code";
import { checkIn } from "~/.server/events/events";
import { foldRollupDeltas } from "~/.server/training/deltas";
import { compareStats } from "~/.server/training/stats";
import { currentYearInChina } from "~/lib/dates";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { seedWithPersonas } from "../support/personas";
import { createTakers } from "../support/quiz-takers";

/**
 * Issue 24: the org rollups every writer under a unit shares (org_year_stats, org_month_stats) are
 * changed through delta rows that the background lease holder folds in. A check-in updates no row
 * another check-in needs — so a storm neither queues on the province's rows nor loses Galera
 * certification on them — and the figures are exact at once, before and after a fold, with folds
 * running amid the writes.
 */
let db: TestDatabase;
let ids: Awaited<ReturnType<typeof seedWithPersonas>>;
let county: Node;
beforeAll(async () => {
  db = await createMigratedDatabase();
  ids = await seedWithPersonas();
  county = { id: ids.county1.id, name: ids.county1.name, path: ids.county1.path, kind: ids.county1.kind };
});
afterAll(() => db.drop());

const pending = async () => {
  const [y] = (await getSequelize().query("SELECT COUNT(*) AS n FROM org_year_deltas", { type: QueryTypes.SELECT })) as { n: number }[];
  const [m] = (await getSequelize().query("SELECT COUNT(*) AS n FROM org_month_deltas", { type: QueryTypes.SELECT })) as { n: number }[];
  return Number(y.n) + Number(m.n);
};

async function openEvent(title: string) {
  const now = Date.now();
  return TrainingEvent.create({
    orgUnitId: ids.county1.id,
    audienceOrgUnitId: ids.county1.id,
    title,
    form: "lecture",
    kind: "annual",
    startsAt: new Date(now - 10 * 60_000),
    endsAt: new Date(now + 2 * 3600_000),
    hours: 3,
    place: "青山县司法局三楼会议室",
    capacity: 500,
    description: null,
    createdBy: null,
  });
}

const asUser = async (userId: number) => {
  const u = (await User.findByPk(userId))!;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    mustChangePassword: false,
    sessionId: "test",
    grants: [],
  } as CurrentUser;
};

test("a check-in writes delta rows and updates no org rollup row", async () => {
  const [taker] = await createTakers(1, ids.townshipMediator.orgUnitId);
  const event = await openEvent("调解员学法用法专题讲座");
  const user = await asUser(taker.userId);
  const query = jest.spyOn(getSequelize(), "query");
  try {
    expect(await checkIn(user, event, checkinCode(event.id))).toEqual({ ok: true });
    const sent = query.mock.calls.map(([sql]) => String(typeof sql === "string" ? sql : (sql as { query: string }).query));
    expect(sent.filter((s) => /org_(year|month)_stats/.test(s))).toEqual([]);
    expect(sent.some((s) => s.startsWith("INSERT INTO org_month_deltas"))).toBe(true);
    expect(sent.some((s) => s.startsWith("INSERT INTO org_year_deltas"))).toBe(true);
  } finally {
    query.mockRestore();
  }
  expect(await pending()).toBeGreaterThan(0);
  expect(await compareStats()).toEqual([]);
});

test("40 check-ins at once with folds running amid them: the figures are exact before, during and after", async () => {
  const year = currentYearInChina();
  const before = (await nodeDashboard(county, year)).totals;
  const takers = await createTakers(40, ids.townshipMediator.orgUnitId);
  const event = await openEvent("人民调解员岗位技能集中轮训");
  const users = await Promise.all(takers.map((t) => asUser(t.userId)));
  const results = await Promise.all([
    ...users.map((u) => checkIn(u, event, checkinCode(event.id))),
    ...[0, 1, 2].map(async (i) => {
      await new Promise((r) => setTimeout(r, 20 * i));
      return foldRollupDeltas(7);
    }),
  ]);
  expect(results.slice(0, 40).every((r) => (r as { ok: boolean }).ok)).toBe(true);
  const after = (await nodeDashboard(county, year)).totals;
  expect(after.records).toBe(before.records + 40);
  expect(after.hours).toBe(Math.round((before.hours + 120) * 10) / 10);
  expect(after.active).toBe(before.active + 40);
  expect(after.trained).toBe(before.trained + 40);
  expect(await compareStats()).toEqual([]);

  await foldRollupDeltas();
  expect(await pending()).toBe(0);
  expect((await nodeDashboard(county, year)).totals).toEqual(after);
  expect(await compareStats()).toEqual([]);
});
