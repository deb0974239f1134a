import type { Transaction } from "sequelize";
import type { DisputeCategory } from "../../app/lib/categories";
import type { CommitteeKind } from "../../app/lib/org";
import { inTransaction } from "../../app/.server/db/connection";
import { MediatorSpecialty, OrgUnit } from "../../app/.server/db/models";
import type { Employment, MediatorStatus } from "../../app/.server/db/models/Mediator";
import { createOrgUnit } from "../../app/.server/org";
import { EDUCATION_LEVELS, type Education } from "../../app/lib/mediator";
import { currentYearInChina, todayInChina } from "../../app/lib/dates";
import { seedDemoAccounts, seedDemoCourses } from "./demo-accounts";
import { seedDemoCases } from "./demo-cases";
import { seedDemoLevels } from "./demo-levels";
import { seedDemoCertificates } from "./demo-certificates";
import { seedDemoQuizzes } from "./demo-quizzes";
import { seedDemoRounds } from "./demo-rounds";
import { seedDemoExperts } from "./demo-experts";
import { seedDemoRooms } from "./demo-rooms";
import { seedDemoReviews } from "./demo-reviews";
import { seedDemoRubrics } from "./demo-rubrics";
import { createRandom, makeName, type Random } from "./names";
import { addMediator } from "../../app/.server/roster/entries";

/**
 * The demo dataset: 江源省 → 云溪市 → two counties (青山县, 临河区) → three townships each →
 * committees of every kind, and about 150 mediators. Fictional places, realistic shape.
 */
type CommitteeSeed = [name: string, kind: CommitteeKind, size: number];
type TownshipSeed = { name: string; committees: CommitteeSeed[] };
type CountySeed = { name: string; townships: TownshipSeed[]; countyCommittees: CommitteeSeed[] };

const COUNTIES: CountySeed[] = [
  {
    name: "青山县",
    townships: [
      {
        name: "城关镇",
        committees: [
          ["城关镇人民调解委员会", "township_street", 8],
          ["东门社区人民调解委员会", "village_resident", 6],
          ["桥头村人民调解委员会", "village_resident", 5],
          ["青山县人民法院城关法庭诉前调解室", "stationed", 4],
          ["城关镇信访调解室", "petition", 3],
        ],
      },
      {
        name: "石桥镇",
        committees: [
          ["石桥镇人民调解委员会", "township_street", 6],
          ["石桥村人民调解委员会", "village_resident", 6],
          ["枫树湾村人民调解委员会", "village_resident", 5],
          ["青山水泥有限公司人民调解委员会", "enterprise", 3],
        ],
      },
      {
        name: "柳溪乡",
        committees: [
          ["柳溪乡人民调解委员会", "township_street", 5],
          ["柳溪村人民调解委员会", "village_resident", 6],
          ["茶园村人民调解委员会", "village_resident", 5],
        ],
      },
    ],
    countyCommittees: [
      ["青山县医疗纠纷人民调解委员会", "industry", 6],
      ["青山县道路交通事故纠纷人民调解委员会", "industry", 5],
    ],
  },
  {
    name: "临河区",
    townships: [
      {
        name: "滨江街道",
        committees: [
          ["滨江街道人民调解委员会", "township_street", 8],
          ["滨江花园社区人民调解委员会", "village_resident", 6],
          ["望江社区人民调解委员会", "village_resident", 6],
          ["临河区人民法院诉前调解室", "stationed", 5],
        ],
      },
      {
        name: "新华街道",
        committees: [
          ["新华街道人民调解委员会", "township_street", 6],
          ["新华里社区人民调解委员会", "village_resident", 6],
          ["五一路社区人民调解委员会", "village_resident", 5],
          ["云溪纺织有限公司人民调解委员会", "enterprise", 4],
          ["新华街道信访调解室", "petition", 3],
        ],
      },
      {
        name: "白沙镇",
        committees: [
          ["白沙镇人民调解委员会", "township_street", 6],
          ["白沙村人民调解委员会", "village_resident", 6],
          ["河口村人民调解委员会", "village_resident", 5],
        ],
      },
    ],
    countyCommittees: [
      ["临河区劳动争议人民调解委员会", "industry", 5],
      ["临河区物业纠纷人民调解委员会", "industry", 5],
    ],
  },
];

/** What each kind of committee mostly handles; a mediator's specialties are drawn from it. */
const SPECIALTIES_BY_KIND: Record<CommitteeKind, DisputeCategory[]> = {
  village_resident: ["neighbourhood", "marriage_family", "housing_homestead", "forest_land", "damages"],
  township_street: ["neighbourhood", "marriage_family", "contract", "expropriation", "labour", "damages"],
  enterprise: ["labour", "contract", "business"],
  industry: [],
  stationed: ["contract", "marriage_family", "damages", "traffic", "consumer"],
  petition: ["expropriation", "labour", "housing_homestead", "pollution"],
};
const INDUSTRY_FOCUS: [RegExp, DisputeCategory[]][] = [
  [/医疗/, ["medical", "damages"]],
  [/交通/, ["traffic", "damages"]],
  [/劳动/, ["labour", "contract"]],
  [/物业/, ["property_management", "contract", "neighbourhood"]],
];

