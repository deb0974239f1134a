import { Expert, ExpertPool, OrgUnit, RoleGrant, User } from "../../app/.server/db/models";
import { askExpert, replyTo } from "../../app/.server/experts/consultations";
import { createPool, moveExpert, proposeExpert, type ExpertActor } from "../../app/.server/experts/pools";
import { getOrgScope } from "../../app/.server/org";
import type { CurrentUser } from "../../app/.server/auth/users";
import { addDays } from "../../app/lib/dates";
import type { Availability, ExpertField } from "../../app/lib/experts";

/**
 * The demo's expert pools (调解专家库): 云溪市's and 青山县's, about 30 experts between them —
 * most listed after vetting and a public notice (公示), three under notice now, two proposed, one
 * vetted and waiting for its notice, one rejected, one removed. All people and organisations are
 * fictional. demo_expert is 林文远 of the city pool; demo_mediator has asked them twice (one thread
 * answered, one open). Made through the same functions the bureau pages call.
 */
type Seed = [name: string, field: ExpertField, title: string, organisation: string, availability?: Availability];

const CITY: Seed[] = [
  ["林文远", "law", "律师、合伙人", "云溪和衡律师事务所"],
  ["郑惠兰", "law", "教授", "云溪学院法学院"],
  ["邵明哲", "law", "退休法官", "云溪市中级人民法院（已退休）", "limited"],
  ["孔雅琴", "medicine", "主任医师", "云溪市第一人民医院"],
  ["覃国栋", "medicine", "副主任法医师", "云溪正衡司法鉴定所"],
  ["宁佩瑶", "psychology", "国家二级心理咨询师", "云溪市心灵港湾心理咨询中心"],
  ["卜志强", "psychology", "副教授", "云溪师范高等专科学校"],
  ["骆秋实", "economics", "高级会计师", "云溪立信会计师事务所"],
  ["詹海鸥", "economics", "高级经济师", "云溪市价格认证中心"],
  ["苗素芬", "social_work", "中级社会工作师", "云溪市阳光社会工作服务中心"],
  ["蔺建民", "industry", "高级工程师", "云溪市建设工程质量检测站"],
  ["关晓东", "industry", "交通事故鉴定人", "云溪通达机动车鉴定评估有限公司", "unavailable"],
  ["戚美华", "senior_mediator", "一级人民调解员", "云溪市医疗纠纷人民调解委员会"],
  ["谷长青", "law", "公证员", "云溪市公证处"],
  ["景春燕", "social_work", "社会工作师", "云溪市妇女联合会"],
  ["鲍立群", "industry", "劳动关系协调师", "云溪市总工会法律服务中心"],
  ["甄浩然", "medicine", "主治医师", "云溪市中医院"],
  ["申屠岚", "economics", "注册资产评估师", "云溪华信资产评估有限公司"],
];

const COUNTY: Seed[] = [
  ["韦德昌", "senior_mediator", "二级人民调解员", "青山县城关镇人民调解委员会"],
  ["龚淑贞", "law", "法律援助律师", "青山县法律援助中心"],
  ["裴志远", "law", "律师", "青山明理律师事务所"],
  ["焦玉梅", "medicine", "副主任医师", "青山县人民医院"],
  ["隋海峰", "industry", "农艺师", "青山县农业农村局农技推广站"],
  ["祁秀云", "psychology", "心理咨询师", "青山县第一中学心理辅导室"],
  ["卓振兴", "industry", "林业工程师", "青山县林业和草原局"],
  ["封桂香", "social_work", "社会工作者", "青山县民政局社会事务股"],
  ["柏永福", "senior_mediator", "退休司法所长", "青山县司法局（已退休）"],
  ["邝丽娜", "economics", "会计师", "青山县农村信用合作联社"],
  ["尉迟平", "law", "基层法律服务工作者", "青山县城南法律服务所"],
  ["蒲国庆", "industry", "建筑工程师", "青山县住房和城乡建设局"],
];

const must = <T extends { ok: boolean }>(result: T, what: string): T & { ok: true } => {
  if (!result.ok) throw new Error(`demo experts: ${what}: ${JSON.stringify(result)}`);
  return result as T & { ok: true };
};

async function actorOf(username: string): Promise<ExpertActor> {
  const user = (await User.findOne({ where: { username }, include: ["grants"] }))!;
  const grants = user.get("grants") as { orgUnitId: number }[];
  const scopes = (await Promise.all(grants.map((g) => getOrgScope(g.orgUnitId)))).filter((s) => s !== null);
  return { id: user.id, scopes };
}

/** A user as the pages see them signed in (the consultation functions take that). */
async function signedInAs(user: User): Promise<CurrentUser> {
  const grants = await RoleGrant.findAll({ where: { userId: user.id }, include: ["orgUnit"] });
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    mustChangePassword: false,
    sessionId: "demo-seed",
    grants: grants.map((g) => {
      const unit = g.get("orgUnit") as OrgUnit;
      return { role: g.role, orgUnitId: g.orgUnitId, orgPath: unit.path, orgName: unit.name };
    }),
  };
}

