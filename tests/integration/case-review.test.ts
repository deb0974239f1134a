import { message } from "~/lib/messages";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inTransaction } from "~/.server/db/connection";
import { AuditEvent, CaseFile, CaseReviewItem, Mediator, OrgUnit, RoleGrant, Rubric, User } from "~/.server/db/models";
import { createOrgUnit, getOrgScope, type OrgScope } from "~/.server/org";
import { createCaseFile, type Actor } from "~/.server/cases/register";
import { compareCaseRollups } from "~/.server/cases/rollup";
import { mediatorCaseYears } from "~/.server/cases/stats";
import { closeReview, conflictOf, listReviews, openReview, recheckSample } from "~/.server/reviews/reviews";
import { scanFacts, scoreItem, uploadScans } from "~/.server/reviews/items";
import { reviewResults, reviewReportXlsx } from "~/.server/reviews/results";
import { drawSample, type PopulationFile } from "~/.server/reviews/sample";
import { caseFileSchema } from "~/lib/case-file";
import { openReviewSchema, quota, weightedRubric, type OpenReviewInput } from "~/lib/case-review";
import { withIds, type RubricGrade } from "~/lib/rubric";
import { DEMO_RUBRICS } from "../../db/seeders/demo-rubrics";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { hashPassword } from "~/.server/auth/password";
import { callRoute, cookieFor } from "../support/personas";
import * as scoreRoute from "~/routes/reviews.items.$id.score";

/**
 * Case-file quality review (卷宗评查): a county opens a review of its two townships' files; the
 * sample is drawn again from its seed; reviewers never get their own or their committee's files;
 * a file marked 与台账不符 leaves the mediator's figures and comes back when the committee corrects it.
 */
let db: TestDatabase;
let county: Actor & { scopes: OrgScope[] };
let eastAdmin: Actor & { scopes: OrgScope[] };
const u = {} as Record<"county" | "town" | "otherTown" | "east" | "west", OrgUnit>;
const m = {} as Record<"wang" | "li" | "zhao" | "zhou", Mediator>;
const people = {} as Record<"clerk" | "zhouUser" | "lawyer", User>;
let rubric: Rubric;
const pdf = (n: number) => ({ name: `卷宗${n}.pdf`, bytes: new TextEncoder().encode(`%PDF-1.4 scan ${n}`) });

