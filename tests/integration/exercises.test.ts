import { Op } from "sequelize";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Attachment, AuditEvent, Exercise, ExerciseSubmission, Rubric, TrainingRecord, User } from "~/.server/db/models";
import { createExercise, exerciseFor } from "~/.server/exercises/exercises";
import { parseExerciseForm } from "~/.server/web/exercise-form";
import { nextUngraded, releaseAll, saveGrade, submissionForGrading, submissionQueue, type GradeInput } from "~/.server/exercises/grading";
import { saveSubmission } from "~/.server/exercises/submissions";
import { getOrgScope, type OrgScope } from "~/.server/org";
import type { RubricGrade } from "~/lib/rubric";
import * as exerciseRoute from "~/routes/exercises.$id._index";
import ExcelJS from "exceljs";
import { exerciseReport, exerciseReportXlsx } from "~/.server/exercises/report";
import * as gradeRoute from "~/routes/grading.submissions.$id";
import * as gradingIndex from "~/routes/grading._index";
import * as materialRoute from "~/routes/exercises.$id.files.$fileId";
import * as ownFileRoute from "~/routes/exercises.$id.my-files.$fileId";
import * as gradeFileRoute from "~/routes/grading.submissions.$id.files.$fileId";
import { listAttachments } from "~/.server/attachments";
import { Mediator } from "~/.server/db/models";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { BASE, callRoute, seedWithPersonas } from "../support/personas";
import { createTakers } from "../support/quiz-takers";

let db: TestDatabase;
let ids: Awaited<ReturnType<typeof seedWithPersonas>>;
let county1: OrgScope[];
let county2: OrgScope[];
let trainer: { id: number; scopes: OrgScope[] };
let exercise: Exercise;
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

const form = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
};
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 16);

beforeAll(async () => {
  db = await createMigratedDatabase();
  ids = await seedWithPersonas();
  process.env.UPLOAD_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "academy-exercises-"));
  county1 = [(await getOrgScope(ids.county1.id))!];
  county2 = [(await getOrgScope(ids.county2.id))!];
  trainer = { id: (await User.findOne({ where: { username: "demo_trainer" } }))!.id, scopes: county1 };
});
afterAll(async () => {
  await db.drop();
  fs.rmSync(process.env.UPLOAD_DIR!, { recursive: true, force: true });
});

const drill = async () => (await Rubric.findOne({ where: { title: "模拟调解" } }))!;
/** A complete grade: the level at `index` (0 best) for every criterion. */
const gradeAt = (e: Exercise, index: number): RubricGrade =>
  Object.fromEntries(e.rubric.criteria.map((c) => [c.id, { levelId: c.levels[index].id, comment: "" }]));

