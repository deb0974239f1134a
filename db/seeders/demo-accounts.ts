import { Op, type Transaction } from "sequelize";
import { hashPassword } from "../../app/.server/auth/password";
import {
  CourseAssignment,
  CourseEnrolment,
  EventRegistration,
  LessonProgress,
  Mediator,
  OrgUnit,
  RoleGrant,
  TrainingEvent,
  TrainingLog,
  User,
} from "../../app/.server/db/models";
import { recordTraining } from "../../app/.server/training/ledger";
import type { Role } from "../../app/lib/roles";

export const DEFAULT_DEMO_PASSWORD = "mediate-2026";
export const demoPassword = () => process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;

/** One account per persona, bound to the demo tree by node name. */
/** role null: an account without grants (demo_expert, an outside expert linked to the expert pool by db/seeders/demo-experts.ts). */
export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role | null; org: string; persona: string }[] = [
  { username: "demo_admin", displayName: "系统管理员", role: "sysadmin", org: "江源省", persona: "系统管理员 sysadmin" },
  { username: "demo_city", displayName: "云溪市司法局 周敏", role: "bureau_admin", org: "云溪市", persona: "市司法局 city bureau admin" },
  {
    username: "demo_county",
    displayName: "青山县司法局 陈立新",
    role: "bureau_admin",
    org: "青山县",
    persona: "县司法局 county admin (county 1)",
  },
  {
    username: "demo_county2",
    displayName: "临河区司法局 吴海燕",
    role: "bureau_admin",
    org: "临河区",
    persona: "区司法局 admin of county 2",
  },
  { username: "demo_township", displayName: "城关镇司法所 孙建华", role: "bureau_admin", org: "城关镇", persona: "司法所 township admin" },
  { username: "demo_trainer", displayName: "培训师 郑律师", role: "trainer", org: "青山县", persona: "培训师 trainer" },
  { username: "demo_reviewer", displayName: "评审员 冯秀英", role: "reviewer", org: "青山县", persona: "评审员 reviewer" },
  { username: "demo_mediator", displayName: "", role: "mediator", org: "东门社区人民调解委员会", persona: "调解员 mediator (城关镇)" },
  { username: "demo_expert", displayName: "林文远", role: null, org: "云溪市", persona: "专家库专家 pool expert (云溪市, 法律)" },
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
    if (account.role) await RoleGrant.create({ userId: user.id, role: account.role, orgUnitId: org.id }, { transaction });
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
  await CourseAssignment.create(
    { orgUnitId: county.id, courseSlug: "mediation-basics", year, dueOn: `${year}-12-31`, createdBy: admin.id },
    { transaction },
  );
  const enrolment = await CourseEnrolment.create(
    { userId: mediator.id, courseSlug: "marriage-family", enrolledAt: new Date() },
    { transaction },
  );
  for (const lessonSlug of ["marital-conflict", "divorce-property"]) {
    await LessonProgress.create({ enrolmentId: enrolment.id, lessonSlug, readAt: new Date() }, { transaction });
  }
  await seedDemoLogs(transaction, mediator.id);
  await seedDemoEvents(transaction, year, county.id, admin.id, mediator.id);
}

/** A past event demo_mediator attended (in the ledger), and two upcoming ones to register for. */
async function seedDemoEvents(transaction: Transaction, year: number, countyId: number, adminId: number, mediatorUserId: number) {
  const at = (days: number, hour: number) =>
    new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + days * 86_400_000 + (hour - 8) * 3600_000);
  const base = { orgUnitId: countyId, audienceOrgUnitId: countyId, createdBy: adminId, description: null };
  const past = await TrainingEvent.create(
    {
      ...base,
      title: `${year}年度人民调解员集中轮训（第一期）`,
      form: "lecture",
      kind: "annual",
      startsAt: at(-40, 9),
      endsAt: at(-40, 17),
      hours: 6,
      place: "青山县司法局三楼会议室",
      capacity: 80,
      description: "《民法典》婚姻家庭编与相邻关系专题讲座，案例研讨。",
    },
    { transaction },
  );
  await TrainingEvent.create(
    {
      ...base,
      title: "旁听庭审：民间借贷纠纷",
      form: "court_hearing",
      kind: "specialised",
      startsAt: at(7, 9),
      endsAt: at(7, 12),
      hours: 3,
      place: "青山县人民法院第二法庭",
      capacity: 15,
    },
    { transaction },
  );
  await TrainingEvent.create(
    {
      ...base,
      title: "模拟调解实训：物业服务合同纠纷",
      form: "drill",
      kind: "annual",
      startsAt: at(14, 14),
      endsAt: at(14, 17),
      hours: 3,
      place: "城关镇司法所调解室",
      capacity: 20,
    },
    { transaction },
  );
  const registration = await EventRegistration.create(
    { eventId: past.id, userId: mediatorUserId, status: "confirmed", registeredAt: at(-45, 10), attendedAt: at(-40, 9) },
    { transaction },
  );
  await recordTraining(
    {
      source: "event",
      sourceId: registration.id,
      userId: mediatorUserId,
      occurredOn: past.startsAt.toISOString().slice(0, 10),
      hours: 6,
      form: "lecture",
      kind: "annual",
      title: past.title,
    },
    transaction,
  );
}

