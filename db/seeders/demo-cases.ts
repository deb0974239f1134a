import { Op, type Transaction } from "sequelize";
import { CaseFile, CaseFileAssistant, Mediator, OrgUnit, User } from "../../app/.server/db/models";
import { addFile, newDelta, writeDelta } from "../../app/.server/cases/rollup";
import type { DisputeCategory } from "../../app/lib/categories";
import type { AgreementForm, CaseOutcome, CaseSource, Confirmation, Performance } from "../../app/lib/case-file";
import type { CommitteeKind } from "../../app/lib/org";
import { addDays, todayInChina } from "../../app/lib/dates";
import { createRandom, type Random } from "./names";

/**
 * Case registers (调解案件台账) for every committee of the demo city over the last three years
 * (this year up to today), with the mix bureaus report: traffic, land and labour disputes
 * prominent, about 96 % successful, a fifth to two fifths of agreements oral, some judicially
 * confirmed (more at the court-stationed rooms). demo_mediator's own files are laid out so their
 * figures meet 四级 (≥ 50 disputes, oral ≤ 30 %, success ≥ 85 %, ≥ 2 years of service) and miss
 * 三级 (fewer than 100 disputes, success under 90 %, oral over 20 %). Written with multi-row
 * inserts and one rollup write, inside the demo seed's transaction.
 */

type Mix = [DisputeCategory, number][];
const MIX_BY_KIND: Record<CommitteeKind, Mix> = {
  village_resident: [
    ["neighbourhood", 5],
    ["housing_homestead", 4],
    ["forest_land", 4],
    ["marriage_family", 4],
    ["damages", 2],
    ["labour", 2],
    ["traffic", 2],
    ["other", 1],
  ],
  township_street: [
    ["traffic", 4],
    ["forest_land", 4],
    ["labour", 4],
    ["neighbourhood", 3],
    ["marriage_family", 3],
    ["housing_homestead", 2],
    ["contract", 2],
    ["expropriation", 1],
    ["damages", 1],
  ],
  enterprise: [
    ["labour", 8],
    ["contract", 1],
    ["damages", 1],
  ],
  industry: [],
  stationed: [
    ["traffic", 4],
    ["contract", 4],
    ["labour", 3],
    ["marriage_family", 3],
    ["damages", 2],
    ["consumer", 1],
    ["business", 1],
  ],
  petition: [
    ["expropriation", 4],
    ["labour", 3],
    ["forest_land", 3],
    ["housing_homestead", 2],
    ["pollution", 1],
  ],
};
const INDUSTRY_MIX: [RegExp, Mix][] = [
  [
    /医疗/,
    [
      ["medical", 9],
      ["damages", 1],
    ],
  ],
  [/交通/, [["traffic", 10]]],
  [
    /劳动/,
    [
      ["labour", 9],
      ["contract", 1],
    ],
  ],
  [
    /物业/,
    [
      ["property_management", 8],
      ["neighbourhood", 1],
      ["contract", 1],
    ],
  ],
];
/** Files a year, by kind of committee (a village committee sees a few dozen, a traffic committee a few hundred). */
const VOLUME: Record<CommitteeKind, [number, number]> = {
  village_resident: [14, 34],
  township_street: [45, 80],
  enterprise: [8, 18],
  industry: [70, 140],
  stationed: [80, 130],
  petition: [18, 32],
};
const SOURCES: Record<CommitteeKind, [CaseSource, number][]> = {
  village_resident: [
    ["application", 6],
    ["proactive", 4],
    ["referred", 1],
  ],
  township_street: [
    ["application", 5],
    ["proactive", 3],
    ["referred", 2],
    ["assigned", 1],
  ],
  enterprise: [
    ["application", 6],
    ["proactive", 3],
  ],
  industry: [
    ["application", 4],
    ["referred", 4],
    ["entrusted", 2],
  ],
  stationed: [
    ["assigned", 6],
    ["entrusted", 3],
    ["application", 1],
  ],
  petition: [
    ["referred", 6],
    ["application", 2],
    ["proactive", 1],
  ],
};
/** Share of oral agreements among successful files: villages settle small matters by word of mouth. */
const ORAL: Record<CommitteeKind, number> = {
  village_resident: 0.42,
  township_street: 0.3,
  enterprise: 0.25,
  industry: 0.12,
  stationed: 0.08,
  petition: 0.3,
};