beforeAll(async () => {
  db = await createMigratedDatabase();
  process.env.UPLOAD_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "academy-review-"));
  await inTransaction(async (t) => {
    const city = await createOrgUnit({ parentId: null, kind: "city", name: "云溪市" }, t);
    u.county = await createOrgUnit({ parentId: city.id, kind: "county", name: "青山县" }, t);
    u.town = await createOrgUnit({ parentId: u.county.id, kind: "township", name: "东镇" }, t);
    u.otherTown = await createOrgUnit({ parentId: u.county.id, kind: "township", name: "西镇" }, t);
    u.east = await createOrgUnit(
      { parentId: u.town.id, kind: "committee", committeeKind: "village_resident", name: "东村人民调解委员会" },
      t,
    );
    u.west = await createOrgUnit(
      { parentId: u.otherTown.id, kind: "committee", committeeKind: "village_resident", name: "西村人民调解委员会" },
      t,
    );
    const person = (orgUnitId: number, name: string) =>
      Mediator.create(
        { orgUnitId, name, gender: "male", birthYear: 1970, employment: "part_time", appointedOn: "2018-03-01", phone: null },
        { transaction: t },
      );
    m.wang = await person(u.east.id, "王建国");
    m.li = await person(u.east.id, "李秀英");
    m.zhao = await person(u.west.id, "赵志强");
    m.zhou = await person(u.west.id, "周德明");
    const user = (username: string) =>
      User.create({ username, displayName: username, passwordHash: "x", passwordChangedAt: null }, { transaction: t });
    people.clerk = await user("clerk");
    // 周德明 mediates on the west committee and also sits on the county's review panel.
    people.zhouUser = await user("zhou_reviewer");
    people.lawyer = await user("lawyer_trainer");
    await people.lawyer.update({ passwordHash: await hashPassword("lawyer-pass-2026") }, { transaction: t });
    await m.zhou.update({ userId: people.zhouUser.id }, { transaction: t });
    await RoleGrant.create({ userId: people.zhouUser.id, role: "reviewer", orgUnitId: u.county.id }, { transaction: t });
    await RoleGrant.create({ userId: people.lawyer.id, role: "trainer", orgUnitId: u.county.id }, { transaction: t });
    const r = withIds(DEMO_RUBRICS.find((x) => x.title === "卷宗评查")!);
    rubric = await Rubric.create(
      { orgUnitId: city.id, title: r.title, description: r.description, criteria: r.criteria, maxPoints: r.maxPoints, createdBy: null },
      { transaction: t },
    );
  });
  county = { id: people.clerk.id, scopes: [(await getOrgScope(u.county.id))!], ip: "test" };
  eastAdmin = { id: people.clerk.id, scopes: [(await getOrgScope(u.east.id))!], ip: "test" };
  // 2025 registers: east 40 files (wang 30, li 10, every fifth confirmed), west 20 (zhao 12, zhou 8, li assisting two of zhao's).
  let n = 0;
  const file = async (committee: OrgUnit, primary: Mediator, confirmed: boolean, assistants: number[] = []) => {
    n++;
    const parsed = caseFileSchema.parse({
      fileNo: `${committee.name.slice(0, 2)}调〔2025〕${n}号`,
      orgUnitId: committee.id,
      primaryMediatorId: primary.id,
      assistantIds: assistants,
      category: "neighbourhood",
      source: "application",
      receivedOn: `2025-${String((n % 12) + 1).padStart(2, "0")}-01`,
      closedOn: `2025-${String((n % 12) + 1).padStart(2, "0")}-10`,
      outcome: "success",
      agreementForm: "written",
      confirmation: confirmed ? "confirmed" : "none",
      followUp: true,
      performed: "yes",
      parties: 2,
      summary: "张某与李某因排水沟堵塞发生争执，经调解达成疏通协议。",
    });
    const made = await createCaseFile(county, parsed);
    if (!made.ok) throw new Error(JSON.stringify(made.errors));
  };
  for (let i = 0; i < 30; i++) await file(u.east, m.wang, i % 5 === 0);
  for (let i = 0; i < 10; i++) await file(u.east, m.li, false);
  for (let i = 0; i < 12; i++) await file(u.west, m.zhao, i % 4 === 0, i < 2 ? [m.li.id] : []);
  for (let i = 0; i < 8; i++) await file(u.west, m.zhou, false);
});
afterAll(async () => {
  await db.drop();
  if (process.env.UPLOAD_DIR) fs.rmSync(process.env.UPLOAD_DIR, { recursive: true, force: true });
});

const input = (over: Partial<OpenReviewInput> = {}): OpenReviewInput =>
  openReviewSchema.parse({
    title: "2025年度人民调解卷宗评查",
    orgUnitId: u.county.id,
    periodFrom: "2025-01-01",
    periodTo: "2025-12-31",
    rubricId: rubric.id,
    reviewerIds: [people.zhouUser.id, people.lawyer.id],
    deadline: "2099-12-31",
    ...over,
  });
const open = async (over: Partial<OpenReviewInput> = {}, seed = "c0ffee01") => {
  const r = await openReview(county, input(over), { seed });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.review;
};
const itemsOf = (reviewId: number) => CaseReviewItem.findAll({ where: { reviewId }, order: [["id", "ASC"]] });
/** Every criterion at its top level (full marks) or its lowest. */
const grade = (top: boolean, comment = ""): RubricGrade =>
  Object.fromEntries(rubric.criteria.map((c) => [c.id, { levelId: (top ? c.levels[0] : c.levels[c.levels.length - 1]).id, comment }]));

