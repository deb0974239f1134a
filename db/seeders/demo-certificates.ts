import { Op, type Transaction } from "sequelize";
import { issueCertificate, revokeCertificate, type Actor } from "../../app/.server/certificates/certificates";
import { Mediator, OrgUnit, RoleGrant, User } from "../../app/.server/db/models";
import { scopeFromPath } from "../../app/.server/org";

/**
 * Grade certificates so that the verify page and 我的档案 have something to show, issued through
 * the domain functions (audited like real ones) by the demo bureau accounts, on the national
 * scheme's names. Dates are fixed, so statuses follow the calendar. demo_mediator holds no level
 * (their figures meet 四级: they apply in a round, whose award issues their first certificate).
 * In 青山县 one mediator was promoted 四级 → 三级 (the 四级 superseded), one climbed 四级 →
 * 三级 → 二级 (the 二级 from 云溪市, which rates 一级/二级), one 四级 ran out, one 四级 was revoked,
 * one 三级 was downgraded to 四级 on re-evaluation; three 临河区 mediators hold a 四级.
 */
const LEVELS = {
  level2: "二级人民调解员",
  level3: "三级人民调解员",
  level4: "四级人民调解员",
} as const;
type Level = keyof typeof LEVELS;

async function actorOf(username: string, transaction: Transaction): Promise<Actor & { orgUnitId: number }> {
  const user = await User.findOne({ where: { username }, transaction });
  const grant = user && (await RoleGrant.findOne({ where: { userId: user.id }, transaction }));
  const org = grant && (await OrgUnit.findByPk(grant.orgUnitId, { transaction }));
  if (!user || !org) throw new Error(`demo account ${username} missing`);
  return { id: user.id, scopes: [scopeFromPath(org.id, org.path)], ip: null, orgUnitId: org.id };
}

/** Active mediators under a node, oldest roster entries first, without the ones already used. */
async function mediatorsUnder(orgName: string, count: number, used: Set<number>, transaction: Transaction) {
  const org = await OrgUnit.findOne({ where: { name: orgName }, transaction });
  if (!org) throw new Error(`demo org unit ${orgName} missing`);
  const rows = await Mediator.findAll({
    where: { orgPath: { [Op.startsWith]: org.path }, status: "active", id: { [Op.notIn]: [...used, 0] } },
    order: [["id", "ASC"]],
    limit: count,
    transaction,
  });
  for (const m of rows) used.add(m.id);
  return rows;
}

export async function seedDemoCertificates(transaction: Transaction) {
  const county = await actorOf("demo_county", transaction);
  const county2 = await actorOf("demo_county2", transaction);
  const city = await actorOf("demo_city", transaction);
  const demoUser = await User.findOne({ where: { username: "demo_mediator" }, transaction });
  const demo = demoUser && (await Mediator.findOne({ where: { userId: demoUser.id }, transaction }));
  if (!demo) throw new Error("demo mediator missing");
  const used = new Set<number>([demo.id]);
  const issue = (
    by: Actor & { orgUnitId: number },
    mediator: Mediator,
    level: Level,
    issuedOn: string,
    validUntil: string,
    previous?: "downgraded",
  ) =>
    issueCertificate(
      by,
      { mediatorId: mediator.id, level, levelName: LEVELS[level], issuerOrgUnitId: by.orgUnitId, issuedOn, validUntil },
      transaction,
      { previous },
    );

  const [promoted, climber, lapsed, revoked, downgraded] = await mediatorsUnder("青山县", 5, used, transaction);
  await issue(county, promoted, "level4", "2023-05-10", "2025-05-09");
  await issue(county, promoted, "level3", "2025-06-18", "2027-06-17");

  await issue(county, climber, "level4", "2019-09-16", "2021-09-15");
  await issue(county, climber, "level3", "2021-10-08", "2023-10-07");
  await issue(city, climber, "level2", "2025-09-01", "2027-08-31");

  await issue(county, lapsed, "level4", "2024-04-12", "2026-04-11");

  const toRevoke = await issue(county, revoked, "level4", "2025-03-20", "2027-03-19");
  await revokeCertificate(
    county,
    toRevoke.id,
    { category: "misconduct", reason: "调解一起相邻关系纠纷时收受一方当事人所送礼品，经司法所调查属实，已被所在调解委员会解聘。" },
    "2026-08-14",
    transaction,
  );

  // Re-evaluated in 2025 below the 三级 standard: the 四级 certificate replaces it as a downgrade.
  await issue(county, downgraded, "level3", "2024-06-03", "2026-06-02");
  await issue(county, downgraded, "level4", "2025-11-20", "2027-11-19", "downgraded");

  for (const mediator of await mediatorsUnder("临河区", 3, used, transaction)) {
    await issue(county2, mediator, "level4", "2025-10-15", "2027-10-14");
  }

  // The roster's level field shows the level held today.
  for (const [mediator, level] of [
    [promoted, "level3"],
    [climber, "level2"],
    [downgraded, "level4"],
  ] as const) {
    await mediator.update({ gradeLevel: level }, { transaction });
  }
}
