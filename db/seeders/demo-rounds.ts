import { Op } from "sequelize";
import {
  Certificate,
  Mediator,
  MediatorLevel,
  OrgUnit,
  RoleGrant,
  RoundApplication,
  RoundObjection,
  User,
} from "../../app/.server/db/models";
import { criteriaOfMany } from "../../app/.server/levels/check";
import { schemeAt } from "../../app/.server/levels/scheme";
import { scopeFromPath } from "../../app/.server/org";
import { savePayTable } from "../../app/.server/levels/pay";
import { levelCheck, saveApplication, startApplication, withdrawApplication } from "../../app/.server/rounds/applications";
import { finaliseRound } from "../../app/.server/rounds/finalise";
import { addReviewer, scoreApplication, sheetFor } from "../../app/.server/rounds/panel";
import { reviewApplication } from "../../app/.server/rounds/prereview";
import { advanceRound, createRound } from "../../app/.server/rounds/rounds";
import { addDays } from "../../app/lib/dates";
import { createRandom } from "./names";

/**
 * Grade evaluation rounds of the demo, run through the domain functions (audited like real ones):
 * - 云溪市's 2025 round, finished: every long-serving mediator of the city took part (except the
 *   certificate stories of demo-certificates.ts and demo_mediator), and the results form Beijing's
 *   2020–22 pyramid scaled to the city (0.3 % 一级, 2.1 % 二级, 4.0 % 三级, 61.2 % 四级, 32.4 %
 *   未定级); one objection was filed and answered during the announcement; finalising set the
 *   levels and issued the certificates;
 * - 青山县's round of this year, open: applications at every stage — a draft, two awaiting the
 *   committee's pre-review, one returned, one awaiting the 司法所, several with the panel (scored by
 *   demo_trainer, waiting for demo_reviewer), one withdrawn. demo_mediator has not applied: they
 *   apply in the walkthrough.
 * Also the province's allowance table. Runs after the seed's transaction (the domain functions
 * open their own).
 */
const PYRAMID = [
  ["level1", 90 / 29_446],
  ["level2", 625 / 29_446],
  ["level3", 1_186 / 29_446],
  ["level4", 18_010 / 29_446],
] as const;

/** A one-page PDF: the pledge an applicant signs and scans. */
const PLEDGE =
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

async function actorOf(username: string) {
  const user = (await User.findOne({ where: { username } }))!;
  const grants = await RoleGrant.findAll({ where: { userId: user.id }, include: [{ association: "orgUnit", attributes: ["id", "path"] }] });
  const org = grants[0].get("orgUnit") as OrgUnit;
  return {
    id: user.id,
    ip: null,
    org,
    scopes: [scopeFromPath(org.id, org.path)],
    grants: grants.map((g) => ({ role: g.role, orgUnitId: g.orgUnitId, orgPath: (g.get("orgUnit") as OrgUnit).path })),
  };
}

const must = <T extends { ok: boolean }>(result: T, what: string): T & { ok: true } => {
  if (!result.ok) throw new Error(`demo rounds: ${what}: ${JSON.stringify(result)}`);
  return result as T & { ok: true };
};

