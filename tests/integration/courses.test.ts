import {
  AuditEvent,
  CourseAssignment,
  CourseEnrolment,
  LessonProgress,
  Mediator,
  Notification,
  OrgUnit,
  TrainingRecord,
  User,
} from "~/.server/db/models";
import * as assignmentsRoute from "~/routes/courses.assignments";
import * as assignmentDetail from "~/routes/courses.assignments.$id";
import * as newEvent from "~/routes/events.new";
import { assignCourse, assignmentsForUser, assignmentsWithCompletion } from "~/.server/courses/assignments";
import { getCourse, listCourses } from "~/.server/courses/catalog";
import { enrol, markLessonRead, progressByCourse } from "~/.server/courses/progress";
import { localeCookie } from "~/.server/i18n";
import { getOrgScope } from "~/.server/org";
import * as lessonRoute from "~/routes/courses.$slug.$lesson";
import * as courseRoute from "~/routes/courses.$slug._index";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { callRoute, seedWithPersonas } from "../support/personas";
import { passCourseQuiz } from "../support/quiz-takers";

let db: TestDatabase;
let ids: Awaited<ReturnType<typeof seedWithPersonas>>;
beforeAll(async () => {
  db = await createMigratedDatabase();
  ids = await seedWithPersonas();
});
afterAll(() => db.drop());

const course = () => getCourse("labour")!;