/** demo_mediator's practical-training logs, one in every state; the verified one is in the ledger. */
async function seedDemoLogs(transaction: Transaction, userId: number) {
  const mediator = await Mediator.findOne({ where: { userId }, transaction });
  const trainer = await User.findOne({ where: { username: "demo_trainer" }, transaction });
  if (!mediator || !trainer) return;
  const base = { mediatorId: mediator.id, authorUserId: userId, orgPath: mediator.orgPath };
  // Dates relative to today, so a demo started any day of the year shows a recent history.
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  const logs = [
    {
      type: "court_hearing",
      occurredOn: daysAgo(150),
      hours: 3,
      place: "青山县人民法院第二法庭",
      supervisorUserId: trainer.id,
      supervisorName: null,
      status: "verified",
      reflection:
        "旁听了一起民间借贷纠纷案件的庭审。法官先归纳争议焦点，再让双方围绕借条和转账记录举证质证，最后当庭组织调解。体会到调解借款纠纷时，要先帮双方把书面凭证逐笔核对清楚，争议就小了一半。",
    },
    {
      type: "observation",
      occurredOn: daysAgo(20),
      hours: 2,
      place: "城关镇人民调解委员会调解室",
      supervisorUserId: trainer.id,
      supervisorName: null,
      status: "submitted",
      reflection:
        "观摩了一起宅基地边界纠纷的现场调解。调解员先请两户到现场共同指认界址，再对照不动产登记资料逐段核对，最后请村干部见证签字。学到了“先现场、后资料、再见证”的工作顺序。",
    },
    {
      type: "mentoring",
      occurredOn: daysAgo(60),
      hours: 4,
      place: "东门社区人民调解委员会",
      supervisorUserId: null,
      supervisorName: "周秀英（社区老调解员）",
      status: "rejected",
      rejectionReason: "未写明跟班调解的具体案件，请补充后重新提交。",
      reflection: "跟随周秀英老师调解了两起邻里纠纷，观察她如何在双方情绪激动时先分开谈话、让各自把话说完，再寻找双方都能接受的方案。",
    },
    {
      type: "case_review",
      occurredOn: daysAgo(5),
      hours: 1.5,
      place: "城关镇司法所会议室",
      supervisorUserId: trainer.id,
      supervisorName: null,
      status: "draft",
      reflection:
        "参加司法所组织的案例评析会，讨论了一起因赡养费引发的家庭纠纷调解卷宗，重点分析了协议条款是否明确、能否申请司法确认。（草稿，待补充）",
    },
  ] as const;
  for (const log of logs) {
    const created = await TrainingLog.create(
      {
        ...base,
        ...log,
        submittedAt: log.status === "draft" ? null : new Date(),
        decidedBy: ["verified", "rejected"].includes(log.status) ? trainer.id : null,
        decidedAt: ["verified", "rejected"].includes(log.status) ? new Date() : null,
      },
      { transaction },
    );
    if (log.status === "verified") {
      await recordTraining(
        {
          source: "log",
          sourceId: created.id,
          userId,
          occurredOn: log.occurredOn,
          hours: log.hours,
          form: log.type,
          kind: null,
          title: `旁听庭审 · ${log.place}`,
        },
        transaction,
      );
    }
  }
}

/** The demo accounts present in the database, for the start-up banner. */
export async function existingDemoAccounts() {
  const users = await User.findAll({ where: { username: DEMO_ACCOUNTS.map((a) => a.username) }, attributes: ["username"] });
  const present = new Set(users.map((u) => u.username));
  return DEMO_ACCOUNTS.filter((a) => present.has(a.username));
}