const SUMMARIES: Partial<Record<DisputeCategory, string[]>> = {
  traffic: [
    "张某驾驶电动车与李某驾驶的小型轿车发生碰撞，双方就医疗费、误工费和车辆维修费发生争议。",
    "王某驾车倒车时刮蹭赵某停放的货车，双方对维修费用数额有分歧。",
    "行人刘某被陈某驾驶的三轮车撞伤，双方就赔偿项目和金额协商未果，申请调解。",
  ],
  forest_land: [
    "张某与李某两家承包地相邻，因地界石被移动对界址有争议。",
    "王某甲与王某乙兄弟因父辈遗留的一片林地承包经营权归属发生争执。",
    "刘某在村集体分配的山林边界种植杉木，与相邻的赵某就林木权属发生纠纷。",
  ],
  housing_homestead: ["张某翻建住房时地基超出原宅基地范围，与邻居李某发生争执。", "李某与王某因两家宅基地之间的通道宽度发生纠纷。"],
  labour: [
    "张某等五人在某装修队务工，工程结束后被拖欠工资共计三万余元。",
    "李某在某厂工作时受伤，就工伤待遇与厂方发生争议。",
    "王某离职后，与原用人单位就经济补偿金的计算发生分歧。",
  ],
  neighbourhood: [
    "张某家空调外机排水滴落到楼下李某的窗台，双方多次争吵。",
    "李某在楼道堆放杂物，与对门王某发生口角。",
    "王某家养的狗夜间吠叫，影响邻居赵某休息，双方矛盾激化。",
  ],
  marriage_family: [
    "张某与李某夫妻因家庭琐事长期不和，就子女抚养和财产分割产生争议。",
    "王某兄妹三人就老人的赡养费用分担发生分歧。",
    "李某与婆婆因照看孩子问题矛盾加深，申请调解。",
  ],
  contract: ["张某向李某购买建材后以质量问题为由拒付尾款，双方发生纠纷。", "王某承租赵某门面房，因提前退租押金返还问题发生争执。"],
  damages: ["张某家的水管破裂，浸泡了楼下李某家的吊顶和地板。", "李某在王某经营的农家乐就餐时摔伤，双方就赔偿发生争议。"],
  expropriation: ["村民张某对征地补偿中附着物的清点结果有异议。", "李某等三户对拆迁安置房的分配顺序提出异议。"],
  medical: ["患者张某术后出现并发症，家属与医院就是否存在过错及赔偿发生争议。", "李某在某卫生院输液后出现不良反应，家属要求赔偿。"],
  property_management: ["业主张某以电梯长期故障为由拒交物业费，与物业公司发生纠纷。", "小区停车位分配引发业主李某与物业公司争执。"],
  consumer: ["张某在某商场购买的家电出现故障，与商家就退换发生争议。"],
  business: ["张某与李某合伙经营养殖场，因散伙后的账目结算发生纠纷。"],
  pollution: ["某养殖场排放的污水流入张某等村民的稻田，村民要求赔偿。"],
  other: ["张某与李某因琐事发生口角，进而相互推搡，双方请求调解。"],
};
const CLOSINGS: Record<CaseOutcome, string[]> = {
  success: ["经调解，双方达成协议，当场履行。", "经调解员释法说理，双方互谅互让达成协议。", "经多次调解，双方就赔偿数额达成一致。"],
  failure: ["经调解，双方分歧较大未能达成协议，已告知当事人可依法起诉。"],
  terminated: ["调解过程中一方当事人起诉至法院，调解终止。"],
};

