import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound, requireAccess } from "~/.server/web/guards";
import { getCurrentUser } from "~/.server/web/session";
import { getCourse } from "~/.server/courses/catalog";
import { enrol, progressIn } from "~/.server/courses/progress";
import { htmlIn } from "~/.server/courses/rendered";
import { courseQuizPassed } from "~/.server/courses/quiz-gate";
import { i18next } from "~/.server/i18n";
import { quizOfCourse } from "~/.server/quizzes/bank";
import { SubmitButton } from "~/components/form";
import { LessonHtml } from "~/components/LessonHtml";
import { ProgressBar } from "~/components/ProgressBar";
import { pageTitle } from "~/lib/meta";
import { studyStep } from "~/lib/course";

export const meta = pageTitle("courses.title", "course.title");

/** Public: a course's overview and lessons; a signed-in user sees read marks and can enrol. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const course = getCourse(params.slug);
  if (!course) throw notFound();
  const user = await getCurrentUser(request);
  const progress = user ? await progressIn(user.id, course) : null;
  const quiz = quizOfCourse(course.slug);
  return {
    quiz: quiz ? { id: quiz.id, title: quiz.title, passed: user ? await courseQuizPassed(user.id, course.slug) : false } : null,
    signedIn: Boolean(user),
    progress,
    course: {
      slug: course.slug,
      title: course.title,
      summary: course.summary,
      category: course.category,
      kind: course.kind,
      hours: course.hours,
      intro: htmlIn(course.introHtml, await i18next.getLocale(request)),
      lessons: course.lessons.map((l) => ({ slug: l.slug, title: l.title, minutes: l.minutes, summary: l.summary })),
    },
  };
}

/** Enrol: any signed-in user. */
export async function action({ request, params }: ActionFunctionArgs) {
  const course = getCourse(params.slug);
  if (!course) throw notFound();
  const { user } = await requireAccess(request, "course:study");
  await enrol(user.id, course.slug);
  throw redirect(`/courses/${course.slug}/${course.lessons[0].slug}`);
}

export default function CourseOverview() {
  const { t } = useTranslation();
  const { course, progress, signedIn, quiz } = useLoaderData<typeof loader>();
  const read = new Set(progress?.read ?? []);
  const step = progress?.enrolled ? studyStep(progress) : null;
  const next = (step !== "review" && course.lessons.find((l) => !read.has(l.slug))) || course.lessons[0];
  return (
    <article className="space-y-6">
      <Link to="/courses" className="text-sm text-brand-700 underline">
        {t("courses.back")}
      </Link>
      <header>
        <p className="text-sm text-stone-600">
          {t(`courseKind.${course.kind}`)} · {t(`category.${course.category}`)} ·{" "}
          {t("courses.meta", { hours: course.hours, lessons: course.lessons.length })}
        </p>
        <h1 className="mt-1 text-2xl font-bold text-brand-800">{course.title}</h1>
        <p className="mt-2 text-stone-700">{course.summary}</p>
        {progress?.enrolled ? (
          <ProgressBar read={progress.read.length} total={course.lessons.length} completed={Boolean(progress.completedAt)} />
        ) : null}
      </header>
      <div className="rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6">
        <LessonHtml html={course.intro} />
      </div>
      <div>
        {progress?.enrolled ? (
          <Link
            to={`/courses/${course.slug}/${next.slug}`}
            className="inline-block rounded-md bg-brand-700 px-5 py-3 font-medium text-white"
          >
            {t(`courses.${step ?? "start"}`)}
          </Link>
        ) : signedIn ? (
          <Form method="post">
            <SubmitButton>{t("courses.enrol")}</SubmitButton>
          </Form>
        ) : (
          <Link
            to={`/login?redirectTo=${encodeURIComponent(`/courses/${course.slug}`)}`}
            className="inline-block rounded-md bg-brand-700 px-5 py-3 font-medium text-white"
          >
            {t("courses.signInToEnrol")}
          </Link>
        )}
      </div>
      <section aria-labelledby="lessons">
        <h2 id="lessons" className="text-lg font-semibold">
          {t("courses.lessons")}
        </h2>
        <ol className="mt-2 divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200">
          {course.lessons.map((l, i) => (
            <li key={l.slug} className="flex items-start gap-3 p-3">
              <span
                aria-hidden
                className={`mt-0.5 grid size-6 shrink-0 place-items-center rounded-full text-xs ${read.has(l.slug) ? "bg-emerald-600 text-white" : "bg-stone-200 text-stone-700"}`}
              >
                {read.has(l.slug) ? "✓" : i + 1}
              </span>
              <div>
                {signedIn ? (
                  <Link to={`/courses/${course.slug}/${l.slug}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {l.title}
                  </Link>
                ) : (
                  <span className="font-medium">{l.title}</span>
                )}
                <span className="ml-2 text-xs text-stone-500">
                  {t("courses.minutes", { count: l.minutes })}
                  {read.has(l.slug) ? ` · ${t("courses.read")}` : ""}
                </span>
                {l.summary ? <p className="text-sm text-stone-600">{l.summary}</p> : null}
              </div>
            </li>
          ))}
        </ol>
      </section>
      {quiz ? (
        <section aria-labelledby="course-quiz" className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
          <h2 id="course-quiz" className="text-lg font-semibold">
            {t("courses.quiz")}
          </h2>
          <p className="mt-1 text-sm text-stone-600">{t("courses.quizHint")}</p>
          <p className="mt-2">
            {quiz.passed ? <span className="mr-3 font-medium text-emerald-700">{t("quiz.passed")}</span> : null}
            {progress?.enrolled ? (
              <Link to={`/quizzes/${quiz.id}`} className="text-brand-700 underline">
                {quiz.title}
              </Link>
            ) : (
              <span>{quiz.title}</span>
            )}
          </p>
        </section>
      ) : null}
    </article>
  );
}