describe("drawing the sample", () => {
  const population: PopulationFile[] = Array.from({ length: 200 }, (_, i) => ({
    id: i + 1,
    primaryMediatorId: (i % 7) + 1,
    confirmed: i % 10 === 0,
  }));

  it("is the same for the same seed, and takes 10 % of confirmed files, 5 % of the rest and one per mediator", () => {
    const a = drawSample(population, { confirmedPercent: 10, otherPercent: 5, minPerMediator: 1 }, "1a2b3c4d");
    const b = drawSample([...population].reverse(), { confirmedPercent: 10, otherPercent: 5, minPerMediator: 1 }, "1a2b3c4d");
    expect(b).toEqual(a);
    expect(drawSample(population, { confirmedPercent: 10, otherPercent: 5, minPerMediator: 1 }, "00000001")).not.toEqual(a);
    expect(a.filter((d) => d.stratum === "confirmed")).toHaveLength(2); // ⌈20 × 10 %⌉
    expect(a.filter((d) => d.stratum === "other")).toHaveLength(9); // ⌈180 × 5 %⌉
    expect(new Set(a.map((d) => d.id)).size).toBe(a.length);
    const mediators = new Set(a.map((d) => population[d.id - 1].primaryMediatorId));
    expect(mediators.size).toBe(7);
    for (const d of a.filter((x) => x.stratum === "confirmed")) expect(population[d.id - 1].confirmed).toBe(true);
  });

  it("rounds each stratum up, never beyond its size", () => {
    expect([quota(0, 10), quota(1, 5), quota(20, 10), quota(21, 10), quota(3, 100), quota(5, 0)]).toEqual([0, 1, 2, 3, 3, 0]);
  });

  it("a review drawn twice with the same seed from the same register holds the same files, and its page can check it", async () => {
    const first = await open({}, "5eed0001");
    const second = await open({}, "5eed0001");
    const ids = async (id: number) => (await itemsOf(id)).map((i) => i.caseFileId).sort((a, b) => a - b);
    expect(await ids(second.id)).toEqual(await ids(first.id));
    expect(first.population).toBe(60);
    expect(await recheckSample(first)).toMatchObject({ sameSample: true, samePopulation: true });
    // A file entered later, closed in the period, is not in the population drawn from (ids above the recorded maximum).
    expect(first.seed).toBe("5eed0001");
    const audit = await AuditEvent.findOne({ where: { action: "review.opened", targetId: String(first.id) } });
    expect(JSON.parse(audit!.afterSummary!)).toMatchObject({ seed: "5eed0001", population: 60 });
  });
});