describe("reading a course", () => {
  it("refuses to mark progress on a course one is not enrolled in", async () => {
    expect(await markLessonRead(ids.mediatorUser.id, course(), course().lessons[0].slug)).toEqual({ ok: false, error: "notEnrolled" });
    const outcome = await callRoute(lessonRoute.action as never, {
      url: `/courses/labour/${course().lessons[0].slug}`,
      params: { slug: "labour", lesson: course().lessons[0].slug },
      cookie: ids.cookies.mediator,
      form: { intent: "read" },
    });
    expect(outcome.status).toBe(409);
    expect(await LessonProgress.count({ where: { lessonSlug: course().lessons[0].slug } })).toBe(0);
  });

  it("counts a lesson marked twice once, and completes the course with exactly one training record", async () => {
    const userId = ids.mediatorUser.id;
    await enrol(userId, "labour");
    await enrol(userId, "labour");
    expect(await CourseEnrolment.count({ where: { userId, courseSlug: "labour" } })).toBe(1);
    const [first, ...rest] = course().lessons;
    await markLessonRead(userId, course(), first.slug);
    await Promise.all([markLessonRead(userId, course(), first.slug), markLessonRead(userId, course(), first.slug)]);
    expect((await progressByCourse(userId, listCourses()))["labour"]).toEqual({
      read: 1,
      total: course().lessons.length,
      completed: false,
    });
    expect(await TrainingRecord.count({ where: { source: "course" } })).toBe(0);

    // Reading everything is not enough while the course quiz is not passed.
    await passCourseQuiz(userId, "labour");
    expect(await TrainingRecord.count({ where: { source: "course" } })).toBe(0);
    const results = [];
    for (const lesson of rest) results.push(await markLessonRead(userId, course(), lesson.slug));
    expect(results.at(-1)).toEqual({ ok: true, completedNow: true });
    await markLessonRead(userId, course(), rest.at(-1)!.slug);

    const records = await TrainingRecord.findAll({ where: { userId, source: "course" } });
    expect(records).toHaveLength(1);
    const mediator = (await Mediator.findOne({ where: { userId } }))!;
    expect(records[0]).toMatchObject({
      source: "course",
      hours: course().hours,
      form: "online_course",
      kind: "specialised",
      mediatorId: mediator.id,
      orgPath: mediator.orgPath,
      title: course().title,
    });
    expect((await progressByCourse(userId, listCourses()))["labour"].completed).toBe(true);
  });

  it("marks through the lesson page without JavaScript: a POST and a redirect", async () => {
    const slug = getCourse("neighbourhood")!.lessons[0].slug;
    const params = { slug: "neighbourhood", lesson: slug };
    const enrolled = await callRoute(lessonRoute.action as never, {
      url: `/courses/neighbourhood/${slug}`,
      params,
      cookie: ids.cookies.trainer,
      form: { intent: "enrol" },
    });
    expect(enrolled).toMatchObject({ status: 302, location: `/courses/neighbourhood/${slug}` });
    const read = await callRoute(lessonRoute.action as never, {
      url: `/courses/neighbourhood/${slug}`,
      params,
      cookie: ids.cookies.trainer,
      form: { intent: "read" },
    });
    expect(read).toMatchObject({ status: 302, location: `/courses/neighbourhood/${slug}?marked=read` });
    // A trainer has no roster entry: progress counts, but nothing lands on a mediator's record.
    const trainer = (await User.findOne({ where: { username: "demo_trainer" } }))!;
    expect((await progressByCourse(trainer.id, listCourses()))["neighbourhood"].read).toBe(1);
  });

  it("serves the lesson's HTML as the content build rendered it, in the reader's language", async () => {
    const params = { slug: "labour", lesson: "unpaid-wages" };
    const page = async (cookie: string) => {
      const outcome = await callRoute(lessonRoute.loader as never, { url: "/courses/labour/unpaid-wages", params, cookie });
      expect(outcome.status).toBe(200);
      return (outcome.body as { lesson: { html: string } }).lesson.html;
    };
    const zh = await page(ids.cookies.mediator!);
    // The case text inside <CaseFacts>, under the section's label and with a cited article's text.
    expect(zh).toContain("至3月底共拖欠十四名工人1月至3月工资186400元");
    expect(zh).toMatch(/<h2 id="s\d+-title"[^>]*>案情<\/h2>/);
    expect(zh).toContain("<figure");
    const english = `${ids.cookies.mediator}; ${(await localeCookie.serialize("en")).split(";")[0]}`;
    const en = await page(english);
    expect(en).toContain("至3月底共拖欠十四名工人1月至3月工资186400元");
    expect(en).toMatch(/<h2 id="s\d+-title"[^>]*>The case<\/h2>/);
    expect(en).toBe(getCourse("labour")!.lessons.find((l) => l.slug === "unpaid-wages")!.html.en);

    const overview = await callRoute(courseRoute.loader as never, { url: "/courses/labour", params: { slug: "labour" } });
    expect((overview.body as { course: { intro: string } }).course.intro).toBe(getCourse("labour")!.introHtml["zh-CN"]);
    expect(getCourse("labour")!.introHtml["zh-CN"]).toContain("<p>");
  });

  it("answers 404 for an unknown course or lesson", async () => {
    expect((await callRoute(courseRoute.loader as never, { url: "/courses/nope", params: { slug: "nope" } })).status).toBe(404);
    expect(
      (
        await callRoute(lessonRoute.loader as never, {
          url: "/courses/labour/nope",
          params: { slug: "labour", lesson: "nope" },
          cookie: ids.cookies.mediator,
        })
      ).status,
    ).toBe(404);
  });
});

describe("course assignments", () => {
  const actor = async (username: string, orgId: number) => ({
    id: (await User.findOne({ where: { username } }))!.id,
    scopes: [(await getOrgScope(orgId))!],
    ip: "test",
  });

  it("a county assigns a course to its subtree; duplicates and other counties are refused", async () => {
    const county = await actor("demo_county", ids.county1.id);
    const ok = await assignCourse(county, {
      courseSlug: "skills-and-emotions",
      orgUnitId: ids.township.id,
      year: 2026,
      dueOn: "2026-12-31",
    });
    expect(ok.ok).toBe(true);
    expect(
      await assignCourse(county, { courseSlug: "skills-and-emotions", orgUnitId: ids.township.id, year: 2026, dueOn: "2026-12-15" }),
    ).toMatchObject({ ok: false, error: "courses.assignExists" });
    expect(
      await assignCourse(county, { courseSlug: "skills-and-emotions", orgUnitId: ids.county2.id, year: 2026, dueOn: "2026-12-15" }),
    ).toMatchObject({ ok: false, field: "orgUnitId" });
    expect(
      await assignCourse(county, { courseSlug: "no-such-course", orgUnitId: ids.township.id, year: 2026, dueOn: "2026-12-15" }),
    ).toMatchObject({ ok: false, field: "courseSlug" });
  });

  it("the mediator sees it as assigned; admins see completion per assignment", async () => {
    expect(await assignmentsForUser(ids.mediatorUser.id, 2026)).toContainEqual({ courseSlug: "skills-and-emotions", dueOn: "2026-12-31" });
    const county = await actor("demo_county", ids.county1.id);
    const mine = async () => (await assignmentsWithCompletion(county.scopes, 2026)).find((a) => a.courseSlug === "skills-and-emotions")!;
    const before = await mine();
    expect(before.completed).toBe(0);
    const basics = getCourse("skills-and-emotions")!;
    await enrol(ids.mediatorUser.id, basics.slug);
    for (const lesson of basics.lessons) await markLessonRead(ids.mediatorUser.id, basics, lesson.slug);
    expect((await mine()).completed).toBe(0);
    await passCourseQuiz(ids.mediatorUser.id, basics.slug);
    const after = await mine();
    expect(after).toMatchObject({ completed: 1, total: before.total });
    expect(after.total).toBeGreaterThan(10);
    const other = await actor("demo_county2", ids.county2.id);
    expect((await assignmentsWithCompletion(other.scopes, 2026)).map((a) => a.courseSlug)).not.toContain("skills-and-emotions");
  });
});

