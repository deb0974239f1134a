/**
 * Check-in storm (issue 24): 1,500 mediators check in to one event within 10 seconds, each
 * from their own phone (own session, own connection), with the code shown at the venue. Starts
 * the built server on a fresh MariaDB/MySQL database (DATABASE_URL names the server; default
 * mysql://root@127.0.0.1:3306), creates the event (open now, for the whole province) and the
 * mediators, sends the POSTs spread evenly over BENCH_SPREAD_SECONDS (10), and prints p50/p95/p99/
 * max and errors, then checks from the database that every mediator is counted exactly once: one
 * attended registration and one ledger line each. Target: p99 < 2 s, 0 errors. Needs `npm run build`.
 *   npx tsx scripts/bench/checkin.ts            (BENCH_PEOPLE=1500, BENCH_SPREAD_SECONDS=10)
 */
import { performance } from "node:perf_hooks";
import { cpuSeconds, stormTarget, percentile, signedInMediators } from "../lib/bench-people";

const people = Number(process.env.BENCH_PEOPLE ?? 1500);
const spreadMs = Number(process.env.BENCH_SPREAD_SECONDS ?? 10) * 1000;

const target = await stormTarget("academy_bench_checkin");
const origin = target.origin;
try {
  const { closeSequelize, getSequelize } = await import("../../app/.server/db/connection");
  const { OrgUnit, TrainingEvent, EventRegistration, TrainingRecord } = await import("../../app/.server/db/models");
  const { checkinCode } = await import("../../app/.server/events/checkin-code");
  const { cookies, users } = await signedInMediators(people, origin);
  const root = (await OrgUnit.findOne({ where: { parentId: null } }))!;
  const now = Date.now();
  const event = await TrainingEvent.create({
    orgUnitId: root.id,
    audienceOrgUnitId: root.id,
    // Its own title each run: the ledger check counts lines by title, and BENCH_ORIGIN keeps earlier runs' lines.
    title: `全省人民调解员线上线下同步培训（签到压力测试 ${new Date().toISOString().slice(11, 19)}）`,
    form: "lecture",
    kind: "annual",
    startsAt: new Date(now - 10 * 60_000),
    endsAt: new Date(now + 2 * 3600_000),
    hours: 3,
    place: "省司法厅报告厅",
    capacity: people + 100,
    description: null,
    createdBy: null,
  });

  const cpuBefore = cpuSeconds(target.pid);
  const started = performance.now();
  const results = await Promise.all(
    cookies.map(async (cookie, i) => {
      await new Promise((r) => setTimeout(r, (spreadMs * i) / people));
      const t = performance.now();
      try {
        const res = await fetch(`${origin}/events/${event.id}/attend`, {
          method: "POST",
          body: new URLSearchParams({ code: checkinCode(event.id) }),
          redirect: "manual",
          headers: { Cookie: cookie, Origin: origin },
        });
        await res.arrayBuffer();
        const ok = res.status === 302 && res.headers.get("location") === `/events/${event.id}`;
        return { ms: performance.now() - t, ok, status: res.status };
      } catch (error) {
        return { ms: performance.now() - t, ok: false, status: String((error as Error).message) };
      }
    }),
  );
  const wall = performance.now() - started;
  const cpu = cpuSeconds(target.pid) - cpuBefore;
  const ms = results.map((r) => r.ms);
  const errors = results.filter((r) => !r.ok);
  const attended = await EventRegistration.count({ where: { eventId: event.id, status: "confirmed" } });
  const registrations = await EventRegistration.count({ where: { eventId: event.id } });
  const [dupes] = (await getSequelize().query(
    "SELECT COUNT(*) AS n FROM (SELECT user_id FROM training_records WHERE source = 'event' AND title = :title GROUP BY user_id HAVING COUNT(*) > 1) d",
    { replacements: { title: event.title }, type: "SELECT" },
  )) as { n: number | string }[];
  const lines = await TrainingRecord.count({ where: { source: "event", title: event.title } });
  console.log(`${people} check-ins spread over ${spreadMs / 1000} s, ${target.where}, one event, ${users.length} mediators`);
  console.log(
    `latency p50 ${percentile(ms, 50).toFixed(0)} ms   p95 ${percentile(ms, 95).toFixed(0)} ms   p99 ${percentile(ms, 99).toFixed(0)} ms   max ${Math.max(...ms).toFixed(0)} ms   (all answered ${(wall / 1000).toFixed(1)} s after the first was sent)`,
  );
  if (target.pid) console.log(`server CPU during the storm ${cpu.toFixed(1)} s: ${((cpu * 1000) / people).toFixed(1)} ms per check-in`);
  const statuses = new Map<string, number>();
  for (const e of errors) statuses.set(String(e.status), (statuses.get(String(e.status)) ?? 0) + 1);
  console.log(`errors ${errors.length}${errors.length ? ` (${[...statuses].map(([s, n]) => `${s} × ${n}`).join(", ")})` : ""}`);
  console.log(`registrations ${registrations}, attended ${attended}, ledger lines ${lines}, mediators counted twice ${Number(dupes.n)}`);
  const ok = errors.length === 0 && attended === people && registrations === people && lines === people && Number(dupes.n) === 0;
  const fast = percentile(ms, 99) < 2000;
  console.log(`check: ${ok ? "each counted exactly once" : "FAILED"}; p99 ${fast ? "<" : "≥"} 2 s (target < 2 s)`);
  await closeSequelize();
  process.exitCode = ok ? 0 : 1;
} finally {
  await target.stop();
}