const weighted = <T>(random: Random, items: [T, number][]): T => {
  let r = random.next() * items.reduce((sum, [, w]) => sum + w, 0);
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1][0];
};

type Draft = {
  orgUnitId: number;
  orgPath: string;
  fileNo: string;
  primaryMediatorId: number;
  assistantIds: number[];
  category: DisputeCategory;
  source: CaseSource;
  receivedOn: string;
  closedOn: string;
  outcome: CaseOutcome;
  agreementForm: AgreementForm | null;
  confirmation: Confirmation;
  followUp: boolean;
  performed: Performance | null;
  parties: number;
  amount: number | null;
  summary: string;
};

/** demo_mediator's files per year, oldest first: [files, successful, oral, confirmed]. */
const DEMO_MEDIATOR: [number, number, number, number][] = [
  [20, 17, 4, 1],
  [24, 21, 5, 2],
  [20, 18, 5, 1],
];

export async function seedDemoCases(transaction: Transaction, today = todayInChina()) {
  const random = createRandom(18_2026);
  const thisYear = Number(today.slice(0, 4));
  const years = [thisYear - 2, thisYear - 1, thisYear];
  const committees = await OrgUnit.findAll({ where: { kind: "committee" }, order: [["id", "ASC"]], transaction });
  const people = await Mediator.findAll({
    where: { status: { [Op.ne]: "dismissed" } },
    attributes: ["id", "orgUnitId", "employment", "appointedOn", "userId"],
    order: [["id", "ASC"]],
    transaction,
  });
  const demoUser = await User.findOne({ where: { username: "demo_mediator" }, attributes: ["id"], transaction });
  const demo = people.find((p) => demoUser && p.userId === demoUser.id);
  // ≥ 2 years of service for 四级: an earlier appointment when the roster's is too recent.
  if (demo && (!demo.appointedOn || demo.appointedOn > `${thisYear - 3}-01-01`))
    // Through the instance, so the roster hooks move the compliance rollups too.
    await (await Mediator.findByPk(demo.id, { transaction }))!.update({ appointedOn: `${thisYear - 5}-03-01` }, { transaction });

  const drafts: Draft[] = [];
  const dayIn = (year: number) => {
    const last = year === thisYear ? today : `${year}-12-31`;
    const span = Math.max(0, Math.round((Date.parse(last) - Date.parse(`${year}-01-01`)) / 86_400_000));
    return addDays(`${year}-01-01`, random.int(0, span));
  };
  const draft = (
    committee: OrgUnit,
    kind: CommitteeKind,
    mix: Mix,
    seq: number,
    year: number,
    primary: number,
    pool: number[],
    outcome: CaseOutcome,
    oral: boolean,
    confirmed: boolean,
  ): Draft => {
    const category = weighted(random, mix);
    const closedOn = dayIn(year);
    const receivedOn = addDays(closedOn, -random.int(0, 25));
    const success = outcome === "success";
    const agreementForm: AgreementForm | null = success ? (oral ? "oral" : "written") : null;
    const confirmation: Confirmation =
      agreementForm === "written" ? (confirmed ? "confirmed" : random.next() < 0.03 ? "applied" : "none") : "none";
    const others = pool.filter((id) => id !== primary);
    const assistantIds = others.length && random.next() < 0.3 ? [random.pick(others)] : [];
    const money = [
      "traffic",
      "labour",
      "damages",
      "medical",
      "contract",
      "expropriation",
      "property_management",
      "consumer",
      "business",
    ].includes(category);
    const facts = SUMMARIES[category] ?? SUMMARIES.other!;
    return {
      orgUnitId: committee.id,
      orgPath: committee.path,
      fileNo: `${committee.name.slice(0, 2)}调〔${year}〕${String(seq).padStart(3, "0")}号`,
      primaryMediatorId: primary,
      assistantIds,
      category,
      source: weighted(random, SOURCES[kind]),
      receivedOn,
      closedOn,
      outcome,
      agreementForm,
      confirmation,
      followUp: success && random.next() < 0.78,
      performed: success
        ? weighted(random, [
            ["yes", 90],
            ["partly", 6],
            ["no", 2],
          ] as [Performance, number][])
        : null,
      parties: random.next() < 0.85 ? 2 : random.int(3, 6),
      amount: money && success ? random.int(5, 400) * 100 : null,
      summary: `${random.pick(facts)}${random.pick(CLOSINGS[outcome])}`,
    };
  };

  for (const committee of committees) {
    const kind = committee.committeeKind as CommitteeKind;
    const mix =
      kind === "industry" ? (INDUSTRY_MIX.find(([re]) => re.test(committee.name))?.[1] ?? MIX_BY_KIND.township_street) : MIX_BY_KIND[kind];
    const members = people.filter((p) => p.orgUnitId === committee.id);
    const pool = members.filter((p) => p.id !== demo?.id).map((p) => p.id);
    if (!pool.length) continue;
    // Full-time mediators take on most files.
    const weights: [number, number][] = members.filter((p) => p.id !== demo?.id).map((p) => [p.id, p.employment === "full_time" ? 4 : 1]);
    for (const [y, year] of years.entries()) {
      let seq = 0;
      const share = year === thisYear ? (Date.parse(today) - Date.parse(`${year}-01-01`)) / (365 * 86_400_000) : 1;
      const count = Math.round(random.int(...VOLUME[kind]) * share);
      for (let i = 0; i < count; i++) {
        const r = random.next();
        const outcome: CaseOutcome = r < 0.965 ? "success" : r < 0.985 ? "failure" : "terminated";
        const confirmRate = kind === "stationed" ? 0.25 : kind === "industry" ? 0.12 : 0.05;
        drafts.push(
          draft(
            committee,
            kind,
            mix,
            ++seq,
            year,
            weighted(random, weights),
            pool,
            outcome,
            random.next() < ORAL[kind],
            random.next() < confirmRate,
          ),
        );
      }
      if (demo && demo.orgUnitId === committee.id) {
        const [files, successful, oral, confirmed] = DEMO_MEDIATOR[y];
        for (let i = 0; i < files; i++) {
          const outcome: CaseOutcome = i < successful ? "success" : i === files - 1 ? "terminated" : "failure";
          drafts.push(draft(committee, kind, mix, ++seq, year, demo.id, pool, outcome, i < oral, i >= oral && i < oral + confirmed));
        }
      }
    }
  }

  const now = new Date();
  for (let i = 0; i < drafts.length; i += 500) {
    const part = drafts.slice(i, i + 500);
    await CaseFile.bulkCreate(
      part.map(({ assistantIds: _assistants, ...d }) => ({ ...d, createdBy: null, updatedBy: null, createdAt: now, updatedAt: now })),
      { transaction, validate: false, hooks: false },
    );
    // Ids by (committee, number), not by how the dialect reports a multi-row INSERT's ids.
    const found = await CaseFile.findAll({
      where: { fileNo: part.map((d) => d.fileNo) },
      attributes: ["id", "orgUnitId", "fileNo"],
      transaction,
    });
    const idOf = new Map(found.map((f) => [`${f.orgUnitId}|${f.fileNo}`, f.id]));
    const helpers = part.flatMap((d) =>
      d.assistantIds.map((mediatorId) => ({ caseFileId: idOf.get(`${d.orgUnitId}|${d.fileNo}`)!, mediatorId })),
    );
    if (helpers.length) await CaseFileAssistant.bulkCreate(helpers, { transaction, validate: false, hooks: false });
  }
  const delta = newDelta();
  for (const d of drafts) addFile(delta, { ...d, voided: false }, 1);
  await writeDelta(delta, transaction);
  return drafts.length;
}