describe("reviewers and their conflicts of interest", () => {
  it("own file (primary or assisting) and own committee are conflicts", () => {
    const reviewer = { userId: 1, mediatorIds: [9], committeeIds: [3], grantOrgIds: [5] };
    expect(conflictOf(reviewer, { committeeId: 4, mediatorIds: [8, 9] })).toBe("ownFile");
    expect(conflictOf(reviewer, { committeeId: 3, mediatorIds: [8] })).toBe("ownCommittee");
    expect(conflictOf(reviewer, { committeeId: 5, mediatorIds: [8] })).toBe("ownCommittee");
    expect(conflictOf(reviewer, { committeeId: 4, mediatorIds: [8] })).toBeNull();
  });

  it("never assigns a west-committee file to 周德明, who mediates there", async () => {
    const review = await open({}, "a11ce000");
    const items = await itemsOf(review.id);
    expect(items.some((i) => i.orgUnitId === u.west.id)).toBe(true);
    for (const i of items.filter((x) => x.orgUnitId === u.west.id)) expect(i.reviewerUserId).toBe(people.lawyer.id);
    expect(items.some((i) => i.reviewerUserId === people.zhouUser.id)).toBe(true);
  });

  it("refuses to open a review whose files some reviewer could not take", async () => {
    const r = await openReview(county, input({ reviewerIds: [people.zhouUser.id] }), { seed: "a11ce000" });
    expect(r).toEqual({ ok: false, errors: { reviewerIds: ["review.error.noEligibleReviewer"] } });
    expect(await openReview(county, input({ weights: [10, 10, 10, 15, 15, 20, 10, 5, 4] }))).toEqual({
      ok: false,
      errors: { weights: [message("review.error.weightsTotal", { total: 100 })] },
    });
    expect(await openReview(eastAdmin, input())).toEqual({ ok: false, errors: { orgUnitId: ["review.error.node"] } });
  });

  it("a reviewer scoring a file not assigned to them, or their own file, is refused", async () => {
    const review = await open({}, "b0b0b0b0");
    const items = await itemsOf(review.id);
    const lawyers = items.find((i) => i.reviewerUserId === people.lawyer.id)!;
    expect(
      await scoreItem({ id: people.zhouUser.id }, lawyers.id, {
        grade: grade(true),
        comment: "",
        mismatch: false,
        reason: "",
        version: lawyers.lockVersion,
      }),
    ).toEqual({ ok: false, error: "notAssigned" });
    // Forced onto their own file and onto a file of their committee (as a later register correction might), they are still refused.
    const zhous = await CaseReviewItem.findOne({ where: { reviewId: review.id, primaryMediatorId: m.zhou.id } });
    await zhous!.update({ reviewerUserId: people.zhouUser.id });
    expect(
      await scoreItem({ id: people.zhouUser.id }, zhous!.id, {
        grade: grade(true),
        comment: "",
        mismatch: false,
        reason: "",
        version: zhous!.lockVersion,
      }),
    ).toEqual({ ok: false, error: "ownFile" });
    const zhaos = await CaseReviewItem.findOne({ where: { reviewId: review.id, primaryMediatorId: m.zhao.id } });
    await zhaos!.update({ reviewerUserId: people.zhouUser.id });
    const result = await scoreItem({ id: people.zhouUser.id }, zhaos!.id, {
      grade: grade(true),
      comment: "",
      mismatch: false,
      reason: "",
      version: zhaos!.lockVersion,
    });
    expect(result).toEqual({ ok: false, error: "ownCommittee" });
    expect(
      await AuditEvent.count({
        where: {
          action: ["review_item.scored", "review_item.rescored"],
          targetId: [String(zhous!.id), String(zhaos!.id), String(lawyers.id)],
        },
      }),
    ).toBe(0);
  });
});