describe("setting an exercise", () => {
  it("seeds the three library rubrics with their totals", async () => {
    const rubrics = await Rubric.findAll({ order: [["title", "ASC"]] });
    expect(Object.fromEntries(rubrics.map((r) => [r.title, r.maxPoints]))).toEqual({ 卷宗评查: 100, 模拟调解: 60, 调解协议书起草: 100 });
    const review = rubrics.find((r) => r.title === "卷宗评查")!;
    expect(review.criteria.map((c) => c.name)).toEqual([
      "申请与受理登记",
      "权利义务告知",
      "当事人身份证明",
      "调查笔录",
      "调解笔录",
      "调解协议书",
      "回访记录",
      "司法确认材料",
      "装订与归档",
    ]);
  });

  it("refuses a past due date, an audience outside the trainer's subtree and an unknown rubric", async () => {
    const existing = await Exercise.count();
    const base = {
      title: "模拟调解：宅基地界址纠纷",
      brief: "## 案情\n张某与李某……",
      passPercent: "60",
      latePolicy: "refuse",
      resubmissions: "1",
      hours: "2",
      form: "drill",
      anonymous: "on",
    };
    const parsed = parseExerciseForm(
      form({ ...base, rubricId: String((await drill()).id), audience: `org:${ids.county2.id}`, dueAt: "2020-01-01T09:00" }),
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const refused = await createExercise(trainer, parsed.input);
    expect(refused).toMatchObject({ ok: false, errors: { audience: ["exercise.audienceOutside"], dueAt: ["exercise.duePast"] } });
    const unknown = parseExerciseForm(form({ ...base, rubricId: "999999", audience: `org:${ids.township.id}`, dueAt: inAWeek() }));
    if (!unknown.ok) throw new Error("the form itself is valid");
    expect(await createExercise(trainer, unknown.input)).toMatchObject({ ok: false, errors: { rubricId: ["exercise.rubricUnknown"] } });
    expect(parseExerciseForm(form({ ...base, hours: "0", rubricId: "1", audience: "x", dueAt: "soon" }))).toMatchObject({
      ok: false,
      errors: { hours: ["exercise.hoursRange"], audience: ["validation.required"], dueAt: ["exercise.dueInvalid"] },
    });
    // An empty number is missing, not 0.
    expect(
      parseExerciseForm(form({ ...base, passPercent: "", rubricId: "1", audience: `org:${ids.township.id}`, dueAt: inAWeek() })),
    ).toMatchObject({ ok: false, errors: { passPercent: expect.any(Array) } });
    expect(await Exercise.count()).toBe(existing);
  });

  it("sets an anonymous exercise for a township, with a copy of its rubric", async () => {
    const parsed = parseExerciseForm(
      form({
        title: "模拟调解：宅基地界址纠纷",
        brief: "## 案情\n张某与李某因院墙界址争执，请写出你的调解方案。",
        rubricId: String((await drill()).id),
        passPercent: "60",
        audience: `org:${ids.township.id}`,
        dueAt: inAWeek(),
        latePolicy: "refuse",
        resubmissions: "1",
        hours: "2",
        form: "drill",
        anonymous: "on",
      }),
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const created = await createExercise(trainer, parsed.input);
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    exercise = created.exercise;
    expect(exercise.rubric.maxPoints).toBe(60);
    expect(exercise.anonymous).toBe(true);
    expect((await exerciseFor({ id: ids.mediatorUser.id, scopes: [] }, exercise.id))?.member).toBe(true);
    expect((await exerciseFor({ id: trainer.id, scopes: county1 }, exercise.id))?.staff).toBe(true);
    const [outsider] = await createTakers(1, ids.county2Mediator.orgUnitId);
    expect(await exerciseFor({ id: outsider.userId, scopes: [] }, exercise.id)).toBeNull();
  });
});

describe("a course's students as the audience", () => {
  it("reaches mediators of the trainer's area enrolled in the course, and no one else", async () => {
    const parsed = parseExerciseForm(
      form({
        title: "案例评析：欠薪纠纷",
        brief: "评析案例。",
        rubricId: String((await drill()).id),
        passPercent: "60",
        audience: "course:labour",
        dueAt: inAWeek(),
        latePolicy: "accept",
        resubmissions: "0",
        hours: "1",
        form: "case_review",
      }),
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const created = await createExercise(trainer, parsed.input);
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const [inArea] = await createTakers(1, ids.townshipMediator.orgUnitId);
    const [elsewhere] = await createTakers(1, ids.county2Mediator.orgUnitId);
    const { enrol } = await import("~/.server/courses/progress");
    const { exerciseLists } = await import("~/.server/exercises/exercises");
    expect(await exerciseFor({ id: inArea.userId, scopes: [] }, created.exercise.id)).toBeNull();
    await enrol(inArea.userId, "labour");
    await enrol(elsewhere.userId, "labour");
    expect((await exerciseFor({ id: inArea.userId, scopes: [] }, created.exercise.id))?.member).toBe(true);
    expect(await exerciseFor({ id: elsewhere.userId, scopes: [] }, created.exercise.id)).toBeNull();
    expect((await exerciseLists({ id: inArea.userId, scopes: [] })).mine.map((m) => m.exercise.id)).toContain(created.exercise.id);
    expect((await exerciseLists({ id: elsewhere.userId, scopes: [] })).mine.map((m) => m.exercise.id)).not.toContain(created.exercise.id);
  });
});

describe("submitting", () => {
  it("saves a draft, refuses a disguised file without writing anything, then submits", async () => {
    const userId = ids.mediatorUser.id;
    const draft = await saveSubmission(userId, exercise, { body: "一、先分开谈话……", intent: "draft" }, []);
    expect(draft).toMatchObject({ ok: true, submission: { state: "draft" } });
    const disguised = await saveSubmission(userId, exercise, { body: "改过的方案", intent: "submit" }, [
      { name: "方案.pdf", bytes: Uint8Array.from([0x4d, 0x5a, 0x90, 0x00]) },
    ]);
    expect(disguised).toEqual({ ok: false, field: "files", error: "training.fileType" });
    expect((await ExerciseSubmission.findOne({ where: { userId } }))!.body).toBe("一、先分开谈话……");
    const submitted = await saveSubmission(
      userId,
      exercise,
      { body: "## 调解方案\n一、分开谈话，了解双方诉求；二、现场指认界址。", intent: "submit" },
      [{ name: "现场草图.png", bytes: PNG }],
    );
    expect(submitted).toMatchObject({ ok: true, submission: { state: "submitted", late: false } });
    expect(await Attachment.count({ where: { ownerKind: "submission" } })).toBe(1);
    expect(await saveSubmission(userId, exercise, { body: "再改", intent: "submit" }, [])).toEqual({
      ok: false,
      field: "form",
      error: "exercise.locked",
    });
  });

  it("shows the mediator the answer they handed in once it is submitted", async () => {
    const page = await callRoute(exerciseRoute.loader as never, {
      url: `/exercises/${exercise.id}`,
      params: { id: String(exercise.id) },
      cookie: ids.cookies.mediator,
    });
    const mine = (page.body as { mine: { state: string; bodyHtml: string | null } }).mine;
    expect(mine.state).toBe("submitted");
    expect(mine.bodyHtml).toContain("调解方案");
    expect(mine.bodyHtml).toContain("现场指认界址");
  });

  it("refuses a submission after the due time when late work is refused", async () => {
    const [late] = await createTakers(1, ids.townshipMediator.orgUnitId);
    const after = new Date(exercise.dueAt.getTime() + 60_000);
    expect(await saveSubmission(late.userId, exercise, { body: "迟交的方案", intent: "submit" }, [], after)).toEqual({
      ok: false,
      field: "form",
      error: "exercise.lateRefused",
    });
    expect(await ExerciseSubmission.count({ where: { userId: late.userId } })).toBe(0);
  });
});

describe("grading with the rubric", () => {
  let submissionId: number;
  const input = (over: Partial<GradeInput>): GradeInput => ({
    grade: gradeAt(exercise, 0),
    overallComment: "",
    version: 0,
    intent: "save",
    reason: "",
    ...over,
  });

  it("queues the submission anonymously for the township's trainer only", async () => {
    const queue = await submissionQueue(county1, { exerciseId: exercise.id });
    expect(queue.counts.submitted).toBe(1);
    submissionId = queue.rows[0].id;
    expect(queue.rows[0].name).toMatch(/^A-[0-9A-F]{6}$/);
    const forGrader = (await submissionForGrading(county1, submissionId))!;
    expect(JSON.stringify({ name: forGrader.name, html: forGrader.bodyHtml })).not.toContain(ids.mediatorUser.displayName);
    expect(forGrader.bodyHtml).toContain("<h2>调解方案</h2>");
    expect(await nextUngraded(county1, exercise.id)).toBe(submissionId);
    expect(await submissionForGrading(county2, submissionId)).toBeNull();
    expect(await saveGrade({ id: trainer.id, scopes: county2 }, submissionId, input({}))).toEqual({ ok: false, error: "notFound" });
  });

  it("refuses a level the rubric does not have, and an incomplete release", async () => {
    const bad = { ...gradeAt(exercise, 0), c1: { levelId: "c9l9", comment: "" } };
    expect(await saveGrade(trainer, submissionId, input({ grade: bad }))).toEqual({ ok: false, error: "invalidLevel" });
    const partial = { c1: { levelId: exercise.rubric.criteria[0].levels[0].id, comment: "" } };
    expect(await saveGrade(trainer, submissionId, input({ grade: partial, intent: "release" }))).toEqual({
      ok: false,
      error: "incomplete",
    });
    expect((await ExerciseSubmission.findByPk(submissionId))!.lockVersion).toBe(0);
  });

  it("saves a draft grade, and tells a second grader with a stale version about the conflict", async () => {
    expect(
      await saveGrade(trainer, submissionId, input({ grade: gradeAt(exercise, 1), overallComment: "方案可行，细节还可以更具体。" })),
    ).toEqual({ ok: true, state: "graded" });
    const county = { id: (await User.findOne({ where: { username: "demo_county" } }))!.id, scopes: county1 };
    expect(await saveGrade(county, submissionId, input({ grade: gradeAt(exercise, 3) }))).toEqual({ ok: false, error: "conflict" });
    const saved = (await ExerciseSubmission.findByPk(submissionId))!;
    expect(saved).toMatchObject({ state: "graded", score: 48, lockVersion: 1, passed: true });
    expect(await TrainingRecord.count({ where: { source: "exercise" } })).toBe(0);
  });

  it("releases once, with one training record, and names the mediator from then on", async () => {
    expect(await saveGrade(trainer, submissionId, input({ grade: gradeAt(exercise, 1), version: 1, intent: "release" }))).toEqual({
      ok: true,
      state: "released",
    });
    expect(await saveGrade(trainer, submissionId, input({ grade: gradeAt(exercise, 1), version: 2, intent: "release" }))).toEqual({
      ok: false,
      error: "alreadyReleased",
    });
    expect(await releaseAll(trainer, exercise.id)).toBe(0);
    const records = await TrainingRecord.findAll({ where: { source: "exercise", sourceId: String(submissionId) } });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ hours: 2, form: "drill", userId: ids.mediatorUser.id });
    expect((await submissionQueue(county1, { exerciseId: exercise.id })).rows[0].name).not.toMatch(/^A-/);
  });

  it("confirms a release on the grading queue it lands on (and only for states it knows)", async () => {
    const open = async (query: string) =>
      (await callRoute(gradingIndex.loader as never, { url: `/grading${query}`, cookie: ids.cookies.trainer })).body as {
        saved: string | null;
      };
    expect((await open(`?exercise=${exercise.id}&saved=released`)).saved).toBe("released");
    expect((await open("?saved=returned")).saved).toBe("returned");
    expect((await open("?saved=<script>")).saved).toBeNull();
    expect((await open("")).saved).toBeNull();
  });

  it("moderation: a released grade changes only with a reason, audited, and the ledger follows pass/fail", async () => {
    expect(await saveGrade(trainer, submissionId, input({ grade: gradeAt(exercise, 3), version: 2 }))).toEqual({
      ok: false,
      error: "reasonRequired",
    });
    expect(
      await saveGrade(trainer, submissionId, input({ grade: gradeAt(exercise, 3), version: 2, reason: "复核：方案没有征得双方同意" })),
    ).toEqual({ ok: true, state: "released" });
    expect(await TrainingRecord.count({ where: { source: "exercise", sourceId: String(submissionId) } })).toBe(0);
    const event = (await AuditEvent.findOne({ where: { action: "exercise.regrade", targetId: String(submissionId) } }))!;
    expect(event.reason).toBe("复核：方案没有征得双方同意");
    expect(JSON.parse(event.beforeSummary!)).toMatchObject({ score: 48 });
    expect(JSON.parse(event.afterSummary!)).toMatchObject({ score: 0 });
    // The mediator is told on their home page; only they can mark it read.
    const { unreadNotifications, markRead } = await import("~/.server/notifications");
    // The demo seed leaves the mediator other unread messages (an expert's answer): only the exercise's count here.
    const aboutExercises = async () => (await unreadNotifications(ids.mediatorUser.id)).filter((m) => m.subject?.type === "exercise");
    const messages = await aboutExercises();
    // Newest first: the change after release, then the release itself.
    expect(messages).toEqual([
      expect.objectContaining({
        kind: "exerciseRegraded",
        params: { title: exercise.title, score: 0, max: 60 },
        subject: { type: "exercise", id: String(exercise.id) },
      }),
      expect.objectContaining({ kind: "exerciseReleased", subject: { type: "exercise", id: String(exercise.id) } }),
    ]);
    expect(await markRead(trainer.id, messages[0].id)).toBe(false);
    expect(await markRead(ids.mediatorUser.id, messages[0].id)).toBe(true);
    expect(await markRead(ids.mediatorUser.id, messages[1].id)).toBe(true);
    expect(await aboutExercises()).toEqual([]);
  });

  it("returns a submission for revision with a comment, and allows the resubmissions the exercise grants", async () => {
    const [taker] = await createTakers(1, ids.townshipMediator.orgUnitId);
    const first = await saveSubmission(taker.userId, exercise, { body: "第一稿", intent: "submit" }, []);
    if (!first.ok) throw new Error(first.error);
    const id = first.submission.id;
    expect(await saveGrade(trainer, id, input({ intent: "return" }))).toEqual({ ok: false, error: "returnNeedsComment" });
    expect(await saveGrade(trainer, id, input({ intent: "return", overallComment: "请补充履行方式和期限。" }))).toEqual({
      ok: true,
      state: "returned",
    });
    expect(await saveSubmission(taker.userId, exercise, { body: "第二稿", intent: "submit" }, [])).toMatchObject({
      ok: true,
      submission: { state: "submitted", round: 2 },
    });
    expect(await saveGrade(trainer, id, input({ intent: "return", overallComment: "仍需补充。", version: 1 }))).toEqual({
      ok: true,
      state: "returned",
    });
    expect(await saveSubmission(taker.userId, exercise, { body: "第三稿", intent: "submit" }, [])).toEqual({
      ok: false,
      field: "form",
      error: "exercise.noResubmissions",
    });
    const audits = await AuditEvent.count({ where: { action: "exercise.return", targetId: String(id) } });
    expect(audits).toBe(2);
  });
});

describe("files", () => {
  it("keeps case materials for the audience and staff, refuses disguised ones, and a submission's files for their author", async () => {
    const parsed = parseExerciseForm(
      form({
        title: "案例评析：相邻排水纠纷",
        brief: "阅读案例材料，写出评析。",
        rubricId: String((await drill()).id),
        passPercent: "60",
        audience: `org:${ids.township.id}`,
        dueAt: inAWeek(),
        latePolicy: "accept",
        resubmissions: "0",
        hours: "1",
        form: "case_review",
      }),
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const before = await Exercise.count();
    expect(await createExercise(trainer, parsed.input, [{ name: "材料.pdf", bytes: Uint8Array.from([0x4d, 0x5a]) }])).toMatchObject({
      ok: false,
      errors: { materials: ["training.fileType"] },
    });
    expect(await Exercise.count()).toBe(before);
    const created = await createExercise(trainer, parsed.input, [{ name: "现场照片.png", bytes: PNG }]);
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const material = (await Attachment.findOne({ where: { ownerKind: "exercise", ownerId: created.exercise.id } }))!;
    expect(material).toMatchObject({ originalName: "现场照片.png", mime: "image/png", uploadedBy: trainer.id });
    const get = (cookie: string | null) =>
      callRoute(materialRoute.loader as never, {
        url: `/exercises/${created.exercise.id}/files/${material.id}`,
        params: { id: String(created.exercise.id), fileId: String(material.id) },
        cookie,
      });
    expect((await get(ids.cookies.mediator)).status).toBe(200);
    expect((await get(ids.cookies.trainer)).status).toBe(200);
    expect((await get(ids.cookies.otherCounty)).status).toBe(404);

    const submission = (await ExerciseSubmission.findOne({ where: { exerciseId: exercise.id, userId: ids.mediatorUser.id } }))!;
    const [own] = await listAttachments("submission", submission.id);
    const ownGet = (cookie: string | null) =>
      callRoute(ownFileRoute.loader as never, {
        url: `/exercises/${exercise.id}/my-files/${own.id}`,
        params: { id: String(exercise.id), fileId: String(own.id) },
        cookie,
      });
    expect((await ownGet(ids.cookies.mediator)).status).toBe(200);
    // Whoever may read the submission may download its files, whichever URL names them: its graders too, no one else.
    expect((await ownGet(ids.cookies.trainer)).status).toBe(200);
    expect((await ownGet(ids.cookies.otherCounty)).status).toBe(404);
    expect((await ownGet(ids.cookies.reviewer)).status).toBe(404);
    // The file under another exercise's URL: not found.
    const elsewhere = await callRoute(ownFileRoute.loader as never, {
      url: `/exercises/${created.exercise.id}/my-files/${own.id}`,
      params: { id: String(created.exercise.id), fileId: String(own.id) },
      cookie: ids.cookies.mediator,
    });
    expect(elsewhere.status).toBe(404);
  });
});

describe("the exercise report", () => {
  it("counts, averages and buckets the subtree's results, and exports them", async () => {
    const report = await exerciseReport(county1, exercise);
    const states = (await ExerciseSubmission.findAll({ where: { exerciseId: exercise.id } })).map((s) => s.state).sort();
    expect(report.submitted).toBe(states.filter((s) => s !== "draft").length);
    // demo_mediator's grade, lowered to 0 in moderation, is the one released and scored result.
    expect(report).toMatchObject({ graded: 1, released: 1, average: 0, passRate: 0 });
    expect(report.buckets[0].count).toBe(1);
    expect(report.buckets.reduce((n, b) => n + b.count, 0)).toBe(1);
    expect(report.criteria.every((c) => c.mean === 0 && c.max === 10)).toBe(true);
    expect((await exerciseReport(county2, exercise)).submitted).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await exerciseReportXlsx(exercise, report)) as never);
    const sheet = book.getWorksheet("成绩")!;
    expect(sheet.rowCount).toBe(report.rows.length + 2);
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      "姓名",
      "调委会",
      "状态",
      "提交时间",
      "逾期",
      "得分",
      "是否合格",
      ...exercise.rubric.criteria.map((c) => c.name),
    ]);
  });
});

