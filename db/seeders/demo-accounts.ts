import { Op, type Transaction } from "sequelize";
import { hashPassword } from "../../app/.server/auth/password";
import { CourseAssignment, CourseEnrolment, LessonProgress, Mediator, OrgUnit, RoleGrant, User } from "../../app/.server/db/models";
import type { Role } from "../../app/lib/roles";

export const DEFAULT_DEMO_PASSWORD = "mediate-2026";
export const demoPassword = () => process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;

/** One account per persona, bound to the demo tree by node name. */
export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role; org: string; persona: string }[] = [
  { username: "demo_admin", displayName: "系统管理员", role: "sysadmin", org: "江源省", persona: "系统管理员 sysadmin" },
  { username: "demo_city", displayName: "云溪市司法局 周敏", role: "bureau_admin", org: "云溪市", persona: "市司法局 city bureau admin" },
  { username: "demo_county", displayName: "青山县司法局 陈立新", role: "bureau_admin", org: "青山县", persona: "县司法局 county admin (county 1)" },
  { username: "demo_county2", displayName: "临河区司法局 吴海燕", role: "bureau_admin", org: "临河区", persona: "区司法局 admin of county 2" },
  { username: "demo_township", displayName: "城关镇司法所 孙建华", role: "bureau_admin", org: "城关镇", persona: "司法所 township admin" },
  { username: "demo_trainer", displayName: "培训师 郑律师", role: "trainer", org: "青山县", persona: "培训师 trainer" },
  { username: "demo_reviewer", displayName: "评审员 冯秀英", role: "reviewer", org: "青山县", persona: "评审员 reviewer" },
  { username: "demo_mediator", displayName: "", role: "mediator", org: "东门社区人民调解委员会", persona: "调解员 mediator (城关镇)" },
];

/** Creates the demo accounts; demo_mediator is linked to a mediator on the 东门社区 committee. */
export async function seedDemoAccounts(transaction: Transaction) {
  const passwordHash = await hashPassword(demoPassword());
  for (const account of DEMO_ACCOUNTS) {
    const org = await OrgUnit.findOne({ where: { name: account.org }, transaction });
    if (!org) throw new Error(`demo org unit ${account.org} missing`);
    let displayName = account.displayName;
    let mediator: Mediator | null = null;
    if (account.role === "mediator") {
      mediator = await Mediator.findOne({
        where: { orgUnitId: org.id, status: "active", userId: { [Op.is]: null } },
        order: [["id", "ASC"]],
        transaction,
      });
      if (!mediator) throw new Error("no demo mediator to link");
      displayName = mediator.name;
    }
    const user = await User.create(
      { username: account.username, displayName, phone: mediator?.phone ?? null, passwordHash, passwordChangedAt: new Date() },
      { transaction },
    );
    await RoleGrant.create({ userId: user.id, role: account.role, orgUnitId: org.id }, { transaction });
    if (mediator) await mediator.update({ userId: user.id }, { transaction });
  }
}

/**
 * Course activity so the demo has something to show: 青山县 assigned the pre-service course for
 * this year, and demo_mediator has started 婚姻家庭纠纷调解 (two lessons read). Lesson slugs are
 * the content's; a renamed lesson only leaves a stale progress row, never an error.
 */
export async function seedDemoCourses(transaction: Transaction, year: number) {
  const county = await OrgUnit.findOne({ where: { name: "青山县" }, transaction });
  const admin = await User.findOne({ where: { username: "demo_county" }, transaction });
  const mediator = await User.findOne({ where: { username: "demo_mediator" }, transaction });
  if (!county || !admin || !mediator) return;
  await CourseAssignment.create({ orgUnitId: county.id, courseSlug: "mediation-basics", year, dueOn: `${year}-12-31`, createdBy: admin.id }, { transaction });
  const enrolment = await CourseEnrolment.create({ userId: mediator.id, courseSlug: "marriage-family", enrolledAt: new Date() }, { transaction });
  for (const lessonSlug of ["marital-conflict", "divorce-property"]) {
    await LessonProgress.create({ enrolmentId: enrolment.id, lessonSlug, readAt: new Date() }, { transaction });
  }
}

/** The demo accounts present in the database, for the start-up banner. */
export async function existingDemoAccounts() {
  const users = await User.findAll({ where: { username: DEMO_ACCOUNTS.map((a) => a.username) }, attributes: ["username"] });
  const present = new Set(users.map((u) => u.username));
  return DEMO_ACCOUNTS.filter((a) => present.has(a.username));
}