describe("scoring, returning and 与台账不符", () => {
  it("a weighted rubric keeps each level's share of its criterion", () => {
    const w = weightedRubric(rubric as never, [20, 10, 10, 15, 15, 10, 10, 5, 5]);
    expect(w.maxPoints).toBe(100);
    expect(w.criteria[0].levels.map((l) => l.points)).toEqual([20, 10, 0]);
    expect(w.criteria[5].levels.map((l) => l.points)).toEqual([10, 5, 0]);
  });

  it("scores need a scan; under the pass line the file goes back with comments; a change needs a reason and is audited", async () => {
    const review = await open({}, "dec0de01");
    const item = (await itemsOf(review.id)).find((i) => i.orgUnitId === u.east.id && i.reviewerUserId)!;
    const reviewer = { id: item.reviewerUserId! };
    expect(
      await scoreItem(reviewer, item.id, { grade: grade(true), comment: "", mismatch: false, reason: "", version: item.lockVersion }),
    ).toEqual({ ok: false, error: "noScan" });
    expect(await uploadScans({ ...eastAdmin }, item.id, [], "")).toEqual({ ok: false, error: "noFiles" });
    expect(await uploadScans({ ...eastAdmin }, item.id, [pdf(1)], "")).toEqual({ ok: true, stage: "awaiting_score" });
    expect((await scanFacts(item.caseFileId))!.namedIds).toContain(reviewer.id);
    let v = (await item.reload()).lockVersion;
    expect(await scoreItem(reviewer, item.id, { grade: grade(false), comment: "", mismatch: false, reason: "", version: v })).toEqual({
      ok: false,
      error: "returnNeedsComment",
    });
    expect(
      await scoreItem(reviewer, item.id, {
        grade: grade(false, "缺少笔录"),
        comment: "调查笔录、调解笔录均缺失。",
        mismatch: false,
        reason: "",
        version: v,
      }),
    ).toEqual({ ok: true, stage: "returned", score: 0 });
    // The committee corrects it (a note is required), and it comes back to the reviewer.
    expect(await uploadScans(eastAdmin, item.id, [], "")).toEqual({ ok: false, error: "noteRequired" });
    expect(await uploadScans(eastAdmin, item.id, [pdf(2)], "已补齐调查笔录和调解笔录。")).toEqual({ ok: true, stage: "awaiting_score" });
    v = (await item.reload()).lockVersion;
    expect(await scoreItem(reviewer, item.id, { grade: grade(true), comment: "", mismatch: false, reason: "", version: v })).toEqual({
      ok: true,
      stage: "passed",
      score: 100,
    });
    // Changing a given result: a reason, an audit row with the score before and after.
    v = (await item.reload()).lockVersion;
    expect(await scoreItem(reviewer, item.id, { grade: grade(true), comment: "", mismatch: false, reason: "", version: v })).toEqual({
      ok: false,
      error: "reasonRequired",
    });
    expect(await scoreItem(reviewer, item.id, { grade: grade(true), comment: "", mismatch: false, reason: "", version: v - 1 })).toEqual({
      ok: false,
      error: "conflict",
    });
    const g = grade(true);
    g[rubric.criteria[8].id].levelId = rubric.criteria[8].levels[1].id;
    expect(await scoreItem(reviewer, item.id, { grade: g, comment: "", mismatch: false, reason: "装订顺序有误", version: v })).toEqual({
      ok: true,
      stage: "passed",
      score: 98,
    });
    const rescored = await AuditEvent.findOne({ where: { action: "review_item.rescored", targetId: String(item.id) } });
    expect(rescored!.reason).toBe("装订顺序有误");
    expect(JSON.parse(rescored!.beforeSummary!).score).toBe(100);
    expect(JSON.parse(rescored!.afterSummary!).score).toBe(98);
    expect(await AuditEvent.count({ where: { targetType: "case_review_item", targetId: String(item.id) } })).toBe(5); // uploaded, scored, corrected, scored, rescored
    const results = await reviewResults(review);
    expect(results.total.scored).toBe(1);
    const listed = (await listReviews(county.scopes)).find((r) => r.id === review.id)!;
    expect(listed.stages.passed).toBe(1);
    expect(Object.values(listed.stages).reduce((a, b) => a + b, 0)).toBe(results.total.files);
    expect(results.mediators.find((x) => x.id === item.primaryMediatorId)!.mean).toBe(98);
    const xlsx = await reviewReportXlsx(review, "青山县", results);
    expect(xlsx.subarray(0, 2).toString()).toBe("PK");
  });

  it("a file marked 与台账不符 leaves the mediator's figures in the same write, and returns when the committee corrects it", async () => {
    const review = await open({}, "f00dcafe");
    const item = (await itemsOf(review.id)).find((i) => i.orgUnitId === u.east.id && i.reviewerUserId)!;
    const handled = async () => (await mediatorCaseYears(item.primaryMediatorId)).find((y) => y.year === 2025)!.handled;
    const before = await handled();
    expect(
      await scoreItem({ id: item.reviewerUserId! }, item.id, {
        grade: {},
        comment: "",
        mismatch: true,
        reason: "",
        version: item.lockVersion,
      }),
    ).toEqual({ ok: false, error: "mismatchComment" });
    // No scan at all: the file is missing, which is also 与台账不符.
    expect(
      await scoreItem({ id: item.reviewerUserId! }, item.id, {
        grade: {},
        comment: "调委会称卷宗未归档，无法提供。",
        mismatch: true,
        reason: "",
        version: item.lockVersion,
      }),
    ).toMatchObject({ ok: true, stage: "mismatch" });
    expect(await handled()).toBe(before - 1);
    expect((await CaseFile.findByPk(item.caseFileId))!.voided).toBe(true);
    expect(await compareCaseRollups()).toEqual([]);
    expect(await AuditEvent.count({ where: { action: "case.voided", targetId: String(item.caseFileId) } })).toBe(1);
    expect((await reviewResults(review)).total.mismatch).toBe(1);
    // The committee finds the file and corrects it: it counts again.
    expect(await uploadScans(eastAdmin, item.id, [pdf(3)], "卷宗已找到并补充归档。")).toEqual({ ok: true, stage: "awaiting_score" });
    expect(await handled()).toBe(before);
    expect((await CaseFile.findByPk(item.caseFileId))!.voided).toBe(false);
    expect(await compareCaseRollups()).toEqual([]);
    expect(await AuditEvent.count({ where: { action: "case.restored", targetId: String(item.caseFileId) } })).toBe(1);
  });

  it("a closed review takes no more scores or uploads", async () => {
    const review = await open({}, "c105ed00");
    const item = (await itemsOf(review.id))[0];
    expect(await closeReview(county, review.id, "评查工作结束")).toEqual({ ok: true });
    expect(await closeReview(county, review.id, "再次")).toEqual({ ok: false, error: "closed" });
    expect(
      await scoreItem({ id: item.reviewerUserId! }, item.id, {
        grade: {},
        comment: "不符",
        mismatch: true,
        reason: "",
        version: item.lockVersion,
      }),
    ).toEqual({ ok: false, error: "closed" });
    expect(await uploadScans(county, item.id, [pdf(4)], "")).toEqual({ ok: false, error: "closed" });
  });
});

