import type { Transaction } from "sequelize";
import { Exercise, OrgUnit, Rubric, User } from "../../app/.server/db/models";
import { withIds, type RubricInput } from "../../app/lib/rubric";

const four = (top: number, [a, b, c, d]: [string, string, string, string]) => [
  { name: "优秀", points: top, description: a },
  { name: "良好", points: Math.round(top * 0.8 * 2) / 2, description: b },
  { name: "合格", points: Math.round(top * 0.6 * 2) / 2, description: c },
  { name: "不合格", points: 0, description: d },
];

/** The three rubrics every trainer starts from; 卷宗评查 is reused by the grade evaluation (wave 2). */
export const DEMO_RUBRICS: RubricInput[] = [
  {
    title: "调解协议书起草",
    description: "用于评阅学员起草的人民调解协议书，满分100分。重点看内容是否明确、可履行、合法自愿，格式是否符合要求。",
    criteria: [
      {
        name: "当事人与案由",
        description: "当事人身份信息、纠纷类型表述",
        levels: four(10, [
          "姓名、性别、年龄、民族、住址、身份证号等信息齐全准确，案由表述规范",
          "信息基本齐全，个别项目不规范",
          "缺少一两项必要信息",
          "当事人信息残缺或者错误，无法确定主体",
        ]),
      },
      {
        name: "纠纷事实与争议焦点",
        description: "简要写明纠纷的主要事实和争议事项",
        levels: four(15, [
          "事实清楚、表述客观中立，争议焦点概括准确",
          "事实基本清楚，表述略有倾向",
          "事实交代过简，焦点不够明确",
          "没有写明事实或者与案情不符",
        ]),
      },
      {
        name: "协议内容明确可履行",
        description: "金额、期限、方式、交付对象等是否具体",
        levels: four(30, [
          "每一项义务都写明由谁、在何时、以何种方式、向谁履行，数额准确",
          "主要义务明确，个别细节需要补充",
          "存在“尽快”“适当”等不确定表述",
          "内容含糊，无法履行或者无法申请司法确认",
        ]),
      },
      {
        name: "合法与自愿",
        description: "不违反法律法规和公序良俗，体现当事人真实意愿",
        levels: four(20, [
          "条款合法，没有强迫、以物抵债自力执行、限制诉权等不当内容",
          "条款合法，个别措辞欠妥",
          "有一处需要删改的不当条款",
          "含有违法条款或者明显违背自愿原则",
        ]),
      },
      {
        name: "履行保障与违约责任",
        description: "分期履行、担保、违约后果、司法确认提示",
        levels: four(15, [
          "针对履行风险设置了恰当的担保或者违约条款，并提示可以申请司法确认",
          "有履行保障条款，提示不够完整",
          "只有简单的违约表述",
          "没有任何履行保障考虑",
        ]),
      },
      {
        name: "文书格式与签章",
        description: "标题、编号、签名或者按指印、调解员签名、调委会印章、日期、份数",
        levels: four(10, ["要素齐全，格式规范", "缺少一项次要要素", "缺少签章或者日期等重要要素之一", "格式混乱，要素缺失严重"]),
      },
    ],
  },
  {
    title: "模拟调解",
    description: "用于实训演练中模拟调解的现场评分，满分60分，每项10分。",
    criteria: [
      {
        name: "沟通表达",
        description: "倾听、提问、复述、语言平和",
        levels: four(10, [
          "耐心倾听，善用开放式提问和复述，语言平实易懂",
          "沟通顺畅，偶有打断",
          "能够交流，但提问方式生硬",
          "频繁打断、指责或者使用不当言语",
        ]),
      },
      {
        name: "查明事实",
        description: "了解经过、核对证据、区分事实与情绪",
        levels: four(10, [
          "全面了解经过，及时核对关键证据",
          "基本查清事实，个别细节遗漏",
          "只听一方陈述或者遗漏关键事实",
          "没有查明事实就提出方案",
        ]),
      },
      {
        name: "法律运用",
        description: "准确引用法律规定，明法析理",
        levels: four(10, [
          "引用规定准确，讲解通俗，帮助双方形成合理预期",
          "引用基本准确，讲解略显生硬",
          "只能笼统讲道理，引用不够准确",
          "引用错误或者误导当事人",
        ]),
      },
      {
        name: "情绪疏导",
        description: "识别和回应情绪，防止激化",
        levels: four(10, [
          "及时识别情绪并恰当回应，必要时背对背调解，现场平稳",
          "能够安抚情绪，方法较单一",
          "情绪回应不足，现场一度紧张",
          "激化矛盾或者对危险信号没有反应",
        ]),
      },
      {
        name: "方案设计",
        description: "在利益基础上提出可行方案",
        levels: four(10, [
          "方案兼顾双方利益，具体可行，有备选方案",
          "方案可行，具体程度不够",
          "方案偏向一方或者难以履行",
          "没有提出方案或者强加方案",
        ]),
      },
      {
        name: "程序规范",
        description: "告知权利义务、自愿原则、记录与协议",
        levels: four(10, [
          "开场告知完整，尊重当事人选择，记录和协议规范",
          "程序基本规范，个别环节遗漏",
          "遗漏告知或者记录等重要环节",
          "违反自愿原则或者程序严重缺失",
        ]),
      },
    ],
  },
  {
    title: "卷宗评查",
    description: "按照县级司法行政部门卷宗评查的常见项目设置，满分100分。等级评定时用于评查申请人提交的卷宗。",
    criteria: [
      {
        name: "申请与受理登记",
        description: "调解申请书或者口头申请笔录、受理登记表",
        levels: [
          { name: "齐全规范", points: 10, description: "申请、受理登记齐全，时间、事项记载清楚" },
          { name: "基本齐全", points: 5, description: "有受理登记，但记载不完整" },
          { name: "缺失", points: 0, description: "没有申请或者受理登记材料" },
        ],
      },
      {
        name: "权利义务告知",
        description: "当事人权利义务告知书及签收",
        levels: [
          { name: "齐全规范", points: 10, description: "调解前告知，各方签收" },
          { name: "基本齐全", points: 5, description: "有告知书，签收不全或者时间不清" },
          { name: "缺失", points: 0, description: "没有告知记录" },
        ],
      },
      {
        name: "当事人身份证明",
        description: "身份证明复印件，委托代理的授权委托书",
        levels: [
          { name: "齐全规范", points: 10, description: "各方身份证明齐全，代理有书面授权" },
          { name: "基本齐全", points: 5, description: "缺少一方身份证明" },
          { name: "缺失", points: 0, description: "没有身份证明或者无权代理" },
        ],
      },
      {
        name: "调查笔录",
        description: "调查时间、地点、人员，内容经被调查人确认",
        levels: [
          { name: "齐全规范", points: 15, description: "笔录完整，逐页签名或者按指印" },
          { name: "基本齐全", points: 8, description: "笔录内容简略或者签名不全" },
          { name: "缺失", points: 0, description: "没有调查笔录" },
        ],
      },
      {
        name: "调解笔录",
        description: "调解过程、各方意见、释法说理和方案形成过程",
        levels: [
          { name: "齐全规范", points: 15, description: "如实记录调解过程，参加人签名" },
          { name: "基本齐全", points: 8, description: "只记录结果，过程过简" },
          { name: "缺失", points: 0, description: "没有调解笔录" },
        ],
      },
      {
        name: "调解协议书",
        description: "内容明确可履行，签名盖章齐全",
        levels: [
          { name: "齐全规范", points: 20, description: "内容明确，当事人签名或者按指印，调解员签名并加盖印章" },
          { name: "基本齐全", points: 10, description: "内容有不明确之处或者签章欠缺" },
          { name: "缺失", points: 0, description: "没有协议书，也没有口头协议记录" },
        ],
      },
      {
        name: "回访记录",
        description: "协议履行情况的回访和督促",
        levels: [
          { name: "齐全规范", points: 10, description: "按实际时间回访并记录履行情况" },
          { name: "基本齐全", points: 5, description: "有回访，记录过简" },
          { name: "缺失", points: 0, description: "没有回访记录" },
        ],
      },
      {
        name: "司法确认材料",
        description: "申请司法确认的，附申请材料和人民法院裁定",
        levels: [
          { name: "齐全或不适用", points: 5, description: "未申请司法确认，或者申请材料和裁定齐全" },
          { name: "不全", points: 2, description: "申请了司法确认，但材料不全" },
          { name: "缺失", points: 0, description: "申请了司法确认，卷中没有任何材料" },
        ],
      },
      {
        name: "装订与归档",
        description: "材料按顺序装订，卷内目录、编号、归档及时",
        levels: [
          { name: "规范", points: 5, description: "目录齐全，顺序正确，及时归档" },
          { name: "基本规范", points: 3, description: "顺序或者目录有小问题" },
          { name: "不规范", points: 0, description: "散乱无序或者未归档" },
        ],
      },
    ],
  },
];

