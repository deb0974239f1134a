import { Op } from "sequelize";
import { hashPassword } from "../../app/.server/auth/password";
import { inTransaction } from "../../app/.server/db/connection";
import { EventRegistration, Mediator, OrgUnit, RoleGrant, TrainingEvent, TrainingLog, User } from "../../app/.server/db/models";
import { recordTraining } from "../../app/.server/training/ledger";
import { currentYearInChina, todayInChina } from "../../app/lib/dates";
import type { TrainingForm } from "../../app/lib/training";
import { demoPassword } from "./demo-accounts";
import { createRandom } from "./names";

/**
 * A training history for the demo tree, so the compliance pages show a real spread: the active
 * mediators get accounts (the demo password; not printed at start-up), each county holds its
 * usual trainings last year and, up to today, this year, with attendance written to the ledger,
 * and some mediators have a verified practical-training log. Committees differ in how keenly
 * they attend, so townships and committees come out differently. Run by `npm start` / `db:seed`
 * after the demo seed, not by the integration tests (they build their own fixtures).
 */

type Plan = {
  month: number;
  day: number;
  title: string;
  form: TrainingForm;
  kind: "annual" | "specialised";
  hours: number;
  share: number;
  place: string;
};

const PLAN: Plan[] = [
  {
    month: 3,
    day: 14,
    title: "人民调解员集中轮训（两天）",
    form: "lecture",
    kind: "annual",
    hours: 12,
    share: 0.72,
    place: "县司法局三楼会议室",
  },
  {
    month: 4,
    day: 22,
    title: "线上专题讲座：《民法典》相邻关系",
    form: "live_online",
    kind: "annual",
    hours: 4,
    share: 0.6,
    place: "线上直播",
  },
  {
    month: 5,
    day: 20,
    title: "婚姻家庭纠纷案例评析会",
    form: "case_review",
    kind: "specialised",
    hours: 3,
    share: 0.55,
    place: "县人民调解中心",
  },
  { month: 7, day: 9, title: "模拟调解实训：宅基地界址纠纷", form: "drill", kind: "annual", hours: 4, share: 0.5, place: "镇司法所调解室" },
  {
    month: 9,
    day: 17,
    title: "旁听庭审：劳务报酬纠纷",
    form: "court_hearing",
    kind: "specialised",
    hours: 3,
    share: 0.3,
    place: "县人民法院第一法庭",
  },
  {
    month: 10,
    day: 28,
    title: "调解大讲堂：群体性纠纷的预防与化解",
    form: "forum",
    kind: "annual",
    hours: 4,
    share: 0.6,
    place: "县人民调解中心",
  },
];

export async function seedDemoTraining(year = currentYearInChina(), today = todayInChina()) {
  const random = createRandom(1123 + year);
  const passwordHash = await hashPassword(demoPassword());
  await inTransaction(async (transaction) => {
    const counties = await OrgUnit.findAll({ where: { kind: "county" }, order: [["id", "ASC"]], transaction });
    const author = await User.findOne({ where: { username: "demo_county" }, transaction });
    const people = await Mediator.findAll({ where: { status: "active", userId: { [Op.is]: null } }, order: [["id", "ASC"]], transaction });
    const users = await User.bulkCreate(
      people.map((m) => ({
        username: `jy${String(m.id).padStart(5, "0")}`,
        displayName: m.name,
        phone: null,
        passwordHash,
        passwordChangedAt: new Date(),
      })),
      { transaction },
    );
    await RoleGrant.bulkCreate(
      people.map((m, i) => ({ userId: users[i].id, role: "mediator" as const, orgUnitId: m.orgUnitId })),
      { transaction },
    );
    for (const [i, m] of people.entries()) await Mediator.update({ userId: users[i].id }, { where: { id: m.id }, transaction });
    const userOf = new Map(people.map((m, i) => [m.id, users[i].id]));
    // How keenly each committee turns out: 0.4–1.25 times the plan's share.
    const keenness = new Map<number, number>();
    const keen = (committee: number) => keenness.get(committee) ?? keenness.set(committee, 0.4 + random.next() * 0.85).get(committee)!;

    for (const county of counties) {
      const members = people.filter((m) => m.orgPath.startsWith(county.path));
      for (const y of [year - 1, year]) {
        for (const plan of PLAN) {
          const day = `${y}-${String(plan.month).padStart(2, "0")}-${String(plan.day).padStart(2, "0")}`;
          if (day >= today) continue;
          const startsAt = new Date(`${day}T09:00:00+08:00`);
          const event = await TrainingEvent.create(
            {
              orgUnitId: county.id,
              audienceOrgUnitId: county.id,
              title: `${county.name}${plan.title}`,
              form: plan.form,
              kind: plan.kind,
              startsAt,
              endsAt: new Date(startsAt.getTime() + (plan.hours > 6 ? 32 : 3.5) * 3600_000),
              hours: plan.hours,
              place: plan.place.startsWith("线上") ? plan.place : `${county.name}${plan.place}`,
              capacity: Math.max(members.length, 20),
              description: null,
              createdBy: author?.id ?? null,
            },
            { transaction },
          );
          const attending = members.filter((m) => random.next() < Math.min(0.98, plan.share * keen(m.orgUnitId)) && m.appointedOn! <= day);
          const registrations = await EventRegistration.bulkCreate(
            attending.map((m) => ({
              eventId: event.id,
              userId: userOf.get(m.id)!,
              status: "confirmed" as const,
              registeredAt: new Date(startsAt.getTime() - 7 * 86_400_000),
              attendedAt: startsAt,
            })),
            { transaction },
          );
          for (const r of registrations) {
            await recordTraining(
              {
                source: "event",
                sourceId: r.id,
                userId: r.userId,
                occurredOn: day,
                hours: plan.hours,
                form: plan.form as TrainingForm,
                kind: plan.kind,
                title: event.title,
              },
              transaction,
            );
          }
        }
      }
      // Practical training on their own: a verified observation at a neighbouring committee.
      for (const m of members) {
        if (random.next() > 0.18 * keen(m.orgUnitId)) continue;
        const day = `${year}-${String(1 + Math.floor(random.next() * Math.max(1, Number(today.slice(5, 7)) - 1))).padStart(
          2,
          "0",
        )}-${String(1 + Math.floor(random.next() * 27)).padStart(2, "0")}`;
        if (day >= today || (m.appointedOn && m.appointedOn > day)) continue;
        const log = await TrainingLog.create(
          {
            mediatorId: m.id,
            authorUserId: userOf.get(m.id)!,
            orgPath: m.orgPath,
            type: "observation",
            occurredOn: day,
            hours: 2,
            place: "邻村人民调解委员会调解室",
            supervisorUserId: null,
            supervisorName: "司法所所长",
            status: "verified",
            reflection: "观摩了一起土地承包经营权流转纠纷的现场调解，学习调解员如何先核对合同、再分别做双方工作。",
            submittedAt: new Date(`${day}T18:00:00+08:00`),
            decidedBy: author?.id ?? null,
            decidedAt: new Date(`${day}T18:00:00+08:00`),
          },
          { transaction },
        );
        await recordTraining(
          {
            source: "log",
            sourceId: log.id,
            userId: userOf.get(m.id)!,
            occurredOn: day,
            hours: 2,
            form: "observation",
            kind: null,
            title: "现场观摩 · 邻村人民调解委员会",
          },
          transaction,
        );
      }
    }
  });
}