describe("the reviewer's form, as the browser sends it", () => {
  it("scores with a level and a comment per item and an overall comment; another reviewer's file is not found", async () => {
    const review = await open({}, "f0f0f0f0");
    const items = await itemsOf(review.id);
    const mine = items.find((i) => i.reviewerUserId === people.lawyer.id)!;
    const theirs = items.find((i) => i.reviewerUserId === people.zhouUser.id)!;
    const scopes = [(await getOrgScope(mine.orgUnitId))!];
    expect(await uploadScans({ id: people.clerk.id, scopes, ip: "test" }, mine.id, [pdf(9)], "")).toMatchObject({ ok: true });
    const cookie = await cookieFor("lawyer_trainer", "lawyer-pass-2026");
    const form: Record<string, string> = { version: String((await mine.reload()).lockVersion), overallComment: "笔录不全，请补正。" };
    for (const c of rubric.criteria) {
      form[`level.${c.id}`] = c.levels[c.levels.length - 1].id;
      form[`comment.${c.id}`] = `${c.name}缺失`;
    }
    const done = await callRoute(scoreRoute.action as never, {
      url: `/reviews/items/${mine.id}/score`,
      params: { id: String(mine.id) },
      form,
      cookie,
    });
    expect(done).toMatchObject({ status: 302, location: `/reviews/items/${mine.id}/score?saved=returned` });
    await mine.reload();
    expect(mine.comment).toBe("笔录不全，请补正。");
    expect(mine.grade![rubric.criteria[0].id].comment).toBe(`${rubric.criteria[0].name}缺失`);
    const refused = await callRoute(scoreRoute.action as never, {
      url: `/reviews/items/${theirs.id}/score`,
      params: { id: String(theirs.id) },
      form,
      cookie,
    });
    expect(refused.status).toBe(404);
  });
});
