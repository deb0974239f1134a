import { CourseEnrolment, LessonProgress, Mediator, TrainingRecord, User } from "~/.server/db/models";
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
