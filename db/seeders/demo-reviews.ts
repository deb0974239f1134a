import type { Transaction } from "sequelize";
import { Attachment, CaseReviewItem, Mediator, OrgUnit, Rubric, User } from "../../app/.server/db/models";
import { openReview } from "../../app/.server/reviews/reviews";
import { scoreItem, uploadScans } from "../../app/.server/reviews/items";
import { audit } from "../../app/.server/audit";
import { scopeFromPath } from "../../app/.server/org";
import { detectKind, storeUpload } from "../../app/.server/uploads";
import { DEFAULT_RULE, type OpenReviewInput } from "../../app/lib/case-review";
import { addDays } from "../../app/lib/dates";
import type { Rubric as RubricShape, RubricGrade } from "../../app/lib/rubric";
import { createRandom, type Random } from "./names";

/**
 * Two case-file reviews (卷宗评查) of 青山县, opened by demo_county with demo_reviewer and
 * demo_trainer as reviewers, through the review's own functions (sampling, assignment, scoring,
 * voiding): a finished one of the files closed the year before last, every file scored (a few
 * returned and corrected, one found not to match the register and then corrected), and an open one
 * of last year with files at every stage — scans missing, waiting for demo_reviewer's score, passed,
 * returned, 与台账不符 (left out of the figures), and corrected, waiting to be scored again.
 * demo_mediator's own files are only ever passed, so their figures stay as demo-cases.ts sets them.
 * Every demo scan is one small stored PDF.
 */

const COMMENTS: string[][] = [
  ["受理登记表未填写受理时间。", "只有口头申请，未制作申请笔录。"],
  ["权利义务告知书缺少一方当事人签收。", "告知书签收日期晚于调解日期。"],
  ["缺少被申请人的身份证明复印件。", "代理人未提交授权委托书。"],
  ["调查笔录未经被调查人逐页签名。", "调查笔录只记录了一方陈述。"],
  ["调解笔录只记录了结果，没有记录调解过程和释法说理。", "调解笔录缺少参加人签名。"],
  ["协议书对履行期限表述为“尽快”，不够明确。", "协议书缺少调解员签名或者调委会印章。"],
  ["回访记录过简，未写明履行情况。", "没有回访记录。"],
  ["已申请司法确认，但卷内没有人民法院的裁定。"],
  ["卷内目录缺失，材料顺序混乱。", "结案后未及时归档。"],
];

/** A grade on the review's rubric: mostly top levels; `weak` criteria one or two levels down, with a comment. */
function gradeFor(random: Random, rubric: RubricShape, weak: number): RubricGrade {
  const down = new Set<number>();
  while (down.size < Math.min(weak, rubric.criteria.length)) down.add(random.int(0, rubric.criteria.length - 1));
  return Object.fromEntries(
    rubric.criteria.map((c, i) => {
      if (!down.has(i)) return [c.id, { levelId: c.levels[0].id, comment: "" }];
      const level = c.levels[Math.min(c.levels.length - 1, weak >= 5 ? c.levels.length - 1 : 1)];
      return [c.id, { levelId: level.id, comment: random.pick(COMMENTS[i] ?? COMMENTS[8]) }];
    }),
  );
}

/** A one-page PDF standing in for every scan of the demo. */
const DEMO_SCAN = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n4 0 obj<</Length 44>>stream\nBT /F1 18 Tf 72 760 Td (Demo case file scan) Tj ET\nendstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