async function seedFinishedRound(thisYear: number) {
  const city = await actorOf("demo_city");
  const year = thisYear - 1;
  const round = must(
    await createRound(city, city.org.id, {
      title: `${year}年度云溪市人民调解员等级评定`,
      levels: ["level1", "level2", "level3", "level4"],
      periodFrom: `${year - 2}-01-01`,
      periodTo: `${year - 1}-12-31`,
      applicationsFrom: `${year}-09-01`,
      applicationsUntil: `${year}-09-30`,
      reviewsUntil: `${year}-11-15`,
      announcementDays: 7,
      validityYears: 2,
      combine: "trimmed",
    }),
    "finished round",
  ).round;
  const demoUser = await User.findOne({ where: { username: "demo_mediator" } });
  const certified = (await Certificate.findAll({ attributes: ["mediatorId"] })).map((c) => c.mediatorId);
  const people = await Mediator.findAll({
    where: {
      orgPath: { [Op.startsWith]: city.org.path },
      status: "active",
      appointedOn: { [Op.lte]: `${year - 3}-12-31` },
      id: { [Op.notIn]: [...certified, 0] },
      ...(demoUser ? { userId: { [Op.or]: [{ [Op.ne]: demoUser.id }, { [Op.is]: null }] } } : {}),
    },
    order: [["id", "ASC"]],
  });
  const held = new Map(
    (await MediatorLevel.findAll({ where: { mediatorId: people.map((p) => p.id), until: { [Op.is]: null } } })).map((l) => [
      l.mediatorId,
      l.level,
    ]),
  );
  // The highest levels go to those who already held one (nobody is downgraded in the demo round).
  const random = createRandom(19_2025);
  const rank = (id: number) => ({ level3: 2, level4: 1 })[held.get(id) as "level3"] ?? 0;
  const order = people.map((p) => ({ p, key: rank(p.id) + random.next() })).sort((a, b) => b.key - a.key);
  const counts = PYRAMID.map(([level, share]) => [level, Math.max(1, Math.round(share * people.length))] as const);
  const outcomes: { mediator: Mediator; level: string; awarded: string | null }[] = [];
  let at = 0;
  for (const [level, n] of counts)
    for (let i = 0; i < n && at < order.length; i++) outcomes.push({ mediator: order[at++].p, level, awarded: level });
  while (at < order.length) outcomes.push({ mediator: order[at++].p, level: "level4", awarded: null });

  const { scheme } = await schemeAt(round.orgPath);
  const period = { from: round.periodFrom, to: round.periodTo };
  const checks = new Map(
    (
      await criteriaOfMany(
        outcomes.map((o) => ({ mediatorId: o.mediator.id, level: o.level })),
        scheme,
        period,
      )
    ).map((c) => [c.mediatorId, c.check]),
  );
  const name = (key: string) => scheme.levels.find((l) => l.key === key)!.name;
  const rows = await RoundApplication.bulkCreate(
    outcomes.map((o, i) => {
      const before = held.get(o.mediator.id) ?? null;
      const outcome = o.awarded ? "awarded" : "notAwarded";
      return {
        roundId: round.id,
        mediatorId: o.mediator.id,
        userId: o.mediator.userId ?? null,
        committeeId: o.mediator.orgUnitId,
        orgPath: o.mediator.orgPath,
        level: o.level,
        levelBefore: before,
        stage: "decided" as const,
        figures: checks.get(o.mediator.id)
          ? {
              level: o.level,
              criteria: checks.get(o.mediator.id)!.criteria,
              meetsAutomatic: checks.get(o.mediator.id)!.meetsAutomatic,
              at: `${year}-09-20T02:00:00.000Z`,
            }
          : null,
        submittedAt: new Date(`${year}-09-${String(10 + (i % 18)).padStart(2, "0")}T02:00:00Z`),
        score: o.awarded ? 78 + ((i * 7) % 18) : 52 + ((i * 5) % 20),
        outcome,
        awardedLevel: o.awarded,
        decisionReason: o.awarded
          ? `经评审委员会评审，符合${name(o.level)}条件。`
          : before
            ? `未达到${name(o.level)}条件，保持原等级。`
            : `调解纠纷件数或调解成功率未达到${name(o.level)}条件，暂不定级。`,
        decidedBy: city.id,
        decidedAt: new Date(`${year}-11-12T08:00:00Z`),
      };
    }),
  );
  must(await advanceRound(city, round.id, "reviewing", `${year}-10-08`), "close applications");
  must(await advanceRound(city, round.id, "announcing", `${year}-11-20`), "announce");
  const objected = rows.find((r) => r.awardedLevel === "level3") ?? rows[0];
  await RoundObjection.create({
    roundId: round.id,
    applicationId: objected.id,
    objector: "刘某",
    contact: "13907310528",
    text: "该调解员去年调解的邻里纠纷中有两件当事人并未达成协议，台账记为调解成功，请核实。",
    state: "answered",
    answer: "经司法所调取卷宗并回访当事人，两件纠纷均已达成书面协议并履行完毕，台账记录属实，维持评定结果。",
    answeredBy: city.id,
    answeredAt: new Date(`${year}-11-25T03:00:00Z`),
  });
  must(await finaliseRound(city, round.id, `${year}-11-28`), "finalise");
}