describe("through the pages", () => {
  it("refuses an oversized file on the form, writing nothing", async () => {
    const [taker] = await createTakers(1, ids.townshipMediator.orgUnitId);
    const before = await ExerciseSubmission.count();
    const body = new FormData();
    body.set("intent", "submit");
    body.set("body", "我的方案");
    body.append("files", new Blob([new Uint8Array(10 * 1024 * 1024 + 10)]), "大文件.pdf");
    const user = (await User.findByPk(taker.userId))!;
    const { createSession } = await import("~/.server/web/session");
    const cookie = (await createSession(user.id, new Request(BASE))).split(";")[0];
    const result = await exerciseRoute.action({
      request: new Request(`${BASE}/exercises/${exercise.id}`, { method: "POST", body, headers: { Cookie: cookie } }),
      params: { id: String(exercise.id) },
      context: {},
    });
    expect(result).toMatchObject({
      data: { result: { status: "error", error: { files: ["training.fileTooLarge"] } } },
      init: { status: 413 },
    });
    expect(await ExerciseSubmission.count()).toBe(before);
  });

  it("answers an empty answer on its field and a set-exercise form's bad fields with 400", async () => {
    const [taker] = await createTakers(1, ids.townshipMediator.orgUnitId);
    const user = (await User.findByPk(taker.userId))!;
    const { createSession } = await import("~/.server/web/session");
    const cookie = (await createSession(user.id, new Request(BASE))).split(";")[0];
    const empty = await callRoute(exerciseRoute.action as never, {
      url: `/exercises/${exercise.id}`,
      params: { id: String(exercise.id) },
      cookie,
      form: { intent: "submit", body: "  " },
    });
    expect(empty.status).toBe(400);
    expect((empty.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({ body: ["exercise.bodyRequired"] });
    const { action } = await import("~/routes/exercises.new");
    const body = new FormData();
    for (const [k, v] of Object.entries({
      title: "",
      brief: "写出方案。",
      rubricId: String((await drill()).id),
      passPercent: "120",
      audience: `org:${ids.township.id}`,
      dueAt: inAWeek(),
      latePolicy: "accept",
      resubmissions: "1",
      hours: "2",
      form: "drill",
    }))
      body.set(k, v);
    const refused = (await action({
      request: new Request(`${BASE}/exercises/new`, { method: "POST", body, headers: { Cookie: ids.cookies.trainer! } }),
      params: {},
      context: {},
    })) as unknown as { data: { result: { error: Record<string, string[]> } }; init: { status: number } };
    expect(refused.init.status).toBe(400);
    expect(refused.data.result.error).toEqual({ title: ["validation.required"], passPercent: ["exercise.percentRange"] });
  });

  it("the rubric editor answers bad rows on their fields with 400, and gives the rubric as typed back", async () => {
    const { action } = await import("~/routes/rubrics.new");
    const form = {
      title: "",
      "criteria[0].name": "陈述事实",
      "criteria[0].levels[0].name": "清楚",
      "criteria[0].levels[0].points": "abc",
      "criteria[1].name": "",
      "criteria[1].levels[0].name": "",
    };
    const refused = await callRoute(action as never, { url: "/rubrics/new", cookie: ids.cookies.trainer, form });
    expect(refused.status).toBe(400);
    const { result } = refused.body as { result: { error: Record<string, string[]>; initialValue: { criteria: { name: string }[] } } };
    expect(result.error).toMatchObject({
      title: ["validation.required"],
      "criteria[0].levels": ["rubric.levelsCount"],
      "criteria[0].levels[0].points": ["rubric.pointsNumber"],
    });
    expect(result.initialValue.criteria.map((c) => c.name)).toEqual(["陈述事实"]);
    const more = await callRoute(action as never, { url: "/rubrics/new", cookie: ids.cookies.trainer, form: { ...form, intent: "more" } });
    expect(more).toMatchObject({ status: 200, body: { extra: 2 } });
  });

  it("gives a grader with a stale page a conflict and their own picks back", async () => {
    const [taker] = await createTakers(1, ids.townshipMediator.orgUnitId);
    const submitted = await saveSubmission(taker.userId, exercise, { body: "冲突测试", intent: "submit" }, []);
    if (!submitted.ok) throw new Error(submitted.error);
    const id = submitted.submission.id;
    expect(
      await saveGrade(trainer, id, { grade: gradeAt(exercise, 2), overallComment: "", version: 0, intent: "save", reason: "" }),
    ).toEqual({ ok: true, state: "graded" });
    const body = new URLSearchParams({ version: "0", intent: "save", overallComment: "我的总评" });
    for (const c of exercise.rubric.criteria) body.set(`level.${c.id}`, c.levels[0].id);
    const response = (await gradeRoute.action({
      request: new Request(`${BASE}/grading/submissions/${id}`, { method: "POST", body, headers: { Cookie: ids.cookies.trainer! } }),
      params: { id: String(id) },
      context: {},
    })) as unknown as {
      data: { result: { error: Record<string, string[]>; initialValue: { overallComment: string; level: Record<string, string> } } };
      init: { status: number };
    };
    expect(response.init.status).toBe(409);
    const { result } = response.data;
    expect(result.error).toEqual({ "": ["grading.error.conflict"] });
    expect(result.initialValue.overallComment).toBe("我的总评");
    expect(result.initialValue.level[exercise.rubric.criteria[0].id]).toBe(exercise.rubric.criteria[0].levels[0].id);
    expect((await ExerciseSubmission.findByPk(id))!.score).toBe(36);
  });

  it("keeps the mediator's name out of an anonymous submission's page until release", async () => {
    const [taker] = await createTakers(1, ids.townshipMediator.orgUnitId);
    const submitted = await saveSubmission(taker.userId, exercise, { body: "匿名评阅测试", intent: "submit" }, []);
    if (!submitted.ok) throw new Error(submitted.error);
    const name = (await Mediator.findOne({ where: { userId: taker.userId } }))!.name;
    const page = await callRoute(gradeRoute.loader as never, {
      url: `/grading/submissions/${submitted.submission.id}`,
      params: { id: String(submitted.submission.id) },
      cookie: ids.cookies.trainer,
    });
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.body)).not.toContain(name);
    const foreign = await callRoute(gradeRoute.loader as never, {
      url: `/grading/submissions/${submitted.submission.id}`,
      params: { id: String(submitted.submission.id) },
      cookie: ids.cookies.otherCounty,
    });
    expect(foreign.status).toBe(404);
    const own = await callRoute(exerciseRoute.loader as never, {
      url: `/exercises/${exercise.id}`,
      params: { id: String(exercise.id) },
      cookie: ids.cookies.mediator,
    });
    expect(own.status).toBe(200);
    // The released result of demo_mediator is shown to them with the rubric breakdown.
    expect((own.body as { mine: { result: unknown } }).mine.result).toMatchObject({ score: 0, passed: false });
  });
});