/** What each expert of a pool goes through, by position: most listed, the last few at earlier stages. */
async function seedPool(actor: ExpertActor, pool: ExpertPool, seeds: Seed[], today: string, tail: string[]) {
  const ids: number[] = [];
  for (const [i, [name, field, title, organisation, availability]] of seeds.entries()) {
    const stage = tail[i - (seeds.length - tail.length)] ?? "listed";
    const termFrom = addDays(today, -400 - i * 17);
    const proposed = must(
      await proposeExpert(actor, {
        poolId: pool.id,
        name,
        field,
        title,
        organisation,
        termFrom: stage === "listed" || stage === "removed" ? termFrom : today,
        phone: `139${String(5801000 + i * 37 + pool.id * 1000).padStart(8, "0")}`,
        email: undefined,
        availability: availability ?? "available",
        username: name === "林文远" ? "demo_expert" : undefined,
      }),
      `propose ${name}`,
    );
    const id = proposed.expert.id;
    ids.push(id);
    const move = async (intent: "vet" | "reject" | "publish" | "list" | "remove", asOf: string, extra: Record<string, unknown> = {}) =>
      must(await moveExpert(actor, id, { intent, ...extra }, { asOf }), `${intent} ${name}`);
    if (stage === "proposed") continue;
    if (stage === "rejected") {
      await move("reject", today, { reason: "所在单位未出具推荐意见，执业年限不满五年。" });
      continue;
    }
    const base = stage === "listed" || stage === "removed" ? addDays(termFrom, -30) : addDays(today, -6);
    await move("vet", base);
    if (stage === "vetted") continue;
    const noticeFrom = stage === "notice" ? addDays(today, -2) : addDays(base, 3);
    await move("publish", addDays(base, 3), { noticeFrom, noticeDays: 7 });
    if (stage === "notice") continue;
    await move("list", addDays(noticeFrom, 8));
    if (stage === "removed") await move("remove", addDays(today, -20), { reason: "本人申请退出专家库（工作调动至外省）。" });
  }
  return ids;
}

export async function seedDemoExperts(today: string) {
  const city = await OrgUnit.findOne({ where: { name: "云溪市", kind: "city" } });
  const county = await OrgUnit.findOne({ where: { name: "青山县", kind: "county" } });
  if (!city || !county) return;
  const cityAdmin = await actorOf("demo_city");
  const countyAdmin = await actorOf("demo_county");
  const cityPool = must(await createPool(cityAdmin, { orgUnitId: city.id, name: "云溪市人民调解专家库", termYears: 5 }), "city pool").pool;
  const countyPool = must(
    await createPool(countyAdmin, { orgUnitId: county.id, name: "青山县人民调解专家库", termYears: 5 }),
    "county pool",
  ).pool;
  await seedPool(cityAdmin, cityPool, CITY, today, ["removed", "notice", "notice", "vetted", "proposed"]);
  await seedPool(countyAdmin, countyPool, COUNTY, today, ["notice", "rejected", "proposed"]);

  // demo_mediator asks demo_expert (林文远, 云溪市's pool) twice: one answered, one still open.
  const mediator = await User.findOne({ where: { username: "demo_mediator" } });
  const expertUser = await User.findOne({ where: { username: "demo_expert" } });
  if (!mediator || !expertUser) return;
  const asker = await signedInAs(mediator);
  const expert = await signedInAs(expertUser);
  const lin = (await Expert.findOne({ where: { userId: expertUser.id } }))!;
  const answered = must(
    await askExpert(asker, {
      expertId: lin.id,
      subject: "宅基地上老房翻建，邻居以“挡光”为由阻工",
      description:
        "申请人甲在自家宅基地上拆旧建新，新房比原房加高一层。相邻的乙认为新房遮挡其院内采光，多次到工地阻止施工。甲称已取得乡镇审批。请问：1. 采光受影响如何认定，是否需要委托测量？2. 审批手续齐全时，调解中应如何向乙释明相邻关系的规定？",
    }),
    "ask 1",
  );
  must(
    await replyTo(expert, answered.consultation.id, {
      intent: "reply",
      body: "建议分两步：先核实审批的层数、高度与实际是否一致，不一致的，应先由乡镇处理；一致的，可请双方共同委托有资质的机构测算冬至日有效日照时间。相邻关系可向乙说明《民法典》第二百九十三条：建造建筑物，不得违反国家有关工程建设标准，不得妨碍相邻建筑物的通风、采光和日照。若测算确有影响，可引导双方就补偿或调整窗位协商。",
    }),
    "answer 1",
  );
  must(
    await askExpert(asker, {
      expertId: lin.id,
      subject: "外出务工人员工伤后与包工头的赔偿协商",
      description:
        "某村民随包工头在外省工地务工时摔伤，包工头愿意一次性给付部分费用，但要求签“今后不再追究”的协议。当事人想在村调委会调解。请问此类协议的效力如何把握，调解中应提示哪些风险？",
    }),
    "ask 2",
  );
}