function specialtiesFor(random: Random, committee: CommitteeSeed): DisputeCategory[] {
  const [name, kind] = committee;
  const pool = kind === "industry" ? (INDUSTRY_FOCUS.find(([re]) => re.test(name))?.[1] ?? ["other"]) : SPECIALTIES_BY_KIND[kind];
  const chosen = new Set<DisputeCategory>([pool[0]]);
  const extra = random.int(0, 2);
  for (let i = 0; i < extra; i++) chosen.add(random.pick(pool));
  return [...chosen];
}

function employmentFor(random: Random, kind: CommitteeKind): Employment {
  // Township, industry and stationed committees employ most of the full-time (专职) mediators.
  const fullTimeShare = kind === "village_resident" ? 0.1 : kind === "enterprise" ? 0.2 : 0.6;
  return random.next() < fullTimeShare ? "full_time" : "part_time";
}

/** Village mediators mostly finished junior or senior high; full-time ones more often college. */
function educationFor(random: Random, employment: Employment): Education {
  const weights = employment === "full_time" ? [0, 1, 3, 2, 6, 6, 1, 0] : [1, 5, 6, 3, 3, 2, 0, 0];
  let r = random.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) < 0) return EDUCATION_LEVELS[i];
  return "senior_high";
}

function phoneFor(random: Random, used: Set<string>): string {
  for (;;) {
    const phone = `1${random.pick("3578")}${String(random.int(0, 999_999_999)).padStart(9, "0")}`;
    if (!used.has(phone)) {
      used.add(phone);
      return phone;
    }
  }
}

function statusFor(random: Random): MediatorStatus {
  const r = random.next();
  return r < 0.03 ? "dismissed" : r < 0.06 ? "suspended" : "active";
}

export type SeedSummary = { created: boolean; orgUnits: number; mediators: number };

async function seedCommittee(
  random: Random,
  parentId: number,
  committee: CommitteeSeed,
  usedNames: Set<string>,
  transaction: Transaction,
): Promise<number> {
  const [name, kind, size] = committee;
  const unit = await createOrgUnit({ parentId, kind: "committee", committeeKind: kind, name }, transaction);
  for (let i = 0; i < size; i++) {
    const gender = random.next() < 0.62 ? "male" : "female";
    let person = makeName(random, gender);
    while (usedNames.has(person)) person = makeName(random, gender);
    usedNames.add(person);
    const year = random.int(2009, 2026);
    const employment = employmentFor(random, kind);
    const status = statusFor(random);
    const mediator = await addMediator(
      {
        orgUnitId: unit.id,
        name: person,
        gender,
        birthYear: random.int(1958, 1998),
        phone: phoneFor(random, usedNames),
        education: educationFor(random, employment),
        isExpert: employment === "full_time" && random.next() < 0.15,
        employment,
        appointedOn: `${year}-${String(random.int(1, year === 2026 ? 10 : 12)).padStart(2, "0")}-${String(random.int(1, 28)).padStart(2, "0")}`,
        status,
        ...(status === "active"
          ? {}
          : {
              statusChangedOn: `2026-${String(random.int(1, 10)).padStart(2, "0")}-${String(random.int(1, 28)).padStart(2, "0")}`,
              statusReason: status === "suspended" ? "因病休养，暂停调解工作" : "村（居）委会换届，不再担任调解员",
            }),
      },
      transaction,
    );
    await MediatorSpecialty.bulkCreate(
      specialtiesFor(random, committee).map((category) => ({ mediatorId: mediator.id, category })),
      { transaction },
    );
  }
  return size;
}

/** Seeds the demo dataset into an empty database, all in one transaction. Does nothing otherwise. */
export async function seedDemo(): Promise<SeedSummary> {
  if ((await OrgUnit.count()) > 0) return { created: false, orgUnits: 0, mediators: 0 };
  const random = createRandom(20261123);
  const usedNames = new Set<string>();
  const summary = await inTransaction(async (transaction) => {
    let mediators = 0;
    const province = await createOrgUnit({ parentId: null, kind: "province", name: "江源省" }, transaction);
    const city = await createOrgUnit({ parentId: province.id, kind: "city", name: "云溪市" }, transaction);
    for (const county of COUNTIES) {
      const countyUnit = await createOrgUnit({ parentId: city.id, kind: "county", name: county.name }, transaction);
      for (const township of county.townships) {
        const townshipUnit = await createOrgUnit({ parentId: countyUnit.id, kind: "township", name: township.name }, transaction);
        for (const committee of township.committees) {
          mediators += await seedCommittee(random, townshipUnit.id, committee, usedNames, transaction);
        }
      }
      for (const committee of county.countyCommittees) {
        mediators += await seedCommittee(random, countyUnit.id, committee, usedNames, transaction);
      }
    }
    await seedDemoAccounts(transaction);
    await seedDemoCourses(transaction, currentYearInChina());
    await seedDemoRubrics(transaction);
    await seedDemoCases(transaction);
    await seedDemoReviews(transaction, currentYearInChina(), todayInChina());
    await seedDemoLevels(transaction, currentYearInChina());
    await seedDemoCertificates(transaction);
    return { created: true, orgUnits: await OrgUnit.count({ transaction }), mediators };
  });
  await seedDemoQuizzes();
  await seedDemoRounds(currentYearInChina(), todayInChina());
  await seedDemoExperts(todayInChina());
  await seedDemoRooms(currentYearInChina(), todayInChina());
  return summary;
}