async function seedOpenRound(thisYear: number, today: string) {
  const county = await actorOf("demo_county");
  const township = await actorOf("demo_township");
  const reviewer = await actorOf("demo_reviewer");
  const trainer = await actorOf("demo_trainer");
  const round = must(
    await createRound(county, county.org.id, {
      title: `${thisYear}年度青山县人民调解员等级评定`,
      levels: ["level3", "level4"],
      periodFrom: `${thisYear - 2}-01-01`,
      periodTo: `${thisYear - 1}-12-31`,
      applicationsFrom: addDays(today, -20),
      applicationsUntil: addDays(today, 20),
      reviewsUntil: addDays(today, 50),
      announcementDays: 7,
      validityYears: 2,
      combine: "mean",
    }),
    "open round",
  ).round;
  for (const member of [reviewer, trainer]) must(await addReviewer(county, round.id, member.id), "panel");

  // Applicants under 城关镇 (demo_township's 司法所), not in this year's certificate stories, not demo_mediator.
  const demoUser = await User.findOne({ where: { username: "demo_mediator" } });
  // …the certificate stories are those issued outside a round; holders of 三级 or above sit this one out.
  const stories = (await Certificate.findAll({ attributes: ["mediatorId"], where: { roundId: { [Op.is]: null } } })).map(
    (c) => c.mediatorId,
  );
  const higher = (
    await MediatorLevel.findAll({ attributes: ["mediatorId"], where: { until: { [Op.is]: null }, level: { [Op.ne]: "level4" } } })
  ).map((l) => l.mediatorId);
  const people = await Mediator.findAll({
    where: {
      orgPath: { [Op.startsWith]: township.org.path },
      status: "active",
      id: { [Op.notIn]: [...stories, ...higher, 0] },
      ...(demoUser ? { userId: { [Op.or]: [{ [Op.ne]: demoUser.id }, { [Op.is]: null }] } } : {}),
    },
    order: [["id", "ASC"]],
    limit: 12,
  });
  const holders = new Set(
    (
      await MediatorLevel.findAll({ attributes: ["mediatorId"], where: { mediatorId: people.map((p) => p.id), until: { [Op.is]: null } } })
    ).map((l) => l.mediatorId),
  );
  // A 四级 holder applies for 三级; everyone else for 四级.
  const levelFor = (m: Mediator) => (holders.has(m.id) ? "level3" : "level4");
  const statement = "本人遵守调解纪律，无因调解不当引发刑事案件，无徇私舞弊行为。";
  const apply = async (mediator: Mediator, level: string, submit: boolean) => {
    const started = must(await startApplication({ id: county.id }, round.id, mediator.id, level, { today, nominatedBy: null }), "apply");
    const evidence = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`c${i}`, statement]));
    // The signed pledge (承诺书) as a scan, on the first criterion that takes evidence.
    const check = await levelCheck(round, mediator.id, level);
    const first = check?.criteria.findIndex((c) => c.source === "evidence") ?? -1;
    const files = first >= 0 ? { [first]: [{ name: "承诺书.pdf", bytes: new TextEncoder().encode(PLEDGE) }] } : {};
    must(
      await saveApplication(
        { id: county.id },
        started.application.id,
        { intent: submit ? "submit" : "save", level, evidence },
        files,
        today,
      ),
      "save",
    );
    return started.application.id;
  };
  const review = (id: number, move: "committeePass" | "committeeReturn" | "townshipPass", reason?: string) =>
    reviewApplication({ id: township.id, grants: township.grants }, id, move, reason).then((r) => must(r, move));
  const [draft, waiting1, waiting2, returned, atTownship, ...rest] = people;
  if (!rest.length) throw new Error("demo rounds: too few applicants under 城关镇");
  await apply(draft, levelFor(draft), false);
  await apply(waiting1, levelFor(waiting1), true);
  await apply(waiting2, levelFor(waiting2), true);
  await review(await apply(returned, levelFor(returned), true), "committeeReturn", "请补充近两年调解卷宗目录及回访记录。");
  await review(await apply(atTownship, levelFor(atTownship), true), "committeePass");
  const withdrawn = rest.pop()!;
  const withdrawnId = await apply(withdrawn, levelFor(withdrawn), true);
  await withdrawApplication({ id: county.id }, withdrawnId);
  for (const [i, mediator] of rest.entries()) {
    const id = await apply(mediator, levelFor(mediator), true);
    await review(id, "committeePass");
    await review(id, "townshipPass");
    // demo_trainer has scored the first half; all wait for demo_reviewer.
    if (i < Math.ceil(rest.length / 2)) {
      const sheet = await sheetFor(trainer.id, id);
      if (sheet) {
        const points = Object.fromEntries(sheet.items.map((item, k) => [item.key, 75 + ((i + k) % 4) * 5]));
        await scoreApplication({ id: trainer.id, scopes: trainer.scopes }, id, { points, comment: "材料齐全，调解案例有代表性。" });
      }
    }
  }
}

export async function seedDemoRounds(thisYear: number, today: string) {
  const province = await OrgUnit.findOne({ where: { parentId: null, kind: "province" } });
  if (!province) return;
  must(
    await savePayTable({ id: (await actorOf("demo_admin")).id }, province.id, {
      bands: [
        { level: "level1", from: 800, to: 1000 },
        { level: "level2", from: 600, to: 800 },
        { level: "level3", from: 400, to: 600 },
        { level: "level4", from: 200, to: 400 },
      ],
      note: "另按案件难易程度以案定补，具体以县（市、区）文件为准。",
    }),
    "pay table",
  );
  await seedFinishedRound(thisYear);
  await seedOpenRound(thisYear, today);
}
