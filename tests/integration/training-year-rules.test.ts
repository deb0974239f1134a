import { QueryTypes } from "sequelize";
import { mediatorRows } from "~/.server/compliance/mediators";
import type { MediatorLine } from "~/lib/compliance";
import { getSequelize, inTransaction } from "~/.server/db/connection";
import { Mediator, User } from "~/.server/db/models";
import { createOrgUnit, scopeFromPath } from "~/.server/org";
import { recordTraining, removeTraining } from "~/.server/training/ledger";
import { clearPolicy, effectivePolicy, setPolicy } from "~/.server/training/policies";
import { compareRollups } from "~/.server/training/rollup";
import { mediatorStanding } from "~/.server/training/standing";
import { yearSummary } from "~/.server/training/summary";
import { mediatorYear, policyInForce, preServiceOf, yearFigures } from "~/.server/training/year-rules";
import { addDays } from "~/lib/dates";
import { DEFAULT_POLICY, PRACTICAL_EVENT_FORMS, type PolicyInput } from "~/lib/policy";
import type { TrainingForm } from "~/lib/training";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { addMediator } from "~/.server/roster/entries";
import { changeMediator } from "~/.server/roster/entries";

/**
 * The training-year rules (app/.server/training/year-rules.ts) on random fixtures: what 我的培训
 * shows for a mediator's year (the route's own calls: effectivePolicy, yearSummary,
 * mediatorStanding) must equal the compliance rollup (mediator_years) and the compliance list
 * read from it, for every mediator and year.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createMigratedDatabase();
});
afterAll(() => db.drop());

/** A seeded generator, so a failing fixture can be replayed. */
function seeded(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe("the rules, as plain values", () => {
  const strict = {
    ...DEFAULT_POLICY,
    minPractical: 2,
    minHours: 10,
    preserviceHours: 6,
    preserviceDays: 30,
    practical: [{ source: "log" as const }],
  };

  it("takes the lowest node's policy for the year, else an ancestor's, else the defaults", () => {
    const rows = [
      { orgUnitId: 1, year: 2026, ...strict },
      { orgUnitId: 4, year: 2026, ...strict, minPractical: 5 },
      { orgUnitId: 4, year: 2027, ...strict, minPractical: 7 },
    ];
    expect(policyInForce(rows, [1, 4, 17], 2026)).toEqual({ policy: { ...strict, minPractical: 5 }, sourceId: 4 });
    expect(policyInForce(rows, [1, 5, 18], 2026)).toEqual({ policy: strict, sourceId: 1 });
    expect(policyInForce(rows, [1, 4, 17], 2025)).toEqual({ policy: DEFAULT_POLICY, sourceId: null });
    expect(policyInForce(rows, [2], 2027)).toEqual({ policy: DEFAULT_POLICY, sourceId: null });
  });

  it("counts 未参训, 未达标 and 达标 under the policy", () => {
    expect(yearFigures(strict, [])).toMatchObject({ records: 0, practical: 0, hours: 0, state: "none" });
    const lines = [
      { source: "log", form: "observation", records: 2, hours: 3.2 },
      { source: "event", form: "drill", records: 1, hours: 4.1 },
      { source: "course", form: "online_course", records: 0, hours: 0 },
    ];
    expect(yearFigures(strict, lines)).toMatchObject({
      records: 3,
      practical: 2,
      hours: 7.3,
      state: "behind",
      bySource: { log: 3.2, event: 4.1 },
    });
    expect(yearFigures({ ...strict, minHours: 7.3 }, lines).state).toBe("compliant");
    expect(yearFigures(DEFAULT_POLICY, lines)).toMatchObject({ practical: 3, state: "behind" });
  });

  it("judges pre-service by the appointment year's rules, in every year the window reaches", () => {
    const lines = [
      { day: "2026-11-30", hours: 2 },
      { day: "2026-12-01", hours: 3 },
      { day: "2026-12-31", hours: 1.5 },
      { day: "2027-01-01", hours: 9 },
    ];
    expect(preServiceOf(strict, "2026-12-01", lines, "2026-12-15")).toEqual({
      due: "2026-12-31",
      hours: 4.5,
      required: 6,
      done: false,
      state: "pending",
    });
    expect(preServiceOf(strict, "2026-12-01", lines, "2027-01-01").state).toBe("overdue");
    const next = { ...strict, preserviceDays: 365 };
    const year = (y: number) =>
      mediatorYear({
        year: y,
        policy: next,
        lines: [],
        appointedOn: "2026-12-01",
        appointmentPolicy: strict,
        windowLines: lines,
        today: "2027-01-05",
      });
    expect(year(2026)).toMatchObject({ newcomer: true, preService: { due: "2026-12-31", hours: 4.5, state: "overdue" } });
    expect(year(2027)).toMatchObject({ newcomer: false, preService: null });
    expect(
      mediatorYear({
        year: 2027,
        policy: strict,
        lines: [],
        appointedOn: "2026-12-01",
        appointmentPolicy: next,
        windowLines: lines,
        today: "2027-01-05",
      }),
    ).toMatchObject({ newcomer: false, preService: { due: "2027-12-01", hours: 13.5, state: "done" } });
  });
});

const YEARS = [2025, 2026, 2027] as const;
const FIXTURES = 200;
const LOG_FORMS: TrainingForm[] = ["observation", "court_hearing", "mentoring", "drill"];
const COURSE_FORMS: TrainingForm[] = ["online_course"];
const EXERCISE_FORMS: TrainingForm[] = ["drill", "case_review"];

describe("我的培训 and the compliance rollups on random fixtures", () => {
  it(`agree for every mediator and year, over ${FIXTURES} random fixtures`, async () => {
    const random = seeded(20261202);
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const chance = (p: number) => random() < p;
    const dayIn = (year: number) => addDays(`${year}-01-01`, int(0, 364));
    const sequelize = getSequelize();
    const admin = await User.create({
      username: "rules_admin",
      displayName: "规则管理员",
      passwordHash: "x",
      passwordChangedAt: null,
      phone: null,
    });
    let serial = 0;
    const mismatches: string[] = [];
    let compared = 0;
    let withPreService = 0;
    let crossYearPreService = 0;
    let policiesSet = 0;

    for (let f = 0; f < FIXTURES; f++) {
      // A small tree: a city, a county, one or two townships, one or two committees under each,
      // sometimes an industry committee right under the county.
      const city = await createOrgUnit({ parentId: null, kind: "city", name: `第${f}市` });
      const county = await createOrgUnit({ parentId: city.id, kind: "county", name: `第${f}县` });
      const nodes = [city, county];
      const committees = [];
      for (let t = 0; t < int(1, 2); t++) {
        const township = await createOrgUnit({ parentId: county.id, kind: "township", name: `第${f}县${t}镇` });
        nodes.push(township);
        for (let c = 0; c < int(1, 2); c++)
          committees.push(
            await createOrgUnit({
              parentId: township.id,
              kind: "committee",
              committeeKind: "village_resident",
              name: `第${f}县${t}镇${c}村人民调解委员会`,
            }),
          );
      }
      if (chance(0.3))
        committees.push(
          await createOrgUnit({
            parentId: county.id,
            kind: "committee",
            committeeKind: "industry",
            name: `第${f}县医疗纠纷人民调解委员会`,
          }),
        );
      nodes.push(...committees);
      const actor = { id: admin.id, scopes: [scopeFromPath(city.id, city.path)] };

      const people: { userId: number; mediatorId: number }[] = [];
      for (let m = 0; m < int(2, 4); m++) {
        const user = await User.create({
          username: `rules_${serial++}`,
          displayName: `李某${m}`,
          passwordHash: "x",
          passwordChangedAt: null,
          phone: null,
        });
        const appointedOn = chance(0.8) ? addDays("2024-11-01", int(0, 1155)) : null;
        const mediator = await addMediator({
          orgUnitId: pick(committees).id,
          name: `李某${m}`,
          gender: pick(["male", "female"] as const),
          employment: pick(["full_time", "part_time"] as const),
          userId: user.id,
          appointedOn,
        });
        people.push({ userId: user.id, mediatorId: mediator.id });
      }

      // Policies, ledger lines, removals, moves and new appointment dates, in random order.
      const written: { source: "course" | "event" | "log" | "exercise"; sourceId: string }[] = [];
      for (let op = 0; op < int(6, 16); op++) {
        const roll = random();
        if (roll < 0.5) {
          const person = pick(people);
          const mediator = (await Mediator.findByPk(person.mediatorId))!;
          // Half the lines fall around the appointment, to fill (or nearly fill) the pre-service window.
          const day = mediator.appointedOn && chance(0.5) ? addDays(mediator.appointedOn, int(-10, 200)) : dayIn(pick(YEARS));
          const source = pick(["course", "event", "log", "exercise"] as const);
          const form = pick(
            source === "event" ? PRACTICAL_EVENT_FORMS : source === "log" ? LOG_FORMS : source === "course" ? COURSE_FORMS : EXERCISE_FORMS,
          );
          const sourceId = `rules-${serial++}`;
          await inTransaction((t) =>
            recordTraining(
              {
                source,
                sourceId,
                userId: person.userId,
                occurredOn: day,
                hours: Math.round((int(1, 16) / 2 + (chance(0.3) ? 0.1 * int(1, 4) : 0)) * 10) / 10,
                form,
                kind: null,
                title: "随机培训记录",
              },
              t,
            ),
          );
          written.push({ source, sourceId });
        } else if (roll < 0.58 && written.length) {
          const victim = written.splice(Math.floor(random() * written.length), 1)[0];
          await inTransaction((t) => removeTraining(victim.source, victim.sourceId, t));
        } else if (roll < 0.8) {
          const input: PolicyInput = {
            minPractical: int(0, 3),
            minHours: int(0, 12) * 2,
            preserviceHours: int(0, 16),
            preserviceDays: pick([30, 60, 90, 180, 365]),
            eventForms: PRACTICAL_EVENT_FORMS.filter(() => chance(0.3)),
            logs: chance(0.6),
            exercises: chance(0.5),
          };
          expect(await setPolicy(actor, pick(nodes).id, pick(YEARS), input)).toEqual({ ok: true, recompute: "inline" });
          policiesSet++;
        } else if (roll < 0.88) {
          expect(await clearPolicy(actor, pick(nodes).id, pick(YEARS))).toEqual({ ok: true, recompute: "inline" });
        } else if (roll < 0.94) {
          const mediator = (await Mediator.findByPk(pick(people).mediatorId))!;
          await changeMediator(mediator, { orgUnitId: pick(committees).id });
        } else {
          const mediator = (await Mediator.findByPk(pick(people).mediatorId))!;
          await changeMediator(mediator, { appointedOn: chance(0.85) ? addDays("2024-11-01", int(0, 1155)) : null });
        }
      }

      // Every mediator's every year, as 我的培训 shows it and as the compliance side holds it.
      const cityNode = { id: city.id, name: city.name, path: city.path, kind: city.kind };
      const today = dayIn(pick([2025, 2026, 2027, 2028]));
      const lists = new Map<number, Map<number, MediatorLine>>();
      // 2024 too: a window opened then reaches into 2025.
      for (const year of [2024, ...YEARS])
        lists.set(year, new Map((await mediatorRows(cityNode, year, { state: "all" }, 1000, 0, today)).map((l) => [l.id, l])));
      for (const person of people) {
        const mediator = (await Mediator.findByPk(person.mediatorId))!;
        const appointed = mediator.appointedOn ? Number(mediator.appointedOn.slice(0, 4)) : null;
        const stored = (await sequelize.query("SELECT * FROM mediator_years WHERE mediator_id = ?", {
          replacements: [mediator.id],
          type: QueryTypes.SELECT,
        })) as Record<string, unknown>[];
        for (const year of YEARS) {
          // The route's own calls, with the year and "today" fixed.
          const policy = await effectivePolicy(mediator.orgPath, year);
          const [summary, standing] = await Promise.all([
            yearSummary(person.userId, year, policy),
            mediatorStanding(mediator, year, today, policy),
          ]);
          const row = stored.find((r) => Number(r.year) === year);
          const records = Number(row?.records ?? 0);
          const line = lists.get(year)!.get(mediator.id);
          const appointmentLine = appointed ? lists.get(appointed)?.get(mediator.id) : undefined;

          const mine = {
            records: standing.records,
            practical: standing.practical,
            hours: standing.hours,
            state: standing.state,
            meters: { practical: summary.practical, hours: summary.hours, targets: summary.targets },
            newcomer: year === appointed,
            preserviceHours: year === appointed ? standing.preService?.hours : 0,
            preserviceDone: year === appointed ? standing.preService?.state === "done" : false,
          };
          const theirs = {
            records,
            practical: Number(row?.practical ?? 0),
            hours: Number(row?.hours ?? 0),
            state: records === 0 ? "none" : Number(row!.compliant) ? "compliant" : "behind",
            meters: {
              practical: Number(row?.practical ?? 0),
              hours: Number(row?.hours ?? 0),
              targets: line ? { practical: line.minPractical, hours: line.minHours } : standing.targets,
            },
            newcomer: Boolean(Number(row?.newcomer ?? year === appointed)),
            preserviceHours: Number(row?.preservice_hours ?? 0),
            preserviceDone: Boolean(Number(row?.preservice_done ?? 0)),
          };
          const at = `fixture ${f}, mediator ${mediator.id} (appointed ${mediator.appointedOn}, ${mediator.orgPath}), ${year}, today ${today}`;
          if (JSON.stringify(mine) !== JSON.stringify(theirs))
            mismatches.push(`${at}: 我的培训 ${JSON.stringify(mine)} / rollup ${JSON.stringify(theirs)}`);
          // The compliance list (active mediators appointed by the year's end) shows the same figures.
          if (line) {
            const listed = { records: line.records, practical: line.practical, hours: line.hours, state: line.state };
            const shown = { records: standing.records, practical: standing.practical, hours: standing.hours, state: standing.state };
            if (JSON.stringify(listed) !== JSON.stringify(shown))
              mismatches.push(`${at}: 我的培训 ${JSON.stringify(shown)} / list ${JSON.stringify(listed)}`);
            if (Boolean(line.preService) !== (year === appointed))
              mismatches.push(`${at}: list pre-service ${JSON.stringify(line.preService)}`);
          }
          // Pre-service: in the appointment year always, in the next one while the window lasts;
          // the same due date, hours and state as the list of the appointment year.
          if (appointed && year === appointed && !standing.preService) mismatches.push(`${at}: no pre-service in the appointment year`);
          if (!appointed || year < appointed || year > appointed + 1) {
            if (standing.preService) mismatches.push(`${at}: pre-service outside its window ${JSON.stringify(standing.preService)}`);
          } else if (standing.preService) {
            withPreService++;
            if (year !== appointed) crossYearPreService++;
            if (appointmentLine && JSON.stringify(standing.preService) !== JSON.stringify(appointmentLine.preService))
              mismatches.push(
                `${at}: 我的培训 pre-service ${JSON.stringify(standing.preService)} / list ${JSON.stringify(appointmentLine.preService)}`,
              );
          }
          compared++;
        }
      }
      if (mismatches.length) break;
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(await compareRollups()).toEqual([]);
    // The fixtures really exercised the rules.
    expect(compared).toBeGreaterThan(FIXTURES * 6);
    expect(policiesSet).toBeGreaterThan(FIXTURES);
    expect(withPreService).toBeGreaterThan(FIXTURES / 2);
    expect(crossYearPreService).toBeGreaterThan(5);
  }, 900_000);
});