describe("course assignments: committees, who is behind, reminders, editing and withdrawing (issue 22, defect 7)", () => {
  const actor = async (username: string, orgId: number) => ({
    id: (await User.findOne({ where: { username } }))!.id,
    scopes: [(await getOrgScope(orgId))!],
    ip: "test",
  });
  const committeeOf = async () => (await OrgUnit.findOne({ where: { name: "东门社区人民调解委员会" } }))!;
  type Detail = Awaited<ReturnType<typeof assignmentDetail.loader>>;
  const errorsOf = (o: { body?: unknown }) => (o.body as { result: { error: Record<string, string[]> } }).result.error;

  it("offers the admin's committees as audiences for assignments and new events, only inside their subtree", async () => {
    const page = (await callRoute(assignmentsRoute.loader as never, { url: "/courses/assignments", cookie: ids.cookies.county }))
      .body as Awaited<ReturnType<typeof assignmentsRoute.loader>>;
    const committee = await committeeOf();
    expect(page.orgs).toContainEqual(expect.objectContaining({ id: committee.id, kind: "committee" }));
    const paths = await OrgUnit.findAll({ where: { id: page.orgs.map((o) => o.id) }, attributes: ["path"] });
    expect(paths.every((o) => o.path.startsWith(ids.county1.path))).toBe(true);
    const eventForm = (await callRoute(newEvent.loader as never, { url: "/events/new", cookie: ids.cookies.trainer })).body as {
      orgs: { id: number; kind: string }[];
    };
    expect(eventForm.orgs).toContainEqual(expect.objectContaining({ id: committee.id, kind: "committee" }));
  });

  it("assigns to a committee, lists who is behind and reminds them at most once a day, audited", async () => {
    const committee = await committeeOf();
    const assigned = await callRoute(assignmentsRoute.action as never, {
      url: "/courses/assignments",
      cookie: ids.cookies.county,
      form: { courseSlug: "marriage-family", orgUnitId: String(committee.id), year: "2026", dueOn: "2026-12-25", once: "" },
    });
    expect(assigned.status).toBe(302);
    const row = (await CourseAssignment.findOne({ where: { courseSlug: "marriage-family", orgUnitId: committee.id, year: 2026 } }))!;
    expect(await Notification.count({ where: { kind: "courseAssigned", subjectId: "marriage-family", userId: ids.mediatorUser.id } })).toBe(
      1,
    );
    const params = { id: String(row.id) };
    const url = `/courses/assignments/${row.id}`;
    const detail = (await callRoute(assignmentDetail.loader as never, { url, params, cookie: ids.cookies.county })).body as Detail;
    const county = await actor("demo_county", ids.county1.id);
    const progress = (await assignmentsWithCompletion(county.scopes, 2026)).find((a) => a.id === row.id)!;
    expect(progress.total).toBe(await Mediator.count({ where: { orgUnitId: committee.id, status: "active" } }));
    expect(detail.behind.total).toBe(progress.total - progress.completed);
    const me = (await Mediator.findOne({ where: { userId: ids.mediatorUser.id } }))!;
    expect(detail.behind.rows).toContainEqual(expect.objectContaining({ id: me.id, hasAccount: true, started: true }));

    const remind = () =>
      callRoute(assignmentDetail.action as never, { url, params, cookie: ids.cookies.county, form: { intent: "remind" } });
    const first = await remind();
    const reachable = detail.behind.rows.filter((r) => r.hasAccount).length;
    expect(reachable).toBeGreaterThan(0);
    expect(first).toMatchObject({ status: 302, location: `${url}?sent=${reachable}&skipped=0` });
    expect((await remind()).location).toBe(`${url}?sent=0&skipped=${reachable}`);
    expect(await Notification.count({ where: { kind: "courseReminder", subjectId: "marriage-family", userId: ids.mediatorUser.id } })).toBe(
      1,
    );
    expect(await AuditEvent.count({ where: { action: "course.reminded", targetId: String(row.id) } })).toBe(2);
    // Another county's admin cannot see or act on it.
    expect(
      (await callRoute(assignmentDetail.action as never, { url, params, cookie: ids.cookies.otherCounty, form: { intent: "remind" } }))
        .status,
    ).toBe(404);
  });

  it("moves the due date inside the year and withdraws with a reason, audited, telling the assigned mediators", async () => {
    const committee = await committeeOf();
    const row = (await CourseAssignment.findOne({ where: { courseSlug: "marriage-family", orgUnitId: committee.id, year: 2026 } }))!;
    const params = { id: String(row.id) };
    const url = `/courses/assignments/${row.id}`;
    const post = (form: Record<string, string>) =>
      callRoute(assignmentDetail.action as never, { url, params, cookie: ids.cookies.county, form });
    const outOfYear = await post({ intent: "due", dueOn: "2027-01-10" });
    expect(outOfYear.status).toBe(400);
    expect(errorsOf(outOfYear)).toEqual({ dueOn: ["courses.dueInYear"] });
    expect(errorsOf(await post({ intent: "due", dueOn: "2026-02-30" }))).toEqual({ dueOn: ["validation.date"] });
    expect(await post({ intent: "due", dueOn: "2026-12-10" })).toMatchObject({ status: 302 });
    expect((await CourseAssignment.findByPk(row.id))!.dueOn).toBe("2026-12-10");
    expect(await AuditEvent.findOne({ where: { action: "course.assignment_changed", targetId: String(row.id) } })).toMatchObject({
      beforeSummary: JSON.stringify({ dueOn: "2026-12-25" }),
      afterSummary: JSON.stringify({ dueOn: "2026-12-10" }),
    });
    expect(
      await Notification.count({ where: { kind: "courseDueChanged", subjectId: "marriage-family", userId: ids.mediatorUser.id } }),
    ).toBe(1);

    const noReason = await post({ intent: "withdraw", reason: "" });
    expect(noReason.status).toBe(400);
    expect(errorsOf(noReason)).toEqual({ reason: ["validation.required"] });
    expect(await CourseAssignment.findByPk(row.id)).not.toBeNull();
    expect(await post({ intent: "withdraw", reason: "与年度计划重复" })).toMatchObject({
      status: 302,
      location: "/courses/assignments?year=2026",
    });
    expect(await CourseAssignment.findByPk(row.id)).toBeNull();
    expect(await AuditEvent.findOne({ where: { action: "course.assignment_withdrawn", targetId: String(row.id) } })).toMatchObject({
      reason: "与年度计划重复",
      beforeSummary: expect.stringContaining('"dueOn":"2026-12-10"'),
    });
    expect(
      await Notification.count({ where: { kind: "courseWithdrawn", subjectId: "marriage-family", userId: ids.mediatorUser.id } }),
    ).toBe(1);
    expect((await assignmentsForUser(ids.mediatorUser.id, 2026)).map((a) => a.courseSlug)).not.toContain("marriage-family");
    expect((await callRoute(assignmentDetail.loader as never, { url, params, cookie: ids.cookies.county })).status).toBe(404);
  });
});