describe("a submission's files", () => {
  const PHOTO = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 4, 4, 4]);
  const PLAN = new TextEncoder().encode("%PDF-1.4\n% (调解方案)\n");
  let cookie: string;
  let userId: number;
  beforeAll(async () => {
    const [taker] = await createTakers(1, ids.townshipMediator.orgUnitId);
    userId = taker.userId;
    const { createSession } = await import("~/.server/web/session");
    cookie = (await createSession(userId, new Request(BASE))).split(";")[0];
  });
  /** Posts the exercise page's form as the browser does (multipart), or a small plain form. */
  const post = async (who: string, values: Record<string, string>, files: { name: string; bytes: Uint8Array }[] = [], multipart = true) => {
    let body: FormData | URLSearchParams;
    if (multipart) {
      body = new FormData();
      for (const [k, v] of Object.entries(values)) body.set(k, v);
      for (const f of files) body.append("files", new Blob([f.bytes as BlobPart]), f.name);
    } else body = new URLSearchParams(values);
    try {
      const result = await exerciseRoute.action({
        request: new Request(`${BASE}/exercises/${exercise.id}`, { method: "POST", body, headers: { Cookie: who } }),
        params: { id: String(exercise.id) },
        context: {},
      });
      const wrapped = result as { type?: string; init?: { status?: number } };
      return { status: wrapped?.type === "DataWithResponseInit" ? wrapped.init?.status : 200, result };
    } catch (thrown) {
      if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
      throw thrown;
    }
  };
  const mine = async () => (await ExerciseSubmission.findOne({ where: { exerciseId: exercise.id, userId } }))!;
  const names = async () => (await listAttachments("submission", (await mine()).id)).map((a) => a.originalName);

  it("a file chosen once is stored once: draft, then 提交 with the same file still chosen", async () => {
    expect(
      (
        await post(cookie, { intent: "draft", body: "一、分别听取双方陈述。" }, [
          { name: "现场草图.png", bytes: PHOTO },
          { name: "调解方案.pdf", bytes: PLAN },
        ])
      ).location,
    ).toBe(`/exercises/${exercise.id}?done=draft`);
    expect(await names()).toEqual(["现场草图.png", "调解方案.pdf"]);
    const page = await callRoute(exerciseRoute.loader as never, {
      url: `/exercises/${exercise.id}`,
      params: { id: String(exercise.id) },
      cookie,
    });
    expect((page.body as { mine: { files: { name: string }[] } }).mine.files.map((f) => f.name)).toEqual(["现场草图.png", "调解方案.pdf"]);

    // 删除 on the draft: not for another mediator, a grader or a file of another record; then for the author.
    const [photo, plan] = await listAttachments("submission", (await mine()).id);
    expect((await post(ids.cookies.mediator!, { intent: "remove-file", attachmentId: String(photo.id) }, [], false)).status).toBe(404);
    expect((await post(ids.cookies.trainer!, { intent: "remove-file", attachmentId: String(photo.id) }, [], false)).status).toBe(404);
    expect((await post(cookie, { intent: "remove-file", attachmentId: "999999" }, [], false)).status).toBe(404);
    expect((await post(cookie, { intent: "remove-file", attachmentId: String(photo.id) }, [], false)).location).toBe(
      `/exercises/${exercise.id}?done=removed`,
    );
    expect(await names()).toEqual(["调解方案.pdf"]);

    // The stale form is sent with 提交, the pdf still in its file input: still one copy.
    expect(
      (await post(cookie, { intent: "submit", body: "一、分别听取双方陈述；二、现场指认界址。" }, [{ name: "调解方案.pdf", bytes: PLAN }]))
        .location,
    ).toBe(`/exercises/${exercise.id}?done=submit`);
    expect((await mine()).state).toBe("submitted");
    expect(await names()).toEqual(["调解方案.pdf"]);

    // Submitted: the author can no longer remove it.
    expect((await post(cookie, { intent: "remove-file", attachmentId: String(plan.id) }, [], false)).status).toBe(409);
    expect(await names()).toEqual(["调解方案.pdf"]);

    // The grader sees it once, and downloads it: sniffed type, attachment, RFC 5987 name, nosniff.
    const graded = await callRoute(gradeRoute.loader as never, {
      url: `/grading/submissions/${(await mine()).id}`,
      params: { id: String((await mine()).id) },
      cookie: ids.cookies.trainer,
    });
    expect((graded.body as { submission: { files: { name: string }[] } }).submission.files.map((f) => f.name)).toEqual(["调解方案.pdf"]);
    const download = (await gradeFileRoute.loader({
      request: new Request(`${BASE}/grading/submissions/${(await mine()).id}/files/${plan.id}`, {
        headers: { Cookie: ids.cookies.trainer! },
      }),
      params: { id: String((await mine()).id), fileId: String(plan.id) },
      context: {},
    } as never)) as Response;
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    expect(download.headers.get("Content-Disposition")).toBe(
      `attachment; filename="____.pdf"; filename*=UTF-8''%E8%B0%83%E8%A7%A3%E6%96%B9%E6%A1%88.pdf`,
    );
    expect(download.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(PLAN))).toBe(true);
    const foreign = await callRoute(gradeFileRoute.loader as never, {
      url: `/grading/submissions/${(await mine()).id}/files/${plan.id}`,
      params: { id: String((await mine()).id), fileId: String(plan.id) },
      cookie: ids.cookies.otherCounty,
    });
    expect(foreign.status).toBe(404);
  });

  it("a draft's files are its author's alone: graders get 404 until it is submitted", async () => {
    const [taker] = await createTakers(1, ids.townshipMediator.orgUnitId);
    const draft = await saveSubmission(taker.userId, exercise, { body: "草稿", intent: "draft" }, [{ name: "草图.png", bytes: PHOTO }]);
    if (!draft.ok) throw new Error(draft.error);
    const [file] = await listAttachments("submission", draft.submission.id);
    const get = (who: string | null) =>
      callRoute(gradeFileRoute.loader as never, {
        url: `/grading/submissions/${draft.submission.id}/files/${file.id}`,
        params: { id: String(draft.submission.id), fileId: String(file.id) },
        cookie: who,
      });
    expect((await get(ids.cookies.trainer)).status).toBe(404);
    expect((await get(ids.cookies.sysadmin)).status).toBe(404);
  });
});

