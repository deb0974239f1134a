import { QueryTypes } from "sequelize";
import { foldRollupDeltas } from "~/.server/training/deltas";
import { getSequelize, inTransaction } from "~/.server/db/connection";
import { Mediator, TrainingRecord } from "~/.server/db/models";
import { scopeFromPath } from "~/.server/org";
import { clearPolicy, setPolicy } from "~/.server/training/policies";
import { recordTraining, removeTraining, setTrainingHours } from "~/.server/training/ledger";
import { compareStats, rebuildStats } from "~/.server/training/stats";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { seedWithPersonas } from "../support/personas";
import { createTakers } from "../support/quiz-takers";
import { changeMediator } from "~/.server/roster/entries";

let db: TestDatabase;
let ids: Awaited<ReturnType<typeof seedWithPersonas>>;
beforeAll(async () => {
  db = await createMigratedDatabase();
  ids = await seedWithPersonas();
});
afterAll(() => db.drop());

/** A seeded generator, so a failing sequence can be replayed. */
function seeded(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe("training summaries", () => {
  it("agree with the ledger after the demo seed", async () => {
    expect(await compareStats()).toEqual([]);
  });

  it("still agree after random interleaved writes, removals and hour changes", async () => {
    const random = seeded(20261123);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const takers = [
      ...(await createTakers(6, ids.townshipMediator.orgUnitId)),
      ...(await createTakers(6, ids.county1Mediator.orgUnitId)),
      ...(await createTakers(6, ids.county2Mediator.orgUnitId)),
    ];
    const sources = ["course", "event", "log", "exercise"] as const;
    const forms = ["drill", "case_review", "observation", "lecture", "online_course"] as const;
    let next = 0;
    for (let round = 0; round < 20; round++) {
      const existing = await TrainingRecord.findAll({ attributes: ["id", "source", "sourceId"] });
      // Ten writes at once, each in its own transaction.
      await Promise.all(
        Array.from({ length: 10 }, () => {
          const op = random();
          if (op < 0.6 || existing.length < 5) {
            const taker = pick(takers);
            const day = `${pick([2025, 2026, 2027])}-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`;
            return inTransaction((t) =>
              recordTraining(
                {
                  source: pick(sources),
                  sourceId: `prop-${next++}`,
                  userId: taker.userId,
                  occurredOn: day,
                  hours: Math.round(random() * 80) / 10 + 0.5,
                  form: pick(forms),
                  kind: null,
                  title: "随机记录",
                },
                t,
              ),
            );
          }
          const victim = pick(existing);
          if (op < 0.8) return inTransaction((t) => removeTraining(victim.source, victim.sourceId, t));
          return inTransaction(async (t) => {
            const record = await TrainingRecord.findByPk(victim.id, { transaction: t, lock: t.LOCK.UPDATE });
            if (record) await setTrainingHours(record, Math.round(random() * 60) / 10, t);
          });
        }),
      );
    }
    expect(await TrainingRecord.count()).toBeGreaterThan(50);
    expect(await compareStats()).toEqual([]);
  });

  it("the compliance rollups agree after ledger writes interleaved with moves, status and employment changes and policy changes", async () => {
    const random = seeded(4242);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const committees = [ids.townshipMediator.orgUnitId, ids.county1Mediator.orgUnitId, ids.county2Mediator.orgUnitId];
    const takers = [...(await createTakers(5, committees[0])), ...(await createTakers(5, committees[1]))];
    const root = scopeFromPath(1, "/1/");
    const actor = { id: ids.mediatorUser.id, scopes: [root] };
    const nodes = (await getSequelize().query("SELECT id, path FROM org_units WHERE kind <> 'committee'", { type: QueryTypes.SELECT })) as {
      id: number;
      path: string;
    }[];
    let next = 0;
    for (let round = 0; round < 12; round++) {
      await Promise.all(
        Array.from({ length: 6 }, async () => {
          const op = random();
          const taker = pick(takers);
          if (op < 0.5) {
            const day = `${pick([2025, 2026])}-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-15`;
            return inTransaction((t) =>
              recordTraining(
                {
                  source: pick(["event", "log", "course"] as const),
                  sourceId: `roll-${next++}`,
                  userId: taker.userId,
                  occurredOn: day,
                  hours: pick([2, 4, 8, 12]),
                  form: pick(["drill", "lecture", "case_review"] as const),
                  kind: null,
                  title: "随机记录",
                },
                t,
              ),
            );
          }
          if (op < 0.75) {
            return inTransaction(async (t) => {
              const m = await Mediator.findByPk(taker.mediatorId, { transaction: t, lock: t.LOCK.UPDATE });
              const change = pick(["move", "status", "employment", "appointed"] as const);
              if (change === "move") await changeMediator(m!, { orgUnitId: pick(committees) }, t);
              if (change === "status") await changeMediator(m!, { status: m!.status === "active" ? "suspended" : "active" }, t);
              if (change === "employment")
                await changeMediator(m!, { employment: m!.employment === "full_time" ? "part_time" : "full_time" }, t);
              if (change === "appointed")
                await changeMediator(m!, { appointedOn: `${pick([2025, 2026])}-0${1 + Math.floor(random() * 9)}-01` }, t);
            });
          }
          const node = pick(nodes);
          if (op < 0.9)
            return setPolicy(actor, node.id, pick([2025, 2026]), {
              minPractical: pick([0, 1, 2]),
              minHours: pick([0, 6, 20]),
              preserviceHours: pick([2, 10]),
              preserviceDays: pick([30, 90]),
              eventForms: pick([["drill"], [], ["lecture", "drill"]]),
              logs: random() < 0.5,
              exercises: true,
            });
          return clearPolicy(actor, node.id, pick([2025, 2026]));
        }),
      );
    }
    expect(await compareStats()).toEqual([]);
  });

  it("a record counts in the year and month of its date, at its committee and every node above", async () => {
    const [taker] = await createTakers(1, ids.townshipMediator.orgUnitId);
    await inTransaction((t) =>
      recordTraining(
        {
          source: "log",
          sourceId: "new-year-eve",
          userId: taker.userId,
          occurredOn: "2026-12-31",
          hours: 3,
          form: "drill",
          kind: null,
          title: "跨年",
        },
        t,
      ),
    );
    // Written as deltas (no writer updates a row the units above share), folded by the lease holder.
    expect(await compareStats()).toEqual([]);
    expect(await foldRollupDeltas()).toBeGreaterThan(0);
    const [pending] = (await getSequelize().query("SELECT COUNT(*) AS n FROM org_month_deltas", { type: QueryTypes.SELECT })) as {
      n: number;
    }[];
    expect(Number(pending.n)).toBe(0);
    const rows = (await getSequelize().query(
      "SELECT org_unit_id, year, month, records, hours FROM org_month_stats WHERE source = 'log' AND form = 'drill' AND year = 2026 AND month = 12",
      { type: QueryTypes.SELECT },
    )) as { org_unit_id: number }[];
    const path = ids.townshipMediator.orgPath!;
    for (const id of path.split("/").filter(Boolean).map(Number)) expect(rows.map((r) => Number(r.org_unit_id))).toContain(id);
    expect(await compareStats()).toEqual([]);
  });

  it("stats:rebuild reports a summary that drifted and puts it right", async () => {
    await getSequelize().query(
      "UPDATE org_month_stats SET records = records + 7 WHERE year = 2026 AND month = 12 AND source = 'log' AND form = 'drill'",
    );
    const problems = await rebuildStats();
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/org_month_stats .*ledger says/);
    expect(await compareStats()).toEqual([]);
  });
});