const BRIEF = `## 案情

城关镇东门社区居民张某与邻居李某两家房屋相邻。李某翻建院墙时，把墙基向张某一侧外移了约三十厘米，张某认为占了自家的宅基地，要求拆除重建；李某称原来的旧墙本来就歪，新墙是“照着老地基砌直”的。两家为此多次争吵，张某的儿子还推倒了一段新砌的墙，李某报警。民警到场后告知双方可以申请人民调解，双方同意。

## 作业要求

1. 写出你准备怎样开展这次调解：先做什么、再做什么，每一步要达到什么目的；
2. 说明你会查阅或者请双方提供哪些材料，怎样确定原来的界址；
3. 对推倒院墙造成的损失，你会怎样引导双方处理；
4. 拟出调解协议的主要条款。

可以上传现场草图或者相关资料的照片（jpg、png或pdf）。`;

/** Rubrics at the province, and one exercise demo_trainer set for 城关镇 (demo_mediator has not started it). */
export async function seedDemoRubrics(transaction: Transaction, now = new Date()) {
  const province = await OrgUnit.findOne({ where: { kind: "province" }, transaction });
  if (!province) return;
  const created = [];
  for (const input of DEMO_RUBRICS) {
    const rubric = withIds(input);
    created.push(
      await Rubric.create(
        {
          orgUnitId: province.id,
          title: rubric.title,
          description: rubric.description,
          criteria: rubric.criteria,
          maxPoints: rubric.maxPoints,
          createdBy: null,
        },
        { transaction },
      ),
    );
  }
  const township = await OrgUnit.findOne({ where: { name: "城关镇" }, transaction });
  const trainer = await User.findOne({ where: { username: "demo_trainer" }, transaction });
  const drill = created.find((r) => r.title === "模拟调解")!;
  if (!township || !trainer) return;
  await Exercise.create(
    {
      orgUnitId: township.id,
      title: "模拟调解：院墙界址纠纷",
      brief: BRIEF,
      rubricId: drill.id,
      rubric: { title: drill.title, description: drill.description ?? "", criteria: drill.criteria, maxPoints: drill.maxPoints },
      passPercent: 60,
      audienceOrgUnitId: township.id,
      audienceCourseSlug: null,
      dueAt: new Date(now.getTime() + 14 * 86_400_000),
      latePolicy: "accept",
      resubmissions: 1,
      hours: 2,
      form: "drill",
      anonymous: false,
      createdBy: trainer.id,
    },
    { transaction },
  );
}