describe("the exercise lists", () => {
  it("are selected in the database, so exercises elsewhere never crowd out one's own", async () => {
    const { exerciseLists, LIST_LIMIT } = await import("~/.server/exercises/exercises");
    const parsed = parseExerciseForm(
      form({
        title: "本县作业：婚姻家庭纠纷调解",
        brief: "写出调解方案。",
        rubricId: String((await drill()).id),
        passPercent: "60",
        audience: `org:${ids.county1.id}`,
        dueAt: inAWeek(),
        latePolicy: "accept",
        resubmissions: "0",
        hours: "2",
        form: "drill",
      }),
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const created = await createExercise(trainer, parsed.input);
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const own = created.exercise;
    // More than a list's worth of exercises in the other county, all due later than ours.
    const template = own.get({ plain: true }) as Record<string, unknown>;
    delete template.id;
    await Exercise.bulkCreate(
      Array.from({ length: LIST_LIMIT + 1 }, (_, i) => ({
        ...template,
        title: `外县作业${i}`,
        orgUnitId: ids.county2.id,
        audienceOrgUnitId: ids.county2.id,
        dueAt: new Date(Date.UTC(2099, 0, 1) + i * 60_000),
      })) as never,
    );
    try {
      const trainerLists = await exerciseLists(trainer);
      expect(trainerLists.managed.map((e) => e.id)).toContain(own.id);
      expect(trainerLists.managed.filter((e) => e.orgUnitId === ids.county2.id)).toEqual([]);
      const mediatorLists = await exerciseLists({ id: ids.mediatorUser.id, scopes: [] });
      expect(mediatorLists.mine.map((m) => m.exercise.id)).toContain(own.id);
      expect(mediatorLists.managed).toEqual([]);
      for (const { exercise: listed } of mediatorLists.mine)
        expect((await exerciseFor({ id: ids.mediatorUser.id, scopes: [] }, listed.id))?.member).toBe(true);
      const otherCounty = await exerciseLists({ id: trainer.id, scopes: county2 });
      expect(otherCounty.managed).toHaveLength(LIST_LIMIT);
      expect(otherCounty.managed[0].title).toBe(`外县作业${LIST_LIMIT}`);
      expect(otherCounty.managed.map((e) => e.id)).not.toContain(own.id);
    } finally {
      await Exercise.destroy({ where: { orgUnitId: ids.county2.id, title: { [Op.like]: "外县作业%" } } });
    }
  });
});