export async function seedDemoReviews(transaction: Transaction, thisYear: number, today: string) {
  const random = createRandom(2020_0020);
  const county = await OrgUnit.findOne({ where: { name: "青山县" }, transaction });
  const rubric = await Rubric.findOne({ where: { title: "卷宗评查" }, transaction });
  const users = await User.findAll({
    where: { username: ["demo_county", "demo_reviewer", "demo_trainer", "demo_township", "demo_mediator"] },
    transaction,
  });
  const user = (name: string) => users.find((u) => u.username === name)!;
  if (!county || !rubric || users.length < 5) return { reviews: 0 };
  const admin = { id: user("demo_county").id, scopes: [scopeFromPath(county.id, county.path)], ip: null };
  const demoMediator = (await Mediator.findOne({ where: { userId: user("demo_mediator").id }, attributes: ["id"], transaction }))?.id;
  const stored = storeUpload(DEMO_SCAN, detectKind(DEMO_SCAN)!);

  const open = async (
    input: Omit<
      OpenReviewInput,
      "orgUnitId" | "rubricId" | "reviewerIds" | "confirmedPercent" | "otherPercent" | "minPerMediator" | "passLine" | "weights"
    >,
    seed: string,
  ) => {
    const made = await openReview(
      admin,
      {
        ...input,
        orgUnitId: county.id,
        rubricId: rubric.id,
        reviewerIds: [user("demo_reviewer").id, user("demo_trainer").id],
        ...DEFAULT_RULE,
        passLine: 60,
        weights: [],
      },
      { seed, transaction },
    );
    if (!made.ok) throw new Error(`demo review: ${JSON.stringify(made.errors)}`);
    return {
      review: made.review,
      items: await CaseReviewItem.findAll({ where: { reviewId: made.review.id }, order: [["id", "ASC"]], transaction }),
    };
  };
  const upload = async (items: CaseReviewItem[], at: Date) => {
    if (!items.length) return;
    await Attachment.bulkCreate(
      items.map((i) => ({
        ownerKind: "case_file" as const,
        ownerId: i.caseFileId,
        storedName: stored,
        originalName: `卷宗扫描件${i.caseFileId}.pdf`,
        mime: "application/pdf",
        size: DEMO_SCAN.byteLength,
        uploadedBy: user("demo_township").id,
      })),
      { transaction },
    );
    await CaseReviewItem.update({ stage: "awaiting_score", uploadedAt: at }, { where: { id: items.map((i) => i.id) }, transaction });
  };
  const score = async (item: CaseReviewItem, rubricShape: RubricShape, weak: number, mismatch = false) => {
    const fresh = (await CaseReviewItem.findByPk(item.id, { transaction }))!;
    const grade = mismatch ? {} : gradeFor(random, rubricShape, weak);
    const comment = mismatch
      ? "调委会提供的卷宗当事人姓名、结案日期与台账登记不一致。"
      : weak >= 5
        ? "卷宗材料缺失较多，请按评查意见补正后重新提交。"
        : "";
    const done = await scoreItem(
      { id: fresh.reviewerUserId! },
      fresh.id,
      { grade, comment, mismatch, reason: "", version: fresh.lockVersion },
      transaction,
    );
    if (!done.ok) throw new Error(`demo score: ${done.error}`);
  };
  const correct = async (item: CaseReviewItem, note: string) => {
    const done = await uploadScans({ id: user("demo_county").id, scopes: admin.scopes, ip: null }, item.id, [], note, transaction);
    if (!done.ok) throw new Error(`demo correction: ${done.error}`);
  };
  const plain = (items: CaseReviewItem[]) => items.filter((i) => i.primaryMediatorId !== demoMediator);

  // The finished review of the year before last.
  const past = await open(
    {
      title: `${thisYear - 2}年度人民调解卷宗评查`,
      periodFrom: `${thisYear - 2}-01-01`,
      periodTo: `${thisYear - 2}-12-31`,
      deadline: `${thisYear - 1}-03-31`,
    },
    "7e57a11d",
  );
  const pastRubric = past.review.rubric;
  await upload(past.items, new Date(`${thisYear - 1}-02-20T02:00:00Z`));
  const [pastMismatch, ...pastWeak] = plain(past.items).slice(0, 4);
  for (const item of past.items) {
    if (item === pastMismatch) await score(item, pastRubric, 0, true);
    else if (pastWeak.includes(item)) await score(item, pastRubric, 6);
    else await score(item, pastRubric, random.next() < 0.3 ? random.int(1, 3) : 0);
  }
  await correct(pastMismatch, "经核对，台账登记有误，已按卷宗更正台账并补充归档。");
  for (const item of pastWeak) await correct(item, "已补齐调查笔录、调解笔录和回访记录。");
  for (const item of [pastMismatch, ...pastWeak]) await score(item, pastRubric, random.int(0, 2));
  past.review.set({ state: "closed", closedBy: admin.id, closedAt: new Date(`${thisYear - 1}-04-02T01:00:00Z`) });
  await past.review.save({ transaction });
  await audit(
    {
      actorUserId: admin.id,
      action: "review.closed",
      targetType: "case_review",
      targetId: past.review.id,
      orgUnitId: county.id,
      reason: "评查工作完成，结果已通报",
    },
    transaction,
  );

  // The open review of last year: files at every stage.
  const now = await open(
    {
      title: `${thisYear - 1}年度人民调解卷宗评查`,
      periodFrom: `${thisYear - 1}-01-01`,
      periodTo: `${thisYear - 1}-12-31`,
      deadline: addDays(today, 30),
    },
    "0be11e55",
  );
  const openRubric = now.review.rubric;
  const items = now.items;
  const waiting = new Set(items.filter(() => random.next() < 0.25)); // no scan yet
  const uploaded = items.filter((i) => !waiting.has(i));
  await upload(uploaded, new Date());
  const others = plain(uploaded);
  const mismatch = others[0];
  const returned = others.slice(1, 3);
  const corrected = others[3];
  const scoredShare = uploaded.filter((i) => !others.slice(0, 4).includes(i)).filter(() => random.next() < 0.5);
  for (const item of scoredShare) await score(item, openRubric, random.next() < 0.3 ? random.int(1, 3) : 0);
  await score(mismatch, openRubric, 0, true);
  for (const item of returned) await score(item, openRubric, 6);
  await score(corrected, openRubric, 6);
  await correct(corrected, "已补充当事人身份证明和回访记录，请重新评查。");
  return { reviews: 2, waiting: waiting.size };
}
